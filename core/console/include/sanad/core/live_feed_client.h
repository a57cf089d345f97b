#pragma once

#include "sanad/core/api_client.h"
#include "sanad/core/wire.h"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sanad::core {

/// The live feed (`GET /api/live`, a WebSocket): connects, reports hello and change frames,
/// reconnects with backoff and full jitter (1 s doubling to 30 s) when the connection drops or
/// goes silent.
/// Callbacks run on the live-feed thread, never under a lock, and must not block (the sync
/// engine only queues work). Thread-safety: start/stop from one thread.
class LiveFeedClient {
public:
    struct Callbacks {
        std::function<void(std::int64_t helloSeq)> connected;
        std::function<void()> disconnected;
        std::function<void(const Change& change)> change;
        /// The server answered a heartbeat: the line works, even if requests failed meanwhile
        /// (a blip the connection outlived). Called for every pong (one per heartbeat ping).
        std::function<void()> alive;
    };

    /// `heartbeat`: how often to ping the server; a connection silent for two heartbeats is
    /// taken as dead (a pulled cable sends no reset) and replaced.
    LiveFeedClient(ClientSettings settings, Callbacks callbacks,
                   std::chrono::milliseconds heartbeat = std::chrono::seconds(10));
    ~LiveFeedClient();
    LiveFeedClient(const LiveFeedClient&) = delete;
    LiveFeedClient& operator=(const LiveFeedClient&) = delete;

    void start();
    /// Returns within about a second.
    void stop();

private:
    void run();
    bool waitBeforeRetry(std::chrono::milliseconds delay);

    /// Marks a handshake under way (connecting_) for stop() to cut short; not started when
    /// stop() came first.
    class Handshake {
    public:
        Handshake(LiveFeedClient& client, Poco::Net::HTTPClientSession& session);
        ~Handshake();
        Handshake(const Handshake&) = delete;
        Handshake& operator=(const Handshake&) = delete;
        bool started = false;

    private:
        LiveFeedClient& client_;
    };

    ClientSettings settings_;
    Callbacks callbacks_;
    std::chrono::milliseconds heartbeat_;
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    Poco::Net::HTTPClientSession* connecting_ = nullptr;  // the session of a handshake under way
    std::condition_variable wake_;
    std::thread thread_;
};

}  // namespace sanad::core
