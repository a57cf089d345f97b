#pragma once

#include "sanad/core/ticket.h"
#include "sanad/core/time.h"
#include "sanad/core/wire.h"

#include <Poco/Data/Session.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace sanad::server {

class Database;

/// Receives the changes of every committed batch, on the writer thread, after the commit and
/// outside the writer's lock. Must not block (LiveHub only queues frames).
class ChangeSink {
public:
    virtual ~ChangeSink() = default;
    virtual void publish(const std::vector<core::Change>& changes) = 0;
};

/// What a job sees: the writer's session inside an open transaction (the job runs in its own
/// savepoint), the time of the batch, and the change log.
class WriteContext {
public:
    WriteContext(Poco::Data::Session& session, core::Timestamp now, std::int64_t& lastSeq,
                 std::vector<core::Change>& changes)
        : session(session), now(now), lastSeq_(lastSeq), changes_(changes) {}

    Poco::Data::Session& session;
    const core::Timestamp now;

    /// Gives the ticket's new state the next change seq, stores it in the change log and queues it
    /// for the live feed (published only if the batch commits). Returns the seq.
    std::int64_t recordChange(const core::Ticket& ticket);

private:
    std::int64_t& lastSeq_;
    std::vector<core::Change>& changes_;
};

/// The only thread that writes to the server's database. Request threads hand it jobs and wait;
/// it runs every waiting job in one transaction — each in its own SAVEPOINT, so one failing job
/// rolls back alone — and commits once (group commit: one fsync for all of them). Then it wakes
/// the waiters and hands the batch's changes to the sink.
/// Thread-safety: run() may be called from any number of threads.
class Writer {
public:
    using Job = std::function<void(WriteContext&)>;

    Writer(const Database& database, ChangeSink* sink);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    /// Runs `job` in the next batch and returns once that batch is committed. Rethrows what the
    /// job threw (its savepoint rolled back), or StorageError when the commit itself failed.
    void run(Job job);

    /// Finishes the queued jobs and stops the thread. Later run() calls throw StorageError.
    void stop();

    /// The seq of the last committed change.
    std::int64_t committedSeq() const;

private:
    struct Pending;
    void loop();
    void runBatch(std::vector<Pending*>& batch);

    const Database& database_;
    ChangeSink* sink_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Pending*> queue_;
    bool stopping_ = false;
    std::int64_t lastSeq_ = 0;       // writer thread only
    std::int64_t committedSeq_ = 0;  // under mutex_
    std::unique_ptr<Poco::Data::Session> session_;
    std::thread thread_;
};

}  // namespace sanad::server
