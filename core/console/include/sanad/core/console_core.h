#pragma once

#include "sanad/core/api_client.h"
#include "sanad/core/call_board.h"
#include "sanad/core/clock.h"
#include "sanad/core/console_store.h"
#include "sanad/core/crypto.h"
#include "sanad/core/problem.h"
#include "sanad/core/retry.h"
#include "sanad/core/transition.h"
#include "sanad/core/wire.h"

#include <Poco/Exception.h>

#include <functional>
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
    std::optional<WarningDetail> warningDetail;  // the other desk's ticket behind the warning
    bool provisionalNumber = false;              // the leased block ran out offline
    std::optional<Problem> problem;              // why it failed (Failed), or why it waits (Queued)
    /// The patient's status page for `ticket` (ConsoleCore::statusUrl), offline too; none when
    /// there is no ticket, no cached practice key or the server has no public_url.
    std::optional<std::string> statusUrl;
};

struct TransitionResult {
    Delivery delivery = Delivery::Queued;
    std::optional<Ticket> ticket;
    std::optional<Resolution> resolution;
    std::optional<Problem> problem;      // why it failed, or why it waits
    bool waitsForEarlierChange = false;  // queued behind a change of the same ticket
};

/// A walk-in at the desk, checked in without a card (v1.1 `POST /api/desk/check-in`): every
/// member may be empty. The number comes from the leased block at once, as for taps.
struct WalkIn {
    std::optional<std::string> patient;
    std::optional<std::string> patientId;
    Priority priority = Priority::Normal;
    std::optional<std::string> note;
    std::optional<std::string> queueId;  // the desk's queue when none
};

/// Edits of a ticket (v1.1 `POST /api/tickets/{id}/edits`): an absent member stays, a present
/// nullopt clears it; a `queueId` other than the ticket's is a transfer ("Weiterleiten an …":
/// the number stays, the ticket joins the end of the new queue's line as waiting).
struct TicketChanges {
    std::optional<Priority> priority;
    Patch<std::string> note;
    Patch<std::string> patient;
    Patch<std::string> patientId;
    std::optional<std::string> queueId;
    bool empty() const { return !priority && !note && !patient && !patientId && !queueId; }
};

/// Where a card registration or a forgotten card stands (`PUT`/`DELETE /api/cards/{card_ref}`).
/// The desk's own copy of the card (and its open tickets today) change at once, offline too.
struct CardResult {
    Delivery delivery = Delivery::Queued;
    std::optional<Card> card;     // the card as registered; none after forgetting
    std::vector<Ticket> tickets;  // today's open tickets of the card (the server's once synced)
    std::optional<Problem> problem;
};

/// A ticket's history (`GET /api/tickets/{id}/history`): needs the server; offline it says so.
struct HistoryResult {
    std::optional<HistoryResponse> history;
    std::optional<Problem> problem;
};

/// The day's figures (`GET /api/stats`): fresh when the server answers, else the last ones this
/// desk fetched for that day, with the time they were fetched (`cached`).
struct StatsResult {
    std::optional<StatsResponse> stats;
    std::optional<Timestamp> fetchedAt;
    bool cached = false;
    std::optional<Problem> problem;
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
    /// A call of today for the waiting room: a transition of this desk to `called` (call next,
    /// call, recall; offline too, at once) or a call seen in the server's state (the live feed,
    /// catch-up, refresh: another desk's). Once per ticket and called_at, so this desk's own
    /// call coming back from the server is not reported again.
    virtual void callMade(const DisplayCall& /*call*/) {}
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
    /// A walk-in without a card (outbox first, exactly like a tap).
    CheckInResult checkInWalkIn(const WalkIn& walkIn);
    /// Gives a card a name (and a patient id): the cached card and today's open tickets of that
    /// card take them at once; later taps carry them (outbox first).
    CardResult registerCard(const std::string& cardRef, const CardRegistration& registration);
    /// Forgets a card (a patient who asks to be deleted): the desk's copy goes at once.
    CardResult forgetCard(const std::string& cardRef);
    /// Urgent, note, name, patient id, transfer (outbox first; the cached ticket changes at once).
    TransitionResult edit(const std::string& ticketId, const TicketChanges& changes);
    /// The card as this desk knows it (registered here, or seen from the server); none if unknown.
    std::optional<Card> knownCard(const std::string& cardRef);
    /// Every committed version of a ticket, with the desk that made it (online only).
    HistoryResult history(const std::string& ticketId);
    /// The figures of `day` ("YYYY-MM-DD", today when none).
    StatsResult stats(const std::optional<std::string>& day = std::nullopt);

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
    /// The patient's status page of a ticket: the server's public_url (as cached from
    /// `/api/config`) + "/t/" + statusToken(practice key, ticket id), computed here, so offline
    /// check-ins have it too. None when the key or a public_url is not cached (never asks the
    /// server; a store that cannot be read counts as not cached).
    std::optional<std::string> statusUrl(const std::string& ticketId);

private:
    CheckInResult finishCheckIn(CheckInResult result);
    /// The body of a check-in's outbox row, given the local ticket and its leased number.
    using CheckInBody =
        std::function<std::string(const Ticket&, const std::optional<std::string>& leased)>;
    /// The outbox-first half of every check-in (taps and walk-ins): number, outbox row and local
    /// ticket in one transaction, then one attempt to send it.
    CheckInResult commitCheckIn(Ticket local, const std::string& endpoint, const CheckInBody& body);
    CheckInResult checkInNotStored(const Poco::Exception& e);
    /// Sends a card's outbox row now unless an earlier change of the card waits.
    CardResult deliverCardRow(const OfflineRequest& row, CardResult result);
    /// Stores a change of a ticket (a transition or an edit) with its local effect, then tries
    /// to send it unless an earlier change of the ticket waits.
    TransitionResult commitTicketChange(OfflineRequest row, const Ticket& local,
                                        const std::string& formerQueue);
    std::vector<Ticket> cachedTicketsOfCard(const std::string& cardRef, const std::string& day);

    std::unique_ptr<CoreContext> context_;
    std::unique_ptr<NumberLeaser> numbers_;
    std::unique_ptr<CachePuller> cache_;
    std::unique_ptr<OutboxSender> sender_;
};

}  // namespace sanad::core
