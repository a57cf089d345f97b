#include "virtual_pcsc.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/UUIDGenerator.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>

namespace sanad::test {
namespace {

constexpr const char* kPcscd = "/usr/sbin/pcscd";
constexpr const char* kVpcdDriver = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so";

}  // namespace

bool PcscdProcess::available(std::string& why) {
    if (::access(kPcscd, X_OK) != 0) {
        why = std::string(kPcscd) + " is missing (Debian package pcscd)";
        return false;
    }
    if (::access(kVpcdDriver, R_OK) != 0) {
        why = std::string(kVpcdDriver) + " is missing (Debian package vsmartcard-vpcd)";
        return false;
    }
    return true;
}

PcscdProcess::PcscdProcess() {
    dir_ = Poco::Path::temp() + "sanad-pcscd-" +
           Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
    Poco::File(dir_ + "/reader.conf.d").createDirectories();
    // A port pair of our own (vpcd listens on all interfaces); 35963 is Debian's default. Below
    // the kernel's ephemeral range (32768-60999): a port some connection just used locally, or a
    // socket still in TIME_WAIT, would keep vpcd from binding it and the readers would never
    // appear (seen once in CI with ports drawn from 40000-60000).
    std::mt19937 random(std::random_device{}());
    basePort_ =
        static_cast<std::uint16_t>(std::uniform_int_distribution<int>(10000, 15999)(random) * 2);
    std::ofstream conf(dir_ + "/reader.conf.d/vpcd");
    conf << "FRIENDLYNAME \"Virtual PCD\"\nDEVICENAME /dev/null:" << basePort_ << "\nLIBPATH "
         << kVpcdDriver << "\n";
    conf.close();
    ::setenv("PCSCLITE_CSOCK_NAME", (dir_ + "/pcscd.comm").c_str(), 1);
    ::mkdir("/run/pcscd", 0755);  // pcscd writes its pid file there
    start();
}

PcscdProcess::~PcscdProcess() {
    stop();
    try {
        Poco::File(dir_).remove(true);
    } catch (...) {
    }
}

void PcscdProcess::start() {
    const std::string socketPath = dir_ + "/pcscd.comm";
    ::unlink(socketPath.c_str());
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socketPath.c_str());
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd, 16) != 0) {
        throw std::runtime_error("cannot make the pcscd socket " + socketPath);
    }
    ::chmod(socketPath.c_str(), 0777);
    pid_ = ::fork();
    if (pid_ == 0) {
        // systemd-style socket activation: the listening socket is fd 3.
        if (fd != 3) {
            ::dup2(fd, 3);
            ::close(fd);
        }
        const std::string pid = std::to_string(::getpid());
        ::setenv("LISTEN_FDS", "1", 1);
        ::setenv("LISTEN_PID", pid.c_str(), 1);
        const std::string config = dir_ + "/reader.conf.d";
        const int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        ::execl(kPcscd, "pcscd", "--foreground", "--config", config.c_str(), nullptr);
        ::_exit(127);
    }
    ::close(fd);
    if (pid_ < 0) {
        throw std::runtime_error("cannot start pcscd");
    }
}

void PcscdProcess::stop() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
}

void PcscdProcess::kill() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
}

VirtualCard::VirtualCard(std::uint16_t vpcdPort, std::vector<std::uint8_t> uid)
    : port_(vpcdPort), uid_(std::move(uid)) {}

VirtualCard::~VirtualCard() {
    remove();
}

void VirtualCard::insert() {
    remove();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port_);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            fd_ = fd;
            thread_ = std::thread([this, fd] { serve(fd); });
            return;
        }
        ::close(fd);
        if (std::chrono::steady_clock::now() > deadline) {
            throw std::runtime_error("vpcd does not listen on port " + std::to_string(port_));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void VirtualCard::remove() {
    const int fd = fd_.exchange(-1);
    if (fd >= 0) {
        ::shutdown(fd, SHUT_RDWR);  // vpcd sees the card leave
    }
    if (thread_.joinable()) {
        thread_.join();
    }
    if (fd >= 0) {
        ::close(fd);
    }
}

void VirtualCard::serve(int fd) {
    static const std::vector<std::uint8_t> kAtr = {0x3B, 0x8F, 0x80, 0x01, 0x80, 0x4F, 0x0C,
                                                   0xA0, 0x00, 0x00, 0x03, 0x06, 0x03, 0x00,
                                                   0x01, 0x00, 0x00, 0x00, 0x00, 0x6A};
    auto readAll = [fd](std::uint8_t* data, std::size_t n) {
        std::size_t got = 0;
        while (got < n) {
            const ssize_t r = ::recv(fd, data + got, n - got, 0);
            if (r <= 0)
                return false;
            got += static_cast<std::size_t>(r);
            const int one = 1;  // re-armed after every read: else a 40 ms delayed ACK per exchange
            ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
        }
        return true;
    };
    auto send = [fd](const std::vector<std::uint8_t>& payload) {
        std::vector<std::uint8_t> message{static_cast<std::uint8_t>(payload.size() >> 8),
                                          static_cast<std::uint8_t>(payload.size())};
        message.insert(message.end(), payload.begin(), payload.end());
        ::send(fd, message.data(), message.size(), MSG_NOSIGNAL);
    };
    for (;;) {
        std::uint8_t header[2];
        if (!readAll(header, 2))
            break;
        const std::size_t length = static_cast<std::size_t>(header[0] << 8 | header[1]);
        std::vector<std::uint8_t> payload(length);
        if (length > 0 && !readAll(payload.data(), length))
            break;
        if (length == 1) {
            if (payload[0] == 4)
                send(kAtr);  // 0 off, 1 on, 2 reset need no answer
            continue;
        }
        if (length >= 5 && payload[0] == 0xFF && payload[1] == 0xCA) {
            ++uidReads_;
            if (tearOnRead_) {
                ::shutdown(fd, SHUT_RDWR);  // gone before answering
                break;
            }
            if (payload[2] != 0x00 || payload[3] != 0x00) {
                send({0x6A, 0x81});
            } else {
                std::vector<std::uint8_t> answer = uid_;
                answer.push_back(0x90);
                answer.push_back(0x00);
                send(answer);
            }
            continue;
        }
        send({0x6D, 0x00});  // instruction not supported
    }
}

}  // namespace sanad::test
