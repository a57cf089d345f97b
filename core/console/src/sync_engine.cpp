#include "sanad/core/sync_engine.h"

#include <Poco/Exception.h>
#include <Poco/Logger.h>

namespace sanad::core {
namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.sync");
}

}  // namespace

SyncEngine::SyncEngine(ConsoleSettings settings, ConsoleListener* listener, Options options)
    : settings_(std::move(settings)), listener_(listener), options_(options) {}

const Clock& SyncEngine::clock() const {
    return settings_.clock ? *settings_.clock : Clock::system();
}

SyncEngine::~SyncEngine() {
    stop();
}

void SyncEngine::start() {
    {
        std::lock_guard lock(mutex_);
        if (started_) {
            return;
        }
        started_ = true;
        stopping_ = false;
    }
    thread_ = std::thread([this] { loop(); });
    if (options_.liveFeed) {
        LiveFeedClient::Callbacks callbacks;
        callbacks.connected = [this](std::int64_t) {
            post<bool>([](ConsoleCore& core) {
                core.liveFeedConnected(true);
                return true;
            });
        };
        callbacks.disconnected = [this] {
            post<bool>([](ConsoleCore& core) {
                core.liveFeedConnected(false);
                return true;
            });
        };
        callbacks.alive = [this] {
            post<bool>([](ConsoleCore& core) {
                core.liveFeedAlive();
                return true;
            });
        };
        callbacks.change = [this](const Change& change) {
            post<bool>([change](ConsoleCore& core) {
                core.applyChange(change);
                return true;
            });
        };
        live_ = std::make_unique<LiveFeedClient>(settings_.client, std::move(callbacks),
                                                 options_.liveHeartbeat);
        live_->start();
    }
}

void SyncEngine::stop() {
    if (live_) {
        live_->stop();
        live_.reset();
    }
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
    std::lock_guard lock(mutex_);
    started_ = false;
}

template <typename Result>
std::future<Result> SyncEngine::post(std::function<Result(ConsoleCore&)> work) {
    auto promise = std::make_shared<std::promise<Result>>();
    std::future<Result> future = promise->get_future();
    {
        std::lock_guard lock(mutex_);
        queue_.push_back([promise, work = std::move(work)](ConsoleCore& core) {
            try {
                if constexpr (std::is_void_v<Result>) {
                    work(core);
                    promise->set_value();
                } else {
                    promise->set_value(work(core));
                }
            } catch (...) {
                promise->set_exception(std::current_exception());
            }
        });
    }
    wake_.notify_one();
    return future;
}

void SyncEngine::loop() {
    // Nothing escapes this thread: every failure is logged and reported as a problem.
    auto failed = [this](const char* what, ProblemKind kind, const std::string& detail) {
        logger().error("%s: %s", std::string(what), detail);
        if (listener_) {
            listener_->problemReported(Problem{kind, detail});
        }
    };
    std::unique_ptr<ConsoleCore> core;
    try {
        core = std::make_unique<ConsoleCore>(settings_, listener_);
    } catch (const Poco::Exception& e) {
        // Without its store the engine cannot work: say so, and fail every request clearly.
        failed("console core cannot start", ProblemKind::StoreUnavailable, e.displayText());
    } catch (const std::exception& e) {
        failed("console core cannot start", ProblemKind::Internal, e.what());
    }
    const Clock& clock = this->clock();
    auto nextPass = std::chrono::steady_clock::now();  // a first pass right away
    auto wakeAt = nextPass;
    for (;;) {
        std::deque<std::function<void(ConsoleCore&)>> work;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_until(lock, wakeAt, [this] { return stopping_ || !queue_.empty(); });
            if (stopping_ && queue_.empty()) {
                break;
            }
            work.swap(queue_);
        }
        for (auto& item : work) {
            if (!core) {
                continue;  // the promise is dropped: callers get broken_promise
            }
            try {
                item(*core);
            } catch (const std::exception& e) {
                logger().error("sync work failed: %s", std::string(e.what()));
            }
        }
        if (!core) {
            wakeAt = std::chrono::steady_clock::now() + options_.periodic;
            continue;
        }
        try {
            const auto steadyNow = std::chrono::steady_clock::now();
            if (steadyNow >= nextPass) {
                core->sync();
                nextPass = std::chrono::steady_clock::now() + options_.periodic;
            } else if (const auto due = core->nextAttemptAt();
                       core->online() && due && *due <= clock.now()) {
                core->deliverDue();  // a backoff ran out before the next periodic pass
            }
            // Hand the card-reader thread the key as soon as this desk knows it.
            if (auto key = core->cachedPracticeKey()) {
                std::lock_guard lock(keyMutex_);
                practiceKey_ = std::move(key);
            }

            // Wake for the next periodic pass, or earlier when a row's backoff ends first.
            // Offline, a due row waits for the live feed's reconnect (or the periodic pass): a row
            // whose time has passed would otherwise wake this loop at once, again and again.
            wakeAt = nextPass;
            if (const auto due = core->nextAttemptAt(); due && core->online()) {
                const auto in = std::max(*due - clock.now(), std::chrono::milliseconds(100));
                wakeAt = std::min(wakeAt, std::chrono::steady_clock::now() + in);
            }
        } catch (const Poco::Exception& e) {
            failed("sync pass failed", ProblemKind::StoreUnavailable, e.displayText());
            nextPass = std::chrono::steady_clock::now() + options_.periodic;
            wakeAt = nextPass;
        } catch (const std::exception& e) {
            failed("sync pass failed", ProblemKind::Internal, e.what());
            nextPass = std::chrono::steady_clock::now() + options_.periodic;
            wakeAt = nextPass;
        }
    }
}

std::future<CheckInResult> SyncEngine::checkIn(Bytes uid, std::optional<Timestamp> tapTime) {
    return post<CheckInResult>([uid = std::move(uid), tap = tapTime.value_or(clock().now())](
                                   ConsoleCore& core) { return core.checkIn(uid, tap); });
}

std::future<CheckInResult> SyncEngine::checkInCard(std::string cardRef,
                                                   std::optional<Timestamp> tapTime) {
    // The tap's time is now, not when the sync thread gets to it.
    return post<CheckInResult>(
        [cardRef = std::move(cardRef), tap = tapTime.value_or(clock().now())](ConsoleCore& core) {
            return core.checkInCard(cardRef, tap);
        });
}

CardRefMaker SyncEngine::cardRefMaker() {
    return [this](std::span<const std::uint8_t> uid) -> std::string {
        std::lock_guard lock(keyMutex_);
        return practiceKey_ ? cardRef(*practiceKey_, uid) : std::string();
    };
}

std::future<TransitionResult> SyncEngine::transition(std::string ticketId, TicketStatus to,
                                                     std::optional<std::string> room) {
    return post<TransitionResult>(
        [ticketId = std::move(ticketId), to, room = std::move(room)](ConsoleCore& core) {
            return core.transition(ticketId, to, room);
        });
}

std::future<SyncReport> SyncEngine::syncNow() {
    return post<SyncReport>([](ConsoleCore& core) { return core.sync(); });
}

std::future<void> SyncEngine::resolveConflict(std::string rowId, ConflictChoice choice) {
    return post<void>([rowId = std::move(rowId), choice](ConsoleCore& core) {
        core.resolveConflict(rowId, choice);
    });
}

std::future<bool> SyncEngine::retryRow(std::string rowId) {
    return post<bool>(
        [rowId = std::move(rowId)](ConsoleCore& core) { return core.retryRow(rowId); });
}

std::future<bool> SyncEngine::discardRow(std::string rowId) {
    return post<bool>(
        [rowId = std::move(rowId)](ConsoleCore& core) { return core.discardRow(rowId); });
}

std::future<void> SyncEngine::setQueue(std::string queueId) {
    return post<void>(
        [queueId = std::move(queueId)](ConsoleCore& core) { core.setQueue(queueId); });
}

std::future<QueueView> SyncEngine::view(std::string queueId) {
    return post<QueueView>(
        [queueId = std::move(queueId)](ConsoleCore& core) { return core.view(queueId); });
}

std::future<std::vector<OfflineRequest>> SyncEngine::unsentChanges() {
    return post<std::vector<OfflineRequest>>(
        [](ConsoleCore& core) { return core.unsentChanges(); });
}

// --- the completion-callback forms ---

namespace {

/// One piece of queued work with a completion callback: `done` is called exactly once, with the
/// work's value, with the exception it threw, or, when the task is dropped unrun, with a failure
/// saying so. Never throws: an exception of `done` itself is logged.
template <typename Result>
class CompletionTask {
public:
    CompletionTask(std::function<Result(ConsoleCore&)> work, Done<Result> done)
        : work_(std::move(work)), done_(std::move(done)) {}
    CompletionTask(const CompletionTask&) = delete;
    CompletionTask& operator=(const CompletionTask&) = delete;
    ~CompletionTask() {
        finish(Completion<Result>::failure(
            "not done: the console's sync thread stopped or could not start"));
    }

    void run(ConsoleCore& core) {
        std::optional<Completion<Result>> result;
        try {
            result = Completion<Result>::success(work_(core));
        } catch (const Poco::Exception& e) {
            result = Completion<Result>::failure(e.displayText());
        } catch (const std::exception& e) {
            result = Completion<Result>::failure(e.what());
        } catch (...) {
            result = Completion<Result>::failure("unknown error");
        }
        finish(std::move(*result));
    }

private:
    void finish(Completion<Result> result) noexcept {
        if (!done_) {
            return;
        }
        Done<Result> done = std::move(done_);
        done_ = nullptr;
        try {
            done(std::move(result));
        } catch (const std::exception& e) {
            logger().error("completion callback failed: %s", std::string(e.what()));
        } catch (...) {
            logger().error("completion callback failed");
        }
    }

    std::function<Result(ConsoleCore&)> work_;
    Done<Result> done_;
};

}  // namespace

template <typename Result>
void SyncEngine::postThen(std::function<Result(ConsoleCore&)> work, Done<Result> done) {
    auto task = std::make_shared<CompletionTask<Result>>(std::move(work), std::move(done));
    {
        std::lock_guard lock(mutex_);
        // Dropped unrun (never under this lock: the loop swaps the queue out first, and the
        // destructor holds no lock), the task reports its failure from its destructor.
        queue_.push_back([task](ConsoleCore& core) { task->run(core); });
    }
    wake_.notify_one();
}

void SyncEngine::checkInCard(std::string cardRef, Timestamp tapTime, Done<CheckInResult> done) {
    postThen<CheckInResult>([cardRef = std::move(cardRef), tapTime](
                                ConsoleCore& core) { return core.checkInCard(cardRef, tapTime); },
                            std::move(done));
}

void SyncEngine::transition(std::string ticketId, TicketStatus to, std::optional<std::string> room,
                            Done<TransitionResult> done) {
    postThen<TransitionResult>(
        [ticketId = std::move(ticketId), to, room = std::move(room)](ConsoleCore& core) {
            return core.transition(ticketId, to, room);
        },
        std::move(done));
}

void SyncEngine::syncNow(Done<SyncReport> done) {
    postThen<SyncReport>([](ConsoleCore& core) { return core.sync(); }, std::move(done));
}

void SyncEngine::setQueue(std::string queueId, Done<> done) {
    postThen<std::monostate>(
        [queueId = std::move(queueId)](ConsoleCore& core) {
            core.setQueue(queueId);
            return std::monostate{};
        },
        std::move(done));
}

void SyncEngine::view(std::string queueId, Done<QueueView> done) {
    postThen<QueueView>(
        [queueId = std::move(queueId)](ConsoleCore& core) { return core.view(queueId); },
        std::move(done));
}

void SyncEngine::unsentChanges(Done<std::vector<OfflineRequest>> done) {
    postThen<std::vector<OfflineRequest>>([](ConsoleCore& core) { return core.unsentChanges(); },
                                          std::move(done));
}

void SyncEngine::resolveConflict(std::string rowId, ConflictChoice choice, Done<> done) {
    postThen<std::monostate>(
        [rowId = std::move(rowId), choice](ConsoleCore& core) {
            core.resolveConflict(rowId, choice);
            return std::monostate{};
        },
        std::move(done));
}

void SyncEngine::retryRow(std::string rowId, Done<bool> done) {
    postThen<bool>([rowId = std::move(rowId)](ConsoleCore& core) { return core.retryRow(rowId); },
                   std::move(done));
}

void SyncEngine::discardRow(std::string rowId, Done<bool> done) {
    postThen<bool>([rowId = std::move(rowId)](ConsoleCore& core) { return core.discardRow(rowId); },
                   std::move(done));
}

void SyncEngine::checkInWalkIn(WalkIn walkIn, Done<CheckInResult> done) {
    postThen<CheckInResult>(
        [walkIn = std::move(walkIn)](ConsoleCore& core) { return core.checkInWalkIn(walkIn); },
        std::move(done));
}

void SyncEngine::registerCard(std::string cardRef, CardRegistration registration,
                              Done<CardResult> done) {
    postThen<CardResult>(
        [cardRef = std::move(cardRef), registration = std::move(registration)](ConsoleCore& core) {
            return core.registerCard(cardRef, registration);
        },
        std::move(done));
}

void SyncEngine::forgetCard(std::string cardRef, Done<CardResult> done) {
    postThen<CardResult>(
        [cardRef = std::move(cardRef)](ConsoleCore& core) { return core.forgetCard(cardRef); },
        std::move(done));
}

void SyncEngine::edit(std::string ticketId, TicketChanges changes, Done<TransitionResult> done) {
    postThen<TransitionResult>(
        [ticketId = std::move(ticketId), changes = std::move(changes)](ConsoleCore& core) {
            return core.edit(ticketId, changes);
        },
        std::move(done));
}

void SyncEngine::history(std::string ticketId, Done<HistoryResult> done) {
    postThen<HistoryResult>(
        [ticketId = std::move(ticketId)](ConsoleCore& core) { return core.history(ticketId); },
        std::move(done));
}

void SyncEngine::stats(std::optional<std::string> day, Done<StatsResult> done) {
    postThen<StatsResult>([day = std::move(day)](ConsoleCore& core) { return core.stats(day); },
                          std::move(done));
}

}  // namespace sanad::core
