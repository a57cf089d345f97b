// The SQL of the patient page and the displays (issue 15): status tokens and the calls.
#include "repository.h"

#include "sanad/core/crypto.h"
#include "sanad/server/database.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <algorithm>

namespace sanad::server::repo {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

constexpr const char* kPracticeKey = "practice_key";

/// Every row of `table` without a status token gets the one of its id column.
void backfill(Session& session, const core::Bytes& key, const std::string& table,
              const std::string& idColumn) {
    std::vector<std::string> ids;
    session << "SELECT " + idColumn + " FROM " + table + " WHERE status_token IS NULL", into(ids),
        now;
    for (std::string& id : ids) {
        std::string token = core::statusToken(key, id);
        session << sql(session,
                       "UPDATE " + table + " SET status_token = ? WHERE " + idColumn + " = ?"),
            use(token), use(id), now;
    }
}

std::vector<CallRow> readCalls(Statement& select) {
    select.execute();
    RecordSet rs(select);
    std::vector<CallRow> calls;
    calls.reserve(rs.rowCount());
    for (std::size_t row = 0; row < rs.rowCount(); ++row) {
        CallRow c;
        c.seq = rs.value(0, row).convert<std::int64_t>();
        c.ticketId = rs.value(1, row).convert<std::string>();
        c.queueId = rs.value(2, row).convert<std::string>();
        c.queueName = optText(rs, 3, row).value_or(c.queueId);
        c.number = rs.value(4, row).convert<std::string>();
        c.room = optText(rs, 5, row);
        c.priority = core::parsePriority(rs.value(6, row).convert<std::string>())
                         .value_or(core::Priority::Normal);
        c.calledAt = fromMillis(rs.value(7, row).convert<std::int64_t>());
        calls.push_back(std::move(c));
    }
    return calls;
}

constexpr const char* kCallColumns =
    "SELECT c.seq, c.ticket_id, c.queue_id, q.name, c.number, c.room, c.priority, c.called_at "
    "FROM calls c LEFT JOIN queues q ON q.id = c.queue_id ";

}  // namespace

std::string practiceKey(Session& session) {
    // Insert-if-absent: two instances starting together on one database agree on one key.
    insertMetaIfAbsent(session, kPracticeKey, core::toHex(core::randomBytes(32)));
    std::optional<std::string> key = meta(session, kPracticeKey);
    if (!key) {
        throw StorageError("the practice key could not be stored");
    }
    return *key;
}

void backfillStatusTokens(Session& session) {
    const core::Bytes key = *core::fromHex(practiceKey(session));
    backfill(session, key, "tickets", "id");
    backfill(session, key, "ticket_aliases", "alias_id");
}

std::optional<TokenTarget> ticketOfStatusToken(Session& session, const std::string& token) {
    std::string t = token, t2 = token;
    std::vector<std::string> ids, days;
    session << sql(session, "SELECT id, day FROM tickets WHERE status_token = ?"), use(t),
        into(ids), into(days), now;
    if (!ids.empty()) {
        return TokenTarget{ids.front(), days.front()};
    }
    // A check-in answered `existing`: the dropped ticket's token shows the existing ticket.
    session << sql(session,
                   "SELECT t.id, t.day FROM ticket_aliases a JOIN tickets t ON t.id = a.ticket_id "
                   "WHERE a.status_token = ?"),
        use(t2), into(ids), into(days), now;
    if (!ids.empty()) {
        return TokenTarget{ids.front(), days.front()};
    }
    return std::nullopt;
}

PublicTicket publicTicket(Session& session, const std::string& token, const std::string& today) {
    PublicTicket out;
    const std::optional<TokenTarget> target = ticketOfStatusToken(session, token);
    if (!target) {
        return out;
    }
    if (target->day != today) {
        out.state = PublicTicket::State::Expired;
        return out;
    }
    std::optional<core::Ticket> ticket = findTicket(session, target->ticketId);
    if (!ticket) {
        return out;
    }
    out.state = PublicTicket::State::Found;
    out.ticket = std::move(*ticket);
    const std::optional<core::Queue> queue = findQueue(session, out.ticket.queueId);
    out.queueName = queue ? queue->name : out.ticket.queueId;
    return out;
}

void insertCall(Session& session, const std::string& ticketId) {
    Poco::Int64 seq = 0;
    session << "SELECT COALESCE(MAX(seq), 0) + 1 FROM calls", into(seq), now;
    std::string id = ticketId;
    // The ticket as stored a moment ago: its day, number, queue, room and priority at the call.
    session << sql(session,
                   "INSERT INTO calls (seq, ticket_id, queue_id, day, number, room, priority, "
                   "called_at) SELECT ?, id, queue_id, day, number, room, priority, "
                   "COALESCE(called_at, updated_at) FROM tickets WHERE id = ?"),
        use(seq), use(id), now;
}

std::vector<CallRow> lastCalls(Session& session, const std::string& day, std::size_t limit,
                               const std::vector<std::string>& queues) {
    std::string d = day;
    Statement select(session);
    select << sql(session, std::string(kCallColumns) +
                               "WHERE c.day = ? ORDER BY c.called_at DESC, c.seq DESC"),
        use(d);
    std::vector<CallRow> calls = readCalls(select);
    std::erase_if(calls, [&](const CallRow& c) { return !showsQueue(queues, c.queueId); });
    if (calls.size() > limit) {
        calls.resize(limit);
    }
    return calls;
}

std::vector<CallRow> callsSince(Session& session, std::int64_t seq) {
    Poco::Int64 s = seq;
    Statement select(session);
    select << sql(session, std::string(kCallColumns) + "WHERE c.seq > ? ORDER BY c.seq"), use(s);
    return readCalls(select);
}

std::int64_t latestCallSeq(Session& session) {
    Poco::Int64 seq = 0;
    session << "SELECT COALESCE(MAX(seq), 0) FROM calls", into(seq), now;
    return seq;
}

bool showsQueue(const std::vector<std::string>& queues, const std::string& queueId) {
    return queues.empty() || std::find(queues.begin(), queues.end(), queueId) != queues.end();
}

}  // namespace sanad::server::repo
