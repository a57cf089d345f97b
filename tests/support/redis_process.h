#pragma once

#include <Poco/Process.h>

#include <cstdint>
#include <memory>
#include <string>

namespace sanad::test {

/// A private `redis-server` on 127.0.0.1 (no persistence), a child of the test. It can be stopped
/// and started again on the same port: a Redis that goes away and comes back.
class RedisProcess {
public:
    RedisProcess();
    ~RedisProcess();
    RedisProcess(const RedisProcess&) = delete;
    RedisProcess& operator=(const RedisProcess&) = delete;

    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    void stop();
    void start();

private:
    std::uint16_t port_ = 0;
    std::unique_ptr<Poco::ProcessHandle> handle_;
};

}  // namespace sanad::test
