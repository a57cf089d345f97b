#pragma once

#include "sanad/server/writer.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sanad::server {

/// Fans committed changes out to the live-feed WebSocket connections. Each connection has its own
/// bounded frame queue, drained by the live service thread that owns the connection; publishing
/// only appends to queues and rings the owner's wake hook, so a slow or dead client never blocks
/// the writer, the relay or anyone else. A client whose queue overflows is dropped (it reconnects
/// and catches up through /api/changes).
/// Thread-safety: all methods may be called from any thread; wake hooks are called outside every
/// lock of the hub.
class LiveHub : public ChangeSink {
public:
    static constexpr std::size_t kMaxQueuedFrames = 4096;

    /// One live connection's frame queue, filled by the hub (the feed) or by the PageFeed (the
    /// patient's page, the displays) and drained by the connection's live service thread.
    class Client {
    public:
        /// `wake` is called (by whoever queued) whenever frames were queued or the client was
        /// closed; it must not block.
        explicit Client(std::function<void()> wake) : wake_(std::move(wake)) {}

        /// Moves the frames queued so far to the end of `into` (maybe none). False once the hub
        /// shut down or dropped this client, or it was closed.
        bool take(std::deque<std::string>& into);

        /// Queues one frame and wakes the owner; a client whose queue overflows is dropped.
        void push(std::string frame);
        /// Ends the connection with this WebSocket close code (e.g. 4401: no valid token); the
        /// frames queued before are dropped. `reason` must be a string literal.
        void close(std::uint16_t code, const char* reason);
        /// The code and reason close() gave, or none (closed by the hub: "going away").
        std::optional<std::pair<std::uint16_t, const char*>> closing();

    private:
        friend class LiveHub;
        std::mutex mutex_;
        std::deque<std::string> frames_;
        bool open_ = true;
        std::optional<std::pair<std::uint16_t, const char*>> closing_;
        std::int64_t afterSeq_ = 0;  // frames up to this seq were covered by the hello
        const std::function<void()> wake_;
    };

    explicit LiveHub(std::int64_t committedSeq) : seq_(committedSeq) {}

    /// Registers a client and returns it with the seq for its hello frame: every change after
    /// that seq is queued for it, and `wake` is called (from the publishing thread) whenever
    /// frames were queued or the client was closed. `wake` must not block.
    std::shared_ptr<Client> subscribe(std::int64_t& helloSeq, std::function<void()> wake);
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
