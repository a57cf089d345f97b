#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace sanad::test {

/// A private, real pcscd with the vsmartcard vpcd driver (TESTING-PCSC.md): socket-activated on a
/// socket in its own folder, reader config in its own folder, and PCSCLITE_CSOCK_NAME set in this
/// process so the PC/SC client library talks to it and never to a system pcscd.
/// Gives the readers "Virtual PCD 00 00" (vpcdPort(0)) and "Virtual PCD 00 01" (vpcdPort(1)).
class PcscdProcess {
public:
    PcscdProcess();
    ~PcscdProcess();
    PcscdProcess(const PcscdProcess&) = delete;
    PcscdProcess& operator=(const PcscdProcess&) = delete;

    /// Whether pcscd and the vpcd driver are installed; tests say so loudly when they are not.
    static bool available(std::string& why);

    void start();
    void stop();  // SIGTERM
    void kill();  // SIGKILL
    std::uint16_t vpcdPort(int slot) const { return static_cast<std::uint16_t>(basePort_ + slot); }
    static std::string readerName(int slot) { return "Virtual PCD 00 0" + std::to_string(slot); }

private:
    std::string dir_;
    std::uint16_t basePort_;
    pid_t pid_ = -1;
};

/// A contactless card of our own that plugs into vpcd over TCP: "on the reader" while connected.
/// Answers ATR requests and `FF CA 00 00 00` with its UID and 90 00.
class VirtualCard {
public:
    VirtualCard(std::uint16_t vpcdPort, std::vector<std::uint8_t> uid);
    ~VirtualCard();

    /// Puts the card on the reader (connects to vpcd, retrying while pcscd starts up).
    void insert();
    /// Takes it off (closes the connection).
    void remove();
    /// When set, the card vanishes the moment the UID is asked for, without answering.
    void tearOnRead(bool tear) { tearOnRead_ = tear; }
    int uidReads() const { return uidReads_; }

private:
    void serve(int fd);

    std::uint16_t port_;
    std::vector<std::uint8_t> uid_;
    std::atomic<bool> tearOnRead_{false};
    std::atomic<int> uidReads_{0};
    std::atomic<int> fd_{-1};
    std::thread thread_;
};

}  // namespace sanad::test
