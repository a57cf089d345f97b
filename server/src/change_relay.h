#pragma once

#include "sanad/core/wire.h"
#include "sanad/server/writer.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace sanad::server {

class Database;

/// Between the writer and this instance's live feed (issue 8; docs/ARCHITECTURE.md). It hands
/// changes to `local` (the LiveHub) strictly in seq order, whichever instance committed them:
/// - this instance's commits come from the writer (`publish`);
/// - with a Redis address, they are also published to Redis (a publisher thread: the writer never
///   waits for Redis), and the other instances' changes arrive from a subscriber thread;
/// - a gap in the seqs waits `gapWait` for Redis and is then read from the database, and the
///   database is read for new changes every `pollDown` while Redis is unreachable (once at once
///   when it comes back) and every `pollUp` anyway. Losing Redis slows the feed; it loses nothing.
/// Thread-safety: `publish` may be called from any thread; `local.publish` is called on the
/// relay's own thread only, never under a lock.
class ChangeRelay : public ChangeSink {
public:
    struct Options {
        std::string redis;    // HOST:PORT, or empty: this instance alone (or database polling)
        std::string channel;  // the Redis channel of this database
        std::chrono::milliseconds gapWait{50};
        std::chrono::milliseconds pollDown{250};
        std::chrono::milliseconds pollUp{1000};
    };

    ChangeRelay(const Database& database, ChangeSink& local, std::int64_t deliveredSeq,
                Options options);
    ~ChangeRelay() override;
    ChangeRelay(const ChangeRelay&) = delete;
    ChangeRelay& operator=(const ChangeRelay&) = delete;

    /// This instance's committed changes (the writer thread, after COMMIT). Never blocks.
    void publish(const std::vector<core::Change>& changes) override;

    /// Stops the threads; changes still queued are delivered first when they are in order.
    void stop();

    bool redisConnected() const { return redisUp_.load(); }

private:
    void deliverLoop();
    void publishLoop();
    void subscribeLoop();
    void wakeSubscriber();
    void pollNow();           // asks the relay thread to read the database at once
    bool fillFromDatabase();  // false when the database could not be read
    void take(std::vector<core::Change> changes);  // relay thread: into pending_
    void deliverInOrder();                         // relay thread

    const Database& database_;
    ChangeSink& local_;
    const Options options_;
    const std::string instance_;

    std::mutex mutex_;  // guards inbox_, outbox_, stopping_, pollNow_
    std::condition_variable wake_;
    std::condition_variable outboxReady_;
    std::vector<core::Change> inbox_;
    std::deque<std::string> outbox_;  // Redis messages waiting for the publisher
    bool stopping_ = false;
    bool pollNow_ = false;
    bool subscriberDone_ = false;
    std::atomic<bool> redisUp_{false};

    // Relay thread only.
    std::int64_t delivered_;
    std::map<std::int64_t, core::Change> pending_;
    std::chrono::steady_clock::time_point gapSince_{};
    bool fillFailing_ = false;

    std::thread relay_;
    std::thread publisher_;
    std::thread subscriber_;
};

}  // namespace sanad::server
