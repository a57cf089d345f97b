#include "sanad/server/writer.h"

#include "repository.h"
#include "sanad/core/codec.h"
#include "sanad/core/crypto.h"
#include "sanad/core/stats.h"
#include "sanad/server/database.h"

#include <Poco/Logger.h>

#include <future>

#ifdef __linux__
#include <pthread.h>
#endif

namespace sanad::server {
namespace {

constexpr std::size_t kMaxBatch = 2048;

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.writer");
}

}  // namespace

struct Writer::Pending {
    Job job;
    std::promise<void> done;
};

std::int64_t WriteContext::recordChange(const core::Ticket& ticket, const std::string& deviceId) {
    const std::int64_t seq = ++lastSeq_;
    repo::appendChange(session, seq, ticket, core::codec::encode(ticket), deviceId, now);
    changes_.push_back(core::Change{seq, ticket});
    return seq;
}

std::int64_t WriteContext::recordChange(const core::Ticket& ticket) {
    return recordChange(ticket, ticket.deviceId);
}

core::Ticket WriteContext::insertWaiting(core::Ticket ticket, const std::string& day) {
    ticket.queuedAt = ticket.checkedInAt;
    const std::string key = ticket.queueId + '\n' + day;
    auto tail = tails_.find(key);
    if (tail == tails_.end()) {
        const auto [count, latest] = repo::positionedLine(session, ticket.queueId, day);
        tail = tails_.emplace(key, QueueTail{count, latest}).first;
    }
    repo::insertTicket(session, ticket, day, statusToken(ticket.id));
    ++tail->second.positioned;
    if (ticket.priority == core::Priority::Normal && ticket.queuedAt > tail->second.latest) {
        // The usual tap: the newest normal check-in goes to the end of the line.
        tail->second.latest = ticket.queuedAt;
        ticket.position = tail->second.positioned;
        ticket.waitingAhead = *ticket.position - 1;
        ticket.estimatedWaitMin = core::estimateWaitMin(
            *ticket.waitingAhead, repo::firstCalls(session, ticket.queueId, day));
        return ticket;
    }
    // An urgent one, or a tap that reached the writer a little late: count the line ahead.
    repo::deriveMembers(session, ticket, day);
    return ticket;
}

void WriteContext::recordCall(const core::Ticket& ticket) {
    repo::insertCall(session, ticket.id);
}

std::string WriteContext::statusToken(const std::string& ticketId) const {
    return core::statusToken(practiceKey_, ticketId);
}

void WriteContext::forgetLine(const std::string& queueId) {
    const std::string prefix = queueId + '\n';
    for (auto it = tails_.lower_bound(prefix);
         it != tails_.end() && it->first.compare(0, prefix.size(), prefix) == 0;) {
        it = tails_.erase(it);
    }
}

core::Ticket WriteContext::update(const core::Ticket& before, const core::Ticket& after) {
    repo::updateTicket(session, after);
    const bool movesInLine = core::hasPosition(before.status) != core::hasPosition(after.status) ||
                             before.queueId != after.queueId || before.priority != after.priority ||
                             before.queuedAt != after.queuedAt;
    if (movesInLine) {
        forgetLine(before.queueId);
        forgetLine(after.queueId);
    }
    return *repo::findTicket(session, after.id);
}

Writer::Writer(const Database& database, ChangeSink* sink) : database_(database), sink_(sink) {
    session_ = std::make_unique<Poco::Data::Session>(database_.openSession());
    lastSeq_ = repo::latestSeq(*session_);
    practiceKey_ = *core::fromHex(repo::practiceKey(*session_));
    thread_ = std::thread([this] {
#ifdef __linux__
        pthread_setname_np(pthread_self(), "sanad-writer");  // for top -H and perf
#endif
        loop();
    });
}

Writer::~Writer() {
    stop();
}

void Writer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
        if (batches_ > 0) {
            logger().information("%Ld jobs in %Ld commits (%.1f jobs per commit)", jobs_, batches_,
                                 static_cast<double>(jobs_) / static_cast<double>(batches_));
        }
    }
}

void Writer::run(Job job) {
    Pending pending{std::move(job), {}};
    std::future<void> done = pending.done.get_future();
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            throw StorageError("the server is shutting down");
        }
        queue_.push_back(&pending);
    }
    wake_.notify_one();
    done.get();
}

void Writer::loop() {
    std::vector<Pending*> batch;
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) {
                break;  // stopping, and nothing left to do
            }
            while (!queue_.empty() && batch.size() < kMaxBatch) {
                batch.push_back(queue_.front());
                queue_.pop_front();
            }
        }
        try {
            runBatch(batch);
        } catch (...) {
            // runBatch answers every job itself; this is only a last guard for the thread.
            logger().critical("writer batch failed unexpectedly");
        }
        batch.clear();
    }
}

void Writer::reconnectIfLost() {
    if (session_->isConnected()) {
        return;
    }
    try {
        session_ = std::make_unique<Poco::Data::Session>(database_.openSession());
        logger().information("reconnected to %s", database_.describe());
    } catch (const Poco::Exception& e) {
        // The next batch fails the same way and tries again.
        logger().error("cannot reconnect to %s: %s", database_.describe(), e.displayText());
    }
}

void Writer::runBatch(std::vector<Pending*>& batch) {
    Poco::Data::Session& session = *session_;
    std::int64_t startSeq = lastSeq_;
    std::vector<core::Change> changes;
    std::vector<std::exception_ptr> errors(batch.size());
    const core::Timestamp batchTime = core::now();
    ++batches_;
    jobs_ += static_cast<std::int64_t>(batch.size());

    auto failAll = [&](const std::string& why) {
        lastSeq_ = startSeq;
        tails_.clear();
        changes.clear();
        for (std::size_t i = 0; i < batch.size(); ++i) {
            if (!errors[i]) {
                errors[i] = std::make_exception_ptr(StorageError(why));
            }
        }
    };

    try {
        // Serialised with every other writer, of any instance; rolled back unless committed.
        Transaction transaction = database_.beginWrite(session);
        const std::int64_t head = repo::latestSeq(session);
        if (head != lastSeq_) {
            // Another instance wrote since our last batch: our memory of the lines is stale.
            tails_.clear();
            lastSeq_ = head;
            startSeq = head;
        }
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const std::size_t changeMark = changes.size();
            const std::int64_t seqMark = lastSeq_;
            Savepoint job(session, "job");
            try {
                WriteContext context(session, batchTime, lastSeq_, changes, tails_, practiceKey_);
                batch[i]->job(context);
                job.release();
            } catch (...) {
                errors[i] = std::current_exception();
                tails_.clear();
                changes.resize(changeMark);
                lastSeq_ = seqMark;
                job.rollback();  // a failure here fails the whole batch (below)
            }
        }
        transaction.commit();
    } catch (const Poco::Exception& e) {
        logger().error("commit of %z jobs failed: %s", batch.size(), e.displayText());
        failAll("the database could not store the change: " + e.displayText());
        reconnectIfLost();
    } catch (...) {
        logger().error("commit of %z jobs failed", batch.size());
        failAll("the database could not store the change");
        reconnectIfLost();
    }

    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (errors[i]) {
            batch[i]->done.set_exception(errors[i]);
        } else {
            batch[i]->done.set_value();
        }
    }
    if (sink_ != nullptr && !changes.empty()) {
        sink_->publish(changes);
    }
}

}  // namespace sanad::server
