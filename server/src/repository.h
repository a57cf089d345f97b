#pragma once

#include "sanad/core/stats.h"
#include "sanad/core/ticket.h"
#include "sanad/core/wire.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Nullable.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sanad::server::repo {

/// The SQL mapping of the server's tables. Stateless functions over a session that belongs to the
/// calling thread; the caller owns transactions. Times are stored as integer milliseconds (UTC).

using Poco::Data::Session;

/// The statement for this session's engine: `?` placeholders as written for SQLite, numbered
/// (`$1`, `$2`, …) for PostgreSQL. Statements never hold a literal question mark.
std::string sql(Session& session, std::string text);

/// A nullable text column of a row, and a value to bind as a nullable text (shared by the
/// repository's files).
std::optional<std::string> optText(const Poco::Data::RecordSet& rs, std::size_t col,
                                   std::size_t row);
Poco::Nullable<std::string> nullable(const std::optional<std::string>& v);

/// The ticket with its derived members (`position`: 1-based among waiting and called of its
/// queue and day in the line's order, core::standsBefore; `waiting_ahead`, `estimated_wait_min`
/// from the queue's first calls of that day), or none.
std::optional<core::Ticket> findTicket(Session& session, const std::string& id);

/// Tickets of a queue on a day in the line's order (standsBefore), with their derived members:
/// open ones, or all of the day.
std::vector<core::Ticket> ticketsOfQueue(Session& session, const std::string& queueId,
                                         const std::string& day, bool all);

/// Today's tickets of one card, any queue, any status (no derived members).
std::vector<core::Ticket> ticketsOfCard(Session& session, const std::string& cardRef,
                                        const std::string& day);

/// The times of the last `core::kEstimateCalls` first calls of a queue's day.
std::vector<core::Timestamp> firstCalls(Session& session, const std::string& queueId,
                                        const std::string& day);

/// Sets the derived members of one ticket of `day` (counts the line ahead of it).
void deriveMembers(Session& session, core::Ticket& ticket, const std::string& day);

/// How many tickets of a queue's day have a position, and the latest queued_at among the
/// normal ones (the writer's QueueTail).
std::pair<std::int64_t, core::Timestamp> positionedLine(Session& session,
                                                        const std::string& queueId,
                                                        const std::string& day);

/// A new ticket: queued_at and first_called_at as given (first_called_at = called_at), with the
/// patient page's status token.
void insertTicket(Session& session, const core::Ticket& ticket, const std::string& day,
                  const std::string& statusToken);
/// Stores every member that may change (queue, status, names, note, priority, room, times);
/// first_called_at is set by the first call and never moved afterwards.
void updateTicket(Session& session, const core::Ticket& ticket);

/// A queue without its ticket_count (cheap: for existence checks and codes), or none.
std::optional<core::Queue> findQueue(Session& session, const std::string& id);
/// Every queue with its ticket_count (open tickets on `day`).
std::vector<core::Queue> allQueues(Session& session, const std::string& day);
void insertQueue(Session& session, const core::Queue& queue, int sort);

/// Reserves `count` consecutive counter values of a queue's day; returns the first.
std::int64_t reserveCounter(Session& session, const std::string& queueId, const std::string& day,
                            std::int64_t count);

void leaseNumber(Session& session, const std::string& queueId, const std::string& day,
                 const std::string& number, const std::string& deviceId);
/// Marks a number leased to this device, queue and day as used; false if it is not such a number
/// or already used.
bool takeLeasedNumber(Session& session, const std::string& queueId, const std::string& day,
                      const std::string& number, const std::string& deviceId);

/// A registered card (known_cards), or none.
std::optional<core::Card> findCard(Session& session, const std::string& cardRef);
/// Registers or replaces a card.
void putCard(Session& session, const core::Card& card);
/// Registers a card by name only (the demo seed), updated now.
void putKnownCard(Session& session, const std::string& cardRef, const std::string& name);
/// Forgets a card; false when it was not known.
bool deleteCard(Session& session, const std::string& cardRef);

/// Records `aliasId` (with its status token) as another id of `ticketId` (a check-in answered
/// existing); a known alias keeps what it points at.
void addAlias(Session& session, const std::string& aliasId, const std::string& ticketId,
              const std::string& statusToken);
/// The ticket an alias points at, or none.
std::optional<std::string> aliasOf(Session& session, const std::string& aliasId);

/// The facts of every ticket of a day (of one queue, or all) for the statistics.
std::vector<core::DayTicket> dayTickets(Session& session, const std::string& day,
                                        const std::optional<std::string>& queueId);

/// A committed version of a ticket: its seq, the committing device and time (none for rows a
/// v1 server wrote), and the ticket JSON as committed.
void appendChange(Session& session, std::int64_t seq, const core::Ticket& ticket,
                  const std::string& ticketJson, const std::string& deviceId,
                  core::Timestamp committedAt);
std::int64_t latestSeq(Session& session);
struct StoredChange {
    std::int64_t seq;
    std::string ticketJson;
};
/// Changes with seq > since, oldest first, at most `limit`. A row a v1 server wrote is given in
/// the v1.1 shape (the members it lacks with their defaults).
std::vector<StoredChange> changesSince(Session& session, std::int64_t since, std::int64_t limit);

struct StoredVersion {
    std::int64_t seq = 0;
    core::Ticket ticket;
    std::optional<std::string> deviceId;
    std::optional<core::Timestamp> committedAt;
};
/// Every committed version of one ticket, oldest first.
std::vector<StoredVersion> versionsOf(Session& session, const std::string& ticketId);

std::optional<std::string> meta(Session& session, const std::string& key);
void setMeta(Session& session, const std::string& key, const std::string& value);
/// Stores the value only when the key has none yet (instances starting together agree on one).
void insertMetaIfAbsent(Session& session, const std::string& key, const std::string& value);

// Devices and queue administration: repository_admin.cpp.
struct DeviceRow {
    std::string name;
    std::string role;    // "desk" or "display"
    std::string queues;  // a display's queue ids, comma-separated; empty: all
    bool revoked = false;
};
/// A device row's `queues` as ids.
std::vector<std::string> splitQueues(const std::string& text);
/// The device of a token's SHA-256 unless it is revoked: one read by the primary key.
std::optional<DeviceRow> activeDevice(Session& session, const std::string& tokenHash);
/// Every device, revoked ones included, oldest first.
std::vector<DeviceRow> allDevices(Session& session);
/// False when a device of that name that is not revoked exists already.
bool insertDevice(Session& session, const DeviceRow& device, const std::string& tokenHash);
/// Revokes the active device of that name; false when there is none.
bool revokeDevice(Session& session, const std::string& name, std::int64_t atMs);

/// Creates the default queue `general` ("Allgemeinmedizin", code A) when there is no queue at all:
/// a fresh database has that one queue, whoever opens it first (a server or the admin).
void insertDefaultQueueIfNone(Session& session);
/// The id of the queue with that code, or none.
std::optional<std::string> queueWithCode(Session& session, const std::string& code);
/// The sort value after the last queue's.
int nextQueueSort(Session& session);
/// False when there is no queue of that id.
bool renameQueue(Session& session, const std::string& id, const std::string& name);

struct IdempotencyRecord {
    std::string fingerprint;
    int status = 0;
    std::string body;
};
std::optional<IdempotencyRecord> findIdempotency(Session& session, const std::string& deviceId,
                                                 const std::string& key);
/// Insert-if-absent, before any work; false when the key is already there. The record's status
/// and body are filled in by completeIdempotency in the same transaction as the effect.
bool reserveIdempotency(Session& session, const std::string& deviceId, const std::string& key,
                        const IdempotencyRecord& record, std::int64_t createdAtMs);
void completeIdempotency(Session& session, const std::string& deviceId, const std::string& key,
                         int status, const std::string& body);
/// Deletes records created before `cutoffMs`; returns how many.
std::size_t purgeIdempotency(Session& session, std::int64_t cutoffMs);

// The patient page and the displays (issue 15): repository_public.cpp.
/// The practice key (hex), made on first use (insert-if-absent: instances agree on one).
std::string practiceKey(Session& session);
/// Migration 4: every ticket and alias without a status token gets its own.
void backfillStatusTokens(Session& session);
/// The ticket a status token stands for (its own, or an alias's: the existing ticket), with its
/// day, or none.
struct TokenTarget {
    std::string ticketId;
    std::string day;
};
std::optional<TokenTarget> ticketOfStatusToken(Session& session, const std::string& token);
/// What a status token shows: nothing (unknown), a ticket of another day (expired), or today's
/// ticket with its derived members and its queue's name.
struct PublicTicket {
    enum class State { Unknown, Expired, Found };
    State state = State::Unknown;
    core::Ticket ticket;
    std::string queueName;
};
PublicTicket publicTicket(Session& session, const std::string& token, const std::string& today);
/// One call or recall as it was at the call; `seq` orders them as committed.
struct CallRow {
    std::int64_t seq = 0;
    std::string ticketId, queueId, queueName, number;
    std::optional<std::string> room;
    core::Priority priority = core::Priority::Normal;
    core::Timestamp calledAt{};
};
/// Records a call of a ticket (as stored: now called) in `calls`.
void insertCall(Session& session, const std::string& ticketId);
/// The day's last `limit` calls of `queues` (empty: all), newest first (called_at, then seq).
std::vector<CallRow> lastCalls(Session& session, const std::string& day, std::size_t limit,
                               const std::vector<std::string>& queues);
/// Calls with seq > `seq`, oldest first.
std::vector<CallRow> callsSince(Session& session, std::int64_t seq);
std::int64_t latestCallSeq(Session& session);
/// Whether a display of `queues` (empty: all) shows `queueId`.
bool showsQueue(const std::vector<std::string>& queues, const std::string& queueId);

std::int64_t toMillis(core::Timestamp t);
core::Timestamp fromMillis(std::int64_t ms);

}  // namespace sanad::server::repo
