#pragma once

#include "sanad/core/card_reader.h"
#include "sanad/core/completion.h"
#include "sanad/core/console_core.h"
#include "sanad/core/live_feed_client.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

namespace sanad::core {

/// The console's sync thread. It owns the ConsoleCore (and so the outbox, the cache and the HTTP
/// client); every public method only queues work for it (CONVENTIONS.md, Threads). Triggers: the
/// live feed coming back (eager), a periodic pass (30 s by default), a manual syncNow (F5).
/// Results and events reach the ConsoleListener on the sync thread, never under a lock; the
/// futures serve callers that want to wait (tests, tools). Thread-safety: all public methods may be
/// called from any thread.
class SyncEngine {
public:
    struct Options {
        std::chrono::milliseconds periodic{std::chrono::seconds(30)};
        bool liveFeed = true;
        std::chrono::milliseconds liveHeartbeat{std::chrono::seconds(10)};
    };

    SyncEngine(ConsoleSettings settings, ConsoleListener* listener, Options options);
    ~SyncEngine();
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    void start();
    /// Finishes the work in hand and stops both threads.
    void stop();

    std::future<CheckInResult> checkIn(Bytes uid, std::optional<Timestamp> tapTime = {});
    /// A tap from a CardReader, already a card_ref.
    std::future<CheckInResult> checkInCard(std::string cardRef,
                                           std::optional<Timestamp> tapTime = {});

    /// For the card reader: makes card_refs with the practice key this desk has cached (kept up
    /// to date by the sync thread). Without one yet it returns "" and the check-in says why.
    /// Safe to call on any thread; the engine must outlive the function.
    CardRefMaker cardRefMaker();
    std::future<TransitionResult> transition(std::string ticketId, TicketStatus to,
                                             std::optional<std::string> room = std::nullopt);
    std::future<SyncReport> syncNow();
    /// See ConsoleCore::setQueue / view / unsentChanges.
    std::future<void> setQueue(std::string queueId);
    std::future<QueueView> view(std::string queueId = "");
    std::future<std::vector<OfflineRequest>> unsentChanges();
    std::future<void> resolveConflict(std::string rowId, ConflictChoice choice);
    std::future<bool> retryRow(std::string rowId);
    std::future<bool> discardRow(std::string rowId);

    // The same work with a completion callback instead of a future, for callers that must not
    // wait (the window). `done` is called exactly once: on the sync thread after the work, never
    // under the engine's lock, with the result or the failure as a value (an exception of the
    // work becomes Completion::failure). Work that never runs (the engine is destroyed first, or
    // its core could not start) fails too, then on the thread that drops it. `done` must not
    // block; a UI hops to its own thread from there (sanad/ui/then_on_window.h).
    void checkInCard(std::string cardRef, Timestamp tapTime, Done<CheckInResult> done);
    void transition(std::string ticketId, TicketStatus to, std::optional<std::string> room,
                    Done<TransitionResult> done);
    void syncNow(Done<SyncReport> done);
    void setQueue(std::string queueId, Done<> done);
    void view(std::string queueId, Done<QueueView> done);
    void unsentChanges(Done<std::vector<OfflineRequest>> done);
    void resolveConflict(std::string rowId, ConflictChoice choice, Done<> done);
    void retryRow(std::string rowId, Done<bool> done);
    void discardRow(std::string rowId, Done<bool> done);
    // v1.1, the front desk (see ConsoleCore)
    void checkInWalkIn(WalkIn walkIn, Done<CheckInResult> done);
    void registerCard(std::string cardRef, CardRegistration registration, Done<CardResult> done);
    void forgetCard(std::string cardRef, Done<CardResult> done);
    void edit(std::string ticketId, TicketChanges changes, Done<TransitionResult> done);
    void history(std::string ticketId, Done<HistoryResult> done);
    void stats(std::optional<std::string> day, Done<StatsResult> done);

private:
    /// Queues `work` for the sync thread; its result (or exception) comes back in the future.
    template <typename Result>
    std::future<Result> post(std::function<Result(ConsoleCore&)> work);
    /// Queues `work`; `done` gets its Completion (see the callback forms above).
    template <typename Result>
    void postThen(std::function<Result(ConsoleCore&)> work, Done<Result> done);
    void loop();
    const Clock& clock() const;

    ConsoleSettings settings_;
    ConsoleListener* listener_;
    Options options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void(ConsoleCore&)>> queue_;
    bool stopping_ = false;
    bool started_ = false;
    std::thread thread_;
    std::unique_ptr<LiveFeedClient> live_;
    std::mutex keyMutex_;
    std::optional<Bytes> practiceKey_;  // a copy for the card-reader thread
};

}  // namespace sanad::core
