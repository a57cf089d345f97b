#pragma once

#include "sanad/server/writer.h"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sanad::server {

/// Fans committed changes out to the live-feed WebSocket connections. Each connection has its own
/// bounded frame queue, drained by that connection's own thread; publishing only appends to
/// queues, so a slow or dead client never blocks the writer or anyone else. A client whose queue
/// overflows is dropped (it reconnects and catches up through /api/changes).
/// Thread-safety: all methods may be called from any thread.
class LiveHub : public ChangeSink {
public:
    static constexpr std::size_t kMaxQueuedFrames = 4096;

    class Client {
    public:
        /// Waits up to `timeout` for frames; returns them (maybe none). `open` turns false once the
        /// hub shuts down or dropped this client.
        std::vector<std::string> take(std::chrono::milliseconds timeout, bool& open);

    private:
        friend class LiveHub;
        std::mutex mutex_;
        std::condition_variable ready_;
        std::deque<std::string> frames_;
        bool open_ = true;
        std::int64_t afterSeq_ = 0;  // frames up to this seq were covered by the hello
    };

    explicit LiveHub(std::int64_t committedSeq) : seq_(committedSeq) {}

    /// Registers a client and returns it with the seq for its hello frame: every change after
    /// that seq is queued for it.
    std::shared_ptr<Client> subscribe(std::int64_t& helloSeq);
    void unsubscribe(const std::shared_ptr<Client>& client);

    void publish(const std::vector<core::Change>& changes) override;

    /// Closes every client; later subscribers are closed at once.
    void shutdown();

private:
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<Client>> clients_;
    std::int64_t seq_;
    bool shutdown_ = false;
};

}  // namespace sanad::server
