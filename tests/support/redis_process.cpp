#include "redis_process.h"

#include <Poco/Exception.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>

namespace sanad::test {

RedisProcess::RedisProcess() {
    // A port below the ephemeral range (32768+ on Linux), so no outgoing connection takes it
    // while Redis is stopped and the tests start it again on the same port.
    std::random_device random;
    for (int attempt = 0; attempt < 100 && port_ == 0; ++attempt) {
        const auto candidate = static_cast<std::uint16_t>(20000 + random() % 10000);
        try {
            Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", candidate));
            port_ = candidate;
        } catch (const Poco::Exception&) {
            // taken: try another
        }
    }
    if (port_ == 0) {
        throw std::runtime_error("no free port for redis-server");
    }
    start();
}

RedisProcess::~RedisProcess() {
    stop();
}

void RedisProcess::start() {
    if (handle_) {
        return;
    }
    handle_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(
        "redis-server", {"--bind", "127.0.0.1", "--port", std::to_string(port_), "--save", "",
                         "--appendonly", "no", "--loglevel", "warning"}));
    for (int i = 0; i < 100; ++i) {
        try {
            Poco::Net::StreamSocket probe;
            probe.connect(Poco::Net::SocketAddress("127.0.0.1", port_), Poco::Timespan(0, 100000));
            return;
        } catch (const Poco::Exception&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    throw std::runtime_error("redis-server did not start on port " + std::to_string(port_));
}

void RedisProcess::stop() {
    if (!handle_) {
        return;
    }
    try {
        Poco::Process::kill(*handle_);
        handle_->wait();
    } catch (const Poco::Exception&) {
        // already gone
    }
    handle_.reset();
}

}  // namespace sanad::test
