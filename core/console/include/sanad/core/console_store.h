#pragma once

#include "sanad/core/error.h"
#include "sanad/core/numbering.h"
#include "sanad/core/offline_request.h"
#include "sanad/core/ticket.h"
#include "sanad/core/time.h"
#include "sanad/core/wire.h"

#include <Poco/Data/Session.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sanad::core {

/// The console's database could not be opened or written.
class StoreError : public Error {
public:
    using Error::Error;
    const char* name() const noexcept override { return "store error"; }
    Poco::Exception* clone() const override { return new StoreError(*this); }
    void rethrow() const override { throw *this; }
};

/// What the status bar shows about the outbox.
struct OutboxCounts {
    std::int64_t pending = 0;  // pending + retrying
    std::int64_t failed = 0;
    std::int64_t conflict = 0;
    std::optional<Timestamp> oldestPendingAt;
    bool operator==(const OutboxCounts&) const = default;
};

/// A ticket as the console knows it: the server's last word, or a local change not yet sent.
struct CachedTicket {
    Ticket ticket;
    bool pending = false;  // changed here, not yet confirmed by the server
    bool operator==(const CachedTicket&) const = default;
};

/// The console's SQLite file `DIR/console.db`: the outbox and the cached queue (DESIGN.md,
/// Console internals). WAL, synchronous=FULL: every write is on disk before the call returns.
/// A damaged file (not a database, malformed, failing quick_check) is moved aside (never silently
/// replaced) and a new one is made; any other open error (locked, permissions, I/O) throws
/// StoreError and leaves the file untouched.
/// Thread-safety: an instance belongs to one thread; open one per thread on the same folder.
class ConsoleStore {
public:
    /// `busyTimeout`: how long a write waits for a lock another program (or thread) holds before
    /// it fails.
    explicit ConsoleStore(const std::string& dataDir,
                          std::chrono::milliseconds busyTimeout = std::chrono::seconds(10));
    ~ConsoleStore();
    ConsoleStore(const ConsoleStore&) = delete;
    ConsoleStore& operator=(const ConsoleStore&) = delete;

    const std::string& path() const { return path_; }
    /// Set when a damaged file was found and moved aside at open: what happened, where it went.
    const std::optional<std::string>& damagedFileReport() const { return damagedReport_; }

    /// Runs `work` (calls of this store) in one transaction: one fsync for all of it; all or
    /// nothing (rolled back and rethrown when `work` or the commit throws). Called inside an open
    /// transaction, `work` simply becomes part of it.
    void transaction(const std::function<void()>& work);

    // --- outbox ---
    /// Appends a row (its `seq` is assigned here) and commits it. Returns the stored row.
    OfflineRequest enqueue(OfflineRequest request);
    std::optional<OfflineRequest> find(const std::string& id);
    /// Rows of the given statuses in outbox order.
    std::vector<OfflineRequest> list(const std::vector<OutboxStatus>& statuses);
    /// Rows ready to send at `now`: pending, or retrying with next_attempt_at <= now, and only the
    /// first unsynced row of each ticket (a ticket's changes go in order). Outbox order.
    std::vector<OfflineRequest> due(Timestamp now, std::size_t limit = 0);
    /// How many rows of a ticket are not synced yet, leaving out `exceptRowId`.
    std::int64_t unsyncedRows(const std::string& ticketId, const std::string& exceptRowId = "");
    void markSynced(const std::string& id);
    void markRetrying(const std::string& id, int retryCount, Timestamp nextAttemptAt,
                      const std::string& error);
    void markFailed(const std::string& id, const std::string& error,
                    ProblemKind why = ProblemKind::ChangeRefused);
    void markConflict(const std::string& id, const std::string& error);
    /// A failed or conflicted row goes back to pending with a fresh attempt budget.
    void retry(const std::string& id);
    /// Removes a row for good; false if there was none.
    bool discard(const std::string& id);
    OutboxCounts counts();
    /// The earliest next_attempt_at of the retrying rows, if any.
    std::optional<Timestamp> nextAttemptAt();
    /// Deletes synced rows created before `cutoff` (they are kept a while for support questions);
    /// returns how many.
    std::size_t purgeSynced(Timestamp cutoff);

    // --- cache ---
    void putQueues(const std::vector<Queue>& queues);
    std::vector<Queue> queues();
    /// Replaces a queue's cached tickets with the server's list; local pending tickets stay.
    void putTickets(const std::string& queueId, const std::vector<Ticket>& tickets);
    void upsertTicket(const Ticket& ticket, bool pending);
    std::optional<CachedTicket> ticket(const std::string& id);
    /// The cached tickets of a queue, by checked_in_at.
    std::vector<CachedTicket> tickets(const std::string& queueId);
    void removeTicket(const std::string& id);

    /// Cards registered at this desk or learnt from the server (console_store_cards.cpp).
    void putCard(const Card& card);
    std::optional<Card> card(const std::string& cardRef);
    void removeCard(const std::string& cardRef);

    std::optional<std::string> meta(const std::string& key);
    void setMeta(const std::string& key, const std::string& value);

    void putNumberBlock(const NumberBlock& block);
    /// Takes the next leased number of a queue for `day`, or none.
    std::optional<std::string> takeLeasedNumber(const std::string& queueId, const std::string& day);
    std::size_t leasedNumbersLeft(const std::string& queueId, const std::string& day);

private:
    void open();
    void migrate();
    void setStatus(const std::string& id, OutboxStatus status, const std::string* error);

    std::string dataDir_;
    std::string path_;
    std::chrono::milliseconds busyTimeout_;
    std::optional<std::string> damagedReport_;
    bool inTransaction_ = false;
    std::unique_ptr<Poco::Data::Session> session_;
};

}  // namespace sanad::core
