#pragma once

#include "sanad/core/ticket.h"
#include "sanad/core/time.h"
#include "sanad/core/wire.h"

#include <Poco/Data/Session.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
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

/// The writer's memory of each queue's waiting line on a day: how many tickets have a position
/// and the latest queued_at among the normal ones. Lets a normal check-in at the end of the line
/// get its position without counting the line (urgent ones all stand before it); an urgent or a
/// late one counts the tickets ahead of it. Writer thread only; dropped whenever a job or a
/// commit fails, and per queue when a change moves a ticket in, out of or within the line
/// (status in or out of waiting/called, a transfer, a new priority or queued_at).
struct QueueTail {
    std::int64_t positioned = 0;
    core::Timestamp latest{};  // never below the true latest queued_at of the normal line
};
using QueueTails = std::map<std::string, QueueTail>;  // key: queue id + '\n' + day

/// What a job sees: the writer's session inside an open transaction (the job runs in its own
/// savepoint), the time of the batch, and the change log.
class WriteContext {
public:
    WriteContext(Poco::Data::Session& session, core::Timestamp now, std::int64_t& lastSeq,
                 std::vector<core::Change>& changes, QueueTails& tails,
                 const std::vector<std::uint8_t>& practiceKey)
        : session(session),
          now(now),
          lastSeq_(lastSeq),
          changes_(changes),
          tails_(tails),
          practiceKey_(practiceKey) {}

    /// Inserts a new waiting ticket of `day` (a check-in: `queued_at` = `checked_in_at`) and
    /// returns it with its derived members.
    core::Ticket insertWaiting(core::Ticket ticket, const std::string& day);

    /// Stores a changed ticket; returns it as stored, with its derived members.
    core::Ticket update(const core::Ticket& before, const core::Ticket& after);

    /// Records a call or recall of `ticket` (as stored, now called) for the displays.
    void recordCall(const core::Ticket& ticket);

    /// The patient page's token of a ticket id (core::statusToken with the practice key).
    std::string statusToken(const std::string& ticketId) const;

    Poco::Data::Session& session;
    const core::Timestamp now;

    /// Gives the ticket's new state the next change seq, stores it in the change log with the
    /// device whose request made it and the batch's time, and queues it for the live feed
    /// (published only if the batch commits). Returns the seq. Without a device: the ticket's
    /// own (the desk that checked it in).
    std::int64_t recordChange(const core::Ticket& ticket, const std::string& deviceId);
    std::int64_t recordChange(const core::Ticket& ticket);

private:
    void forgetLine(const std::string& queueId);

    std::int64_t& lastSeq_;
    std::vector<core::Change>& changes_;
    QueueTails& tails_;
    const std::vector<std::uint8_t>& practiceKey_;
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

private:
    struct Pending;
    void loop();
    void runBatch(std::vector<Pending*>& batch);
    void reconnectIfLost();

    const Database& database_;
    ChangeSink* sink_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Pending*> queue_;
    bool stopping_ = false;
    std::int64_t batches_ = 0;  // writer thread only: for the shutdown log line
    std::int64_t jobs_ = 0;
    std::int64_t lastSeq_ = 0;               // writer thread only
    QueueTails tails_;                       // writer thread only
    std::vector<std::uint8_t> practiceKey_;  // set before the thread starts, then only read
    std::unique_ptr<Poco::Data::Session> session_;
    std::thread thread_;
};

}  // namespace sanad::server
