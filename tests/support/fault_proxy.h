#pragma once

#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <list>
#include <mutex>
#include <thread>

namespace sanad::test {

/// A TCP proxy on 127.0.0.1 between the console core and a real server, for outage tests.
/// Modes apply to new and existing connections:
///   Pass      forward both ways;
///   Refuse    close every connection at once with a reset (a server that is down);
///   Blackhole accept and swallow, never answer (a cable pulled somewhere in between);
///   ResetMidResponse forward the request, then reset after the first bytes of the answer;
///   Delay     forward after `delay` per chunk;
///   ServerError answer every request itself with 500 (a server failing this request; the real
///             one cannot be made to fail on demand), Unavailable with 503 and the Retry-After
///             of setRetryAfter (none when 0: a proxy or a server in maintenance), Garbage with
///             201 and a body that is not JSON.
/// Thread-safety: setMode/setDelay from any thread; a thread per connection inside.
class FaultProxy {
public:
    enum class Mode {
        Pass,
        Refuse,
        Blackhole,
        ResetMidResponse,
        Delay,
        ServerError,
        Unavailable,
        Garbage
    };

    explicit FaultProxy(std::uint16_t targetPort);
    ~FaultProxy();

    std::uint16_t port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void setTarget(std::uint16_t targetPort) { target_ = targetPort; }
    void setMode(Mode mode) { mode_ = mode; }
    void setDelay(std::chrono::milliseconds delay) { delayMs_ = static_cast<int>(delay.count()); }
    void setRetryAfter(std::chrono::seconds after) {
        retryAfterS_ = static_cast<int>(after.count());
    }
    /// Connections accepted so far (a test waits for its client to be in the proxy).
    int accepted() const { return accepted_; }

private:
    void acceptLoop();
    void serve(Poco::Net::StreamSocket client);

    Poco::Net::ServerSocket listener_;
    std::uint16_t port_;
    std::atomic<std::uint16_t> target_;
    std::atomic<Mode> mode_{Mode::Pass};
    std::atomic<int> delayMs_{0};
    std::atomic<int> retryAfterS_{0};
    std::atomic<int> accepted_{0};
    std::atomic<bool> stop_{false};
    std::mutex threadsMutex_;
    std::list<std::thread> threads_;
    std::thread acceptor_;
};

}  // namespace sanad::test
