#pragma once

#include "sanad/core/api_client.h"
#include "sanad/core/clock.h"
#include "sanad/core/console_store.h"
#include "sanad/core/crypto.h"
#include "sanad/core/problem.h"
#include "sanad/core/retry.h"
#include "sanad/core/transition.h"
#include "sanad/core/wire.h"

#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

namespace sanad::core {

struct ConsoleSettings {
    ClientSettings client;
    std::string dataDir;
    std::string queueId = "general";
    std::optional<std::string> room;
    RetryPolicy retry;
    std::int64_t numberBlockSize = 20;
    std::size_t numberBlockRefillBelow = 5;
    std::size_t parallelSends = 8;                      // connections used to drain a backlog
    std::chrono::hours keepSyncedRows{24 * 7};          // synced outbox rows, for support questions
    std::chrono::milliseconds storeBusyTimeout{10000};  // a write waits this long for a lock
    /// Seams (issue 13): where the time comes from (the system clock when null; must outlive
    /// the core) and how requests reach the server (ApiClient on `client` when empty).
    const Clock* clock = nullptr;
    TransportFactory transport;
};

/// Where a change stands once the call returns.
enum class Delivery {
    Synced,  // the server has it and answered
    Queued,  // on disk in the outbox; the server is unreachable or asked to retry later
    Failed,  // refused for good (or could not even be made); see problem
};
std::string_view toString(Delivery delivery);

struct CheckInResult {
    Delivery delivery = Delivery::Queued;
    std::optional<Ticket> ticket;  // the server's, or the local one while queued
    std::optional<CheckInOutcome> outcome;
    std::optional<std::string> warning;
    bool provisionalNumber = false;  // the leased block ran out offline
    std::optional<Problem> problem;  // why it failed (Failed), or why it waits (Queued)
};

struct TransitionResult {
    Delivery delivery = Delivery::Queued;
    std::optional<Ticket> ticket;
    std::optional<Resolution> resolution;
    std::optional<Problem> problem;      // why it failed, or why it waits
    bool waitsForEarlierChange = false;  // queued behind a change of the same ticket
};

/// A change the server refused with 409 conflict: the receptionist decides (resolveConflict).
struct ConflictReport {
    std::string rowId;
    ConflictRule rule = ConflictRule::CancelledVsInProgress;
    Ticket server;
    Transition requested;
};

enum class ConflictChoice { KeepMine, TakeServers };

struct SyncReport {
    bool reachable = false;
    std::size_t delivered = 0;
    OutboxCounts counts;
    /// Set when the server refused the desk (a 4xx such as a wrong device token; the detail says
    /// "HTTP 401 unauthorized: …"); none otherwise (reached, not reached, or a server failure or
    /// garbage answer, which may pass).
    std::optional<Problem> problem;
};

/// What the console shows: one queue's cached tickets with the state around them. A copy, made on
/// the core's thread, for the UI thread to display.
struct QueueView {
    std::string queueId;
    std::vector<Queue> queues;
    std::vector<CachedTicket> tickets;
    OutboxCounts counts;
    std::optional<Timestamp> lastSync;
    bool online = false;
    std::int64_t checkinWindowS = 300;  // the server's same-card window, as cached
};

/// What the console core reports. Called on the thread that drives the ConsoleCore (the sync
/// thread in the console, the main thread in sanad-cli), never under a lock, and only once the
/// store transaction that made the change has committed (a change rolled back is never
/// reported). Must not block: the UI adapter only hops threads.
class ConsoleListener {
public:
    virtual ~ConsoleListener() = default;
    virtual void connectivityChanged(bool /*online*/) {}
    virtual void ticketsChanged(const std::string& /*queueId*/) {}
    virtual void outboxChanged(const OutboxCounts& /*counts*/) {}
    virtual void conflictReported(const ConflictReport& /*conflict*/) {}
    virtual void checkInDone(const CheckInResult& /*result*/) {}
    virtual void problemReported(const Problem& /*problem*/) {}
};

class CoreContext;
class OutboxSender;
class CachePuller;
class NumberLeaser;

/// Everything the console does below the UI, on one thread: the outbox-first changes, delivery
/// with retries and conflict rules, the cached queue, number blocks. A change is committed to
/// the outbox before any attempt to send it, and sent under the row's id as idempotency key.
/// A façade over parts with one job each (console/src): OutboxSender (delivery, retry,
/// conflicts), CachePuller (refresh, catch-up, live changes), NumberLeaser (number blocks), all
/// sharing one CoreContext (settings, clock, store, transports, connectivity, the listener).
/// Thread-safety: an instance belongs to one thread (its store and transports do too).
class ConsoleCore {
public:
    explicit ConsoleCore(ConsoleSettings settings, ConsoleListener* listener = nullptr);
    ~ConsoleCore();
    ConsoleCore(const ConsoleCore&) = delete;
    ConsoleCore& operator=(const ConsoleCore&) = delete;

    /// A card tap. The UID goes into card_ref and nowhere else.
    CheckInResult checkIn(std::span<const std::uint8_t> uid, std::optional<Timestamp> tapTime = {});
    /// A tap already turned into its card_ref (by the card reader, with cardRefMaker()).
    CheckInResult checkInCard(const std::string& cardRef, std::optional<Timestamp> tapTime = {});
    TransitionResult transition(const std::string& ticketId, TicketStatus to,
                                std::optional<std::string> room = std::nullopt);
    /// The first waiting ticket of the current queue, from the cache.
    std::optional<Ticket> nextWaiting();

    /// The desk's queue: where its check-ins go and which queue nextWaiting() looks at.
    void setQueue(const std::string& queueId);
    /// A snapshot of `queueId` (the desk's queue when empty) for display.
    QueueView view(const std::string& queueId = "");
    /// The outbox rows that need the receptionist: failed and conflict, oldest first.
    std::vector<OfflineRequest> unsentChanges();

    /// Sends what is due, then refreshes config, queues and tickets, and tops up the number block.
    SyncReport sync();
    /// Sends the rows that are due now (their backoff is over); how many went through.
    std::size_t deliverDue();
    /// When the next row waiting out a backoff is due, if any (the sync thread wakes then).
    std::optional<Timestamp> nextAttemptAt();

    /// A change pushed by the live feed: cached unless this desk has its own change of the ticket
    /// still on the way.
    void applyChange(const Change& change);
    /// Fetches every change since the last one seen (`/api/changes?since=`); false if unreachable.
    bool catchUp();
    /// The live feed's connection state is half of connectivity; failed requests are the other.
    void liveFeedConnected(bool connected);
    /// The live feed's line answered a heartbeat. If requests had failed meanwhile (offline
    /// while the feed's connection survived), connectivity is back: catch up and send.
    void liveFeedAlive();

    void resolveConflict(const std::string& rowId, ConflictChoice choice);
    bool retryRow(const std::string& rowId);
    bool discardRow(const std::string& rowId);

    bool online() const;
    std::optional<Timestamp> lastSync();
    ConsoleStore& store();
    const ConsoleSettings& settings() const;

    /// The practice key from the cache (fetched once when online); none if never connected.
    std::optional<Bytes> practiceKey();
    /// The cached practice key only (never asks the server); none if not known yet.
    std::optional<Bytes> cachedPracticeKey();

private:
    CheckInResult finishCheckIn(CheckInResult result);
    std::vector<Ticket> cachedTicketsOfCard(const std::string& cardRef, const std::string& day);

    std::unique_ptr<CoreContext> context_;
    std::unique_ptr<NumberLeaser> numbers_;
    std::unique_ptr<CachePuller> cache_;
    std::unique_ptr<OutboxSender> sender_;
};

}  // namespace sanad::core
