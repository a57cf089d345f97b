#pragma once

#include "sanad/core/api_client.h"
#include "sanad/core/console_store.h"
#include "sanad/core/crypto.h"
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
    std::size_t parallelSends = 8;              // connections used to drain a backlog
    std::chrono::hours keepSyncedRows{24 * 7};  // synced outbox rows, for support questions
};

/// Where a change stands once the call returns.
enum class Delivery {
    Synced,  // the server has it and answered
    Queued,  // on disk in the outbox; the server is unreachable or asked to retry later
    Failed,  // refused for good (or could not even be made); see message
};
std::string_view toString(Delivery delivery);

struct CheckInResult {
    Delivery delivery = Delivery::Queued;
    std::optional<Ticket> ticket;  // the server's, or the local one while queued
    std::optional<CheckInOutcome> outcome;
    std::optional<std::string> warning;
    bool provisionalNumber = false;  // the leased block ran out offline
    std::string message;
};

struct TransitionResult {
    Delivery delivery = Delivery::Queued;
    std::optional<Ticket> ticket;
    std::optional<Resolution> resolution;
    std::string message;
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
    /// Set when the server refused the desk (a 4xx such as a wrong device token: "HTTP 401
    /// unauthorized: …"); empty otherwise (reached, not reached, or a server failure or garbage
    /// answer, which may pass).
    std::string problem;
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
/// thread in the console, the main thread in sanad-cli), never under a lock. Must not block:
/// the UI adapter only hops threads.
class ConsoleListener {
public:
    virtual ~ConsoleListener() = default;
    virtual void connectivityChanged(bool /*online*/) {}
    virtual void ticketsChanged(const std::string& /*queueId*/) {}
    virtual void outboxChanged(const OutboxCounts& /*counts*/) {}
    virtual void conflictReported(const ConflictReport& /*conflict*/) {}
    virtual void checkInDone(const CheckInResult& /*result*/) {}
    virtual void errorReported(const std::string& /*message*/) {}
};

/// Everything the console does below the UI, on one thread: the outbox-first changes, delivery
/// with retries and conflict rules, the cached queue, number blocks. A change is committed to
/// the outbox before any attempt to send it, and sent under the row's id as idempotency key.
/// Thread-safety: an instance belongs to one thread (its store and client do too).
class ConsoleCore {
public:
    explicit ConsoleCore(ConsoleSettings settings, ConsoleListener* listener = nullptr);

    /// A card tap. The UID goes into card_ref and nowhere else.
    CheckInResult checkIn(std::span<const std::uint8_t> uid, Timestamp tapTime = now());
    /// A tap already turned into its card_ref (by the card reader, with cardRefMaker()).
    CheckInResult checkInCard(const std::string& cardRef, Timestamp tapTime = now());
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

    bool online() const { return online_; }
    std::optional<Timestamp> lastSync();
    ConsoleStore& store() { return store_; }
    const ConsoleSettings& settings() const { return settings_; }

    /// The practice key from the cache (fetched once when online); none if never connected.
    std::optional<Bytes> practiceKey();

private:
    struct Delivered {
        OutcomeClass outcome = OutcomeClass::NetworkLoss;
        std::optional<CheckInResponse> checkIn;
        std::optional<TransitionResponse> transition;
        std::string message;
    };
    Delivered deliver(const OfflineRequest& row);
    /// Records the answer to one row: outbox status, cache, listener.
    Delivered apply(const OfflineRequest& row, const HttpOutcome& out);
    std::size_t deliverDue();
    /// Config, queues and tickets from the server; false when that failed, with the reason in
    /// `problem` when the server refused the desk (see SyncReport).
    bool refresh(std::string* problem = nullptr);
    void topUpNumbers();
    void setOnline(bool online);
    void notifyOutbox();
    bool hasUnsyncedRows(const std::string& ticketId, const std::string& exceptRowId);
    std::string deviceId();
    std::vector<Ticket> cachedTicketsOfCard(const std::string& cardRef, const std::string& day);

    ConsoleSettings settings_;
    ConsoleListener* listener_;
    ConsoleStore store_;
    ApiClient client_;
    std::vector<std::unique_ptr<ApiClient>> laneClients_;  // one per parallel send, this thread's
    bool online_ = false;
    bool onlineKnown_ = false;  // the first verdict is reported whichever it is
    std::mt19937_64 random_;
};

}  // namespace sanad::core
