#include "change_relay.h"

#include "repository.h"
#include "sanad/core/codec.h"
#include "sanad/core/uuid.h"
#include "sanad/server/database.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

#ifdef SANAD_HAVE_REDIS
#include <Poco/Net/SocketAddress.h>
#include <Poco/Redis/Array.h>
#include <Poco/Redis/Client.h>
#include <Poco/Redis/Command.h>
#endif

#include <algorithm>

namespace sanad::server {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxOutbox = 10000;  // Redis messages; beyond that the database carries it
constexpr std::int64_t kFillPage = 1000;
[[maybe_unused]] constexpr std::chrono::seconds kSilence{30};  // the subscriber reconnects after this long unheard

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.relay");
}

/// Runs a thread's loop; nothing escapes the thread (the loops catch what they expect).
template <typename Loop>
void guarded(const char* name, Loop loop) {
    try {
        loop();
    } catch (const std::exception& e) {
        logger().critical("the relay's %s thread ended: %s", std::string(name),
                          std::string(e.what()));
    } catch (...) {
        logger().critical("the relay's %s thread ended", std::string(name));
    }
}

/// Reconnect delays: 200 ms doubling to 2 s.
[[maybe_unused]] std::chrono::milliseconds backoff(int failures) {
    return std::chrono::milliseconds(std::min(2000, 200 << std::min(failures, 4)));
}

}  // namespace

ChangeRelay::ChangeRelay(const Database& database, ChangeSink& local, std::int64_t deliveredSeq,
                         Options options)
    : database_(database),
      local_(local),
      options_(std::move(options)),
      instance_(core::newUuidV4()),
      delivered_(deliveredSeq) {
    relay_ = std::thread([this] { guarded("relay", [this] { deliverLoop(); }); });
#ifdef SANAD_HAVE_REDIS
    if (!options_.redis.empty()) {
        publisher_ = std::thread([this] { guarded("publisher", [this] { publishLoop(); }); });
        subscriber_ = std::thread([this] { guarded("subscriber", [this] { subscribeLoop(); }); });
    }
#else
    if (!options_.redis.empty()) {
        logger().error("this build has no Redis support: --redis ignored, polling the database");
    }
#endif
}

ChangeRelay::~ChangeRelay() {
    stop();
}

void ChangeRelay::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) {
            return;
        }
        stopping_ = true;
    }
    wake_.notify_all();
    outboxReady_.notify_all();
    // The subscriber blocks reading Redis: wake it with a message until it has noticed (one sent
    // while it was between connecting and reading would be missed).
    for (int i = 0; i < 50 && subscriber_.joinable(); ++i) {
        wakeSubscriber();
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, std::chrono::milliseconds(100),
                           [this] { return subscriberDone_; })) {
            break;
        }
    }
    for (std::thread* t : {&subscriber_, &publisher_, &relay_}) {
        if (t->joinable()) {
            t->join();
        }
    }
}

void ChangeRelay::publish(const std::vector<core::Change>& changes) {
    if (changes.empty()) {
        return;
    }
    std::string message;
    if (!options_.redis.empty()) {
        core::ChangesResponse batch;
        batch.changes = changes;
        batch.seq = changes.back().seq;
        message = instance_ + '\n' + core::codec::encode(batch);
    }
    {
        std::lock_guard lock(mutex_);
        inbox_.insert(inbox_.end(), changes.begin(), changes.end());
        if (!message.empty()) {
            if (outbox_.size() >= kMaxOutbox) {
                outbox_.pop_front();  // the other instances read it from the database
            }
            outbox_.push_back(std::move(message));
        }
    }
    wake_.notify_all();
    outboxReady_.notify_all();
}

void ChangeRelay::take(std::vector<core::Change> changes) {
    for (core::Change& change : changes) {
        if (change.seq > delivered_) {
            pending_.emplace(change.seq, std::move(change));
        }
    }
}

void ChangeRelay::deliverInOrder() {
    std::vector<core::Change> run;
    auto it = pending_.begin();
    while (it != pending_.end() && it->first == delivered_ + 1) {
        delivered_ = it->first;
        run.push_back(std::move(it->second));
        it = pending_.erase(it);
    }
    // Anything left waits for the seqs before it; stale duplicates are dropped.
    if (pending_.empty()) {
        gapSince_ = {};
    } else if (gapSince_ == Clock::time_point{} || !run.empty()) {
        gapSince_ = Clock::now();
    }
    if (!run.empty()) {
        try {
            local_.publish(run);
        } catch (const std::exception& e) {
            logger().error("live feed publish failed: %s", std::string(e.what()));
        }
    }
}

void ChangeRelay::pollNow() {
    {
        std::lock_guard lock(mutex_);
        pollNow_ = true;
    }
    wake_.notify_all();
}

bool ChangeRelay::fillFromDatabase() {
    try {
        auto session = database_.readSession();
        for (;;) {
            const auto stored = repo::changesSince(*session, delivered_, kFillPage);
            std::vector<core::Change> changes;
            changes.reserve(stored.size());
            for (const auto& row : stored) {
                changes.push_back({row.seq, core::codec::decodeTicket(row.ticketJson)});
            }
            take(std::move(changes));
            deliverInOrder();
            if (static_cast<std::int64_t>(stored.size()) < kFillPage) {
                break;
            }
        }
        fillFailing_ = false;
        return true;
    } catch (const Poco::Exception& e) {
        if (!fillFailing_) {
            logger().warning("reading changes from the database failed: %s", e.displayText());
        }
    } catch (const std::exception& e) {
        if (!fillFailing_) {
            logger().warning("reading changes from the database failed: %s", std::string(e.what()));
        }
    }
    fillFailing_ = true;
    return false;
}

void ChangeRelay::deliverLoop() {
    auto nextPoll = Clock::now() + options_.pollUp;
    for (;;) {
        std::vector<core::Change> inbox;
        bool pollNow = false;
        {
            std::unique_lock lock(mutex_);
            auto deadline = nextPoll;
            if (gapSince_ != Clock::time_point{}) {
                deadline = std::min(deadline, gapSince_ + options_.gapWait);
            }
            wake_.wait_until(lock, deadline,
                             [this] { return stopping_ || !inbox_.empty() || pollNow_; });
            inbox.swap(inbox_);
            pollNow = pollNow_;
            pollNow_ = false;
            if (stopping_ && inbox.empty()) {
                break;
            }
        }
        take(std::move(inbox));
        deliverInOrder();
        const auto now = Clock::now();
        const bool gapTooOld =
            gapSince_ != Clock::time_point{} && now - gapSince_ >= options_.gapWait;
        if (pollNow || gapTooOld || now >= nextPoll) {
            fillFromDatabase();
            nextPoll =
                Clock::now() +
                (redisUp_.load() || options_.redis.empty() ? options_.pollUp : options_.pollDown);
        }
    }
}

#ifdef SANAD_HAVE_REDIS

void ChangeRelay::wakeSubscriber() {
    if (!subscriber_.joinable()) {
        return;
    }
    try {
        Poco::Redis::Client client;
        client.connect(Poco::Net::SocketAddress(options_.redis), Poco::Timespan(0, 500 * 1000));
        client.setReceiveTimeout(Poco::Timespan(1, 0));
        Poco::Redis::Array publish;
        publish << "PUBLISH" << options_.channel << instance_ + '\n';
        client.execute<Poco::Int64>(publish);
    } catch (const Poco::Exception&) {
        // Redis is away: the subscriber is not reading then, it is waiting to reconnect
    }
}

void ChangeRelay::publishLoop() {
    Poco::Redis::Client client;
    bool connected = false;
    int failures = 0;
    for (;;) {
        std::string message;
        {
            std::unique_lock lock(mutex_);
            outboxReady_.wait(lock, [this] { return stopping_ || !outbox_.empty(); });
            if (stopping_) {
                break;
            }
            message = outbox_.front();
        }
        try {
            if (!connected) {
                client.connect(Poco::Net::SocketAddress(options_.redis), Poco::Timespan(1, 0));
                client.setReceiveTimeout(Poco::Timespan(2, 0));
                connected = true;
            }
            Poco::Redis::Array publish;
            publish << "PUBLISH" << options_.channel << message;
            client.execute<Poco::Int64>(publish);
            failures = 0;
            std::lock_guard lock(mutex_);
            if (!outbox_.empty() && outbox_.front() == message) {
                outbox_.pop_front();
            }
        } catch (const Poco::Exception& e) {
            if (connected) {
                logger().warning(
                    "Redis publish failed (%s); the other instances read the "
                    "database until it is back",
                    e.displayText());
            }
            connected = false;
            try {
                client.disconnect();
            } catch (const Poco::Exception&) {
                // already gone
            }
            std::unique_lock lock(mutex_);
            // Nobody is listening for old news: keep only the newest while Redis is away.
            while (outbox_.size() > 100) {
                outbox_.pop_front();
            }
            wake_.wait_for(lock, backoff(failures++), [this] { return stopping_; });
            if (stopping_) {
                break;
            }
        }
    }
}

void ChangeRelay::subscribeLoop() {
    int failures = 0;
    auto lastHeard = Clock::now();
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                break;
            }
        }
        Poco::Redis::Client client;
        try {
            client.connect(Poco::Net::SocketAddress(options_.redis), Poco::Timespan(1, 0));
            client.setReceiveTimeout(Poco::Timespan(2, 0));
            Poco::Redis::Array subscribe;
            subscribe << "SUBSCRIBE" << options_.channel;
            client.sendCommand(subscribe);  // sends (flushed) and reads the confirmation
            // Then it blocks in readReply; stop() wakes it with an empty message of this
            // instance. A line that was cut silently (a NAT dropping an idle connection) shows
            // up as kSilence without a message: Poco's Redis client reports the receive timeout
            // as a lost connection, and the subscriber simply connects again.
            client.setReceiveTimeout(Poco::Timespan(kSilence.count(), 0));
            if (failures > 0) {
                logger().information("Redis is back; live changes across instances again");
            }
            failures = 0;
            redisUp_ = true;
            pollNow();  // whatever was published while we were away
            for (;;) {
                {
                    std::lock_guard lock(mutex_);
                    if (stopping_) {
                        break;
                    }
                }
                lastHeard = Clock::now();
                Poco::Redis::RedisType::Ptr reply = client.readReply();
                auto* array = dynamic_cast<Poco::Redis::Type<Poco::Redis::Array>*>(reply.get());
                if (array == nullptr || array->value().size() < 3) {
                    continue;
                }
                const auto payload = array->value().get<Poco::Redis::BulkString>(2);
                if (payload.isNull()) {
                    continue;
                }
                const std::string& text = payload.value();
                const auto newline = text.find('\n');
                if (newline == std::string::npos || newline + 1 == text.size() ||
                    text.compare(0, newline, instance_) == 0) {
                    continue;  // our own changes went to the live feed directly; a wake-up
                }
                try {
                    auto batch = core::codec::decodeChangesResponse(
                        std::string_view(text).substr(newline + 1));
                    {
                        std::lock_guard lock(mutex_);
                        inbox_.insert(inbox_.end(), std::make_move_iterator(batch.changes.begin()),
                                      std::make_move_iterator(batch.changes.end()));
                    }
                    wake_.notify_all();
                } catch (const std::exception&) {
                    logger().warning("a Redis message that is not a change batch was ignored");
                }
            }
            client.disconnect();
            break;
        } catch (const Poco::Exception& e) {
            if (redisUp_.load() && Clock::now() - lastHeard >= kSilence - std::chrono::seconds(1)) {
                logger().debug("no Redis message for %d s: connecting again",
                               int(kSilence.count()));
                pollNow();  // in case the line was dead rather than quiet
                continue;
            }
            if (redisUp_.exchange(false) || failures == 0) {
                logger().warning(
                    "Redis at %s unreachable (%s); live changes of other instances "
                    "come from the database meanwhile",
                    options_.redis, e.displayText());
            }
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, backoff(failures++), [this] { return stopping_; });
        }
    }
    redisUp_ = false;
    {
        std::lock_guard lock(mutex_);
        subscriberDone_ = true;
    }
    wake_.notify_all();
}

#else

void ChangeRelay::wakeSubscriber() {}
void ChangeRelay::publishLoop() {}
void ChangeRelay::subscribeLoop() {}

#endif

}  // namespace sanad::server
