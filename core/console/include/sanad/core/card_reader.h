#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace sanad::core {

/// What the status bar says about the desk's card reader.
enum class ReaderStatus {
    NoReader,     // "Kein Kartenleser angeschlossen"
    Ready,        // "Kartenleser: <name> bereit"
    CardPresent,  // a card is on the reader
    Error,        // "Kartenleser nicht verfügbar – wird erneut verbunden …"
};

struct ReaderState {
    ReaderStatus status = ReaderStatus::NoReader;
    std::string readerName;  // the reader it is about, if any
    std::string detail;      // for Error: what went wrong, in words an IT admin can act on
    bool operator==(const ReaderState&) const = default;
};

/// Turns a card's UID into its card_ref (core's HMAC under the practice key). The raw UID goes
/// into this function and nowhere else.
using CardRefMaker = std::function<std::string(std::span<const std::uint8_t> uid)>;

/// What a card reader reports. Called on the card-reader thread, never under a lock; must not
/// block (the UI adapter only hops threads, the CLI prints a line).
class CardReaderListener {
public:
    virtual ~CardReaderListener() = default;
    virtual void readerStateChanged(const ReaderState& /*state*/) {}
    virtual void readerAdded(const std::string& /*reader*/) {}
    virtual void readerRemoved(const std::string& /*reader*/) {}
    /// One tap per card presence; the same card again within the debounce time is the same tap.
    virtual void cardTapped(const std::string& reader, const std::string& cardRef) = 0;
};

/// A source of card taps: the PC/SC reader, or the simulated one of the demo and tests.
class CardReader {
public:
    virtual ~CardReader() = default;
    virtual void start() = 0;
    /// Returns promptly (well within a second) and reports nothing afterwards.
    virtual void stop() = 0;
    virtual std::vector<std::string> readers() const = 0;
};

struct PcscOptions {
    std::chrono::milliseconds debounce{3000};
    /// How long to wait after the PC/SC service went away before trying again (grows to 2 s).
    std::chrono::milliseconds firstRetry{200};
};

/// The PC/SC card reader monitor (winscard on Windows, pcsc-lite on Linux): one thread waits in
/// SCardGetStatusChange on every reader and on the PnP notification, reads the UID with
/// `FF CA 00 00 00` on each new card, and survives the service going away.
std::unique_ptr<CardReader> makePcscCardReader(CardRefMaker cardRef, CardReaderListener* listener,
                                               PcscOptions options = {});

/// A reader without hardware: `tap` goes through the same listener path as a real card.
class SimulatedCardReader : public CardReader {
public:
    SimulatedCardReader(CardRefMaker cardRef, CardReaderListener* listener,
                        std::string name = "Simulated reader");
    void start() override;
    void stop() override;
    std::vector<std::string> readers() const override { return {name_}; }
    /// Reports a tap of `uid` on the calling thread.
    void tap(std::span<const std::uint8_t> uid);

private:
    CardRefMaker cardRef_;
    CardReaderListener* listener_;
    std::string name_;
    bool running_ = false;
};

}  // namespace sanad::core
