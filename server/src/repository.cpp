#include "repository.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <algorithm>

namespace sanad::server::repo {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Nullable;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

constexpr const char* kTicketColumns =
    "id, number, queue_id, status, patient, card_ref, device_id, room, version, checked_in_at, "
    "created_at, updated_at, called_at, completed_at";

std::optional<std::string> optText(const RecordSet& rs, std::size_t col, std::size_t row) {
    if (rs.isNull(col, row)) {
        return std::nullopt;
    }
    return rs.value(col, row).convert<std::string>();
}

std::optional<core::Timestamp> optTime(const RecordSet& rs, std::size_t col, std::size_t row) {
    if (rs.isNull(col, row)) {
        return std::nullopt;
    }
    return fromMillis(rs.value(col, row).convert<std::int64_t>());
}

std::vector<core::Ticket> readTickets(Statement& statement) {
    statement.execute();
    RecordSet rs(statement);
    std::vector<core::Ticket> tickets;
    tickets.reserve(rs.rowCount());
    for (std::size_t row = 0; row < rs.rowCount(); ++row) {
        core::Ticket t;
        t.id = rs.value(0, row).convert<std::string>();
        t.number = rs.value(1, row).convert<std::string>();
        t.queueId = rs.value(2, row).convert<std::string>();
        t.status = core::parseTicketStatus(rs.value(3, row).convert<std::string>())
                       .value_or(core::TicketStatus::Waiting);
        t.patient = optText(rs, 4, row);
        t.cardRef = optText(rs, 5, row);
        t.deviceId = rs.value(6, row).convert<std::string>();
        t.room = optText(rs, 7, row);
        t.version = rs.value(8, row).convert<std::int64_t>();
        t.checkedInAt = fromMillis(rs.value(9, row).convert<std::int64_t>());
        t.createdAt = fromMillis(rs.value(10, row).convert<std::int64_t>());
        t.updatedAt = fromMillis(rs.value(11, row).convert<std::int64_t>());
        t.calledAt = optTime(rs, 12, row);
        t.completedAt = optTime(rs, 13, row);
        tickets.push_back(std::move(t));
    }
    return tickets;
}

Nullable<std::string> nullable(const std::optional<std::string>& v) {
    return v ? Nullable<std::string>(*v) : Nullable<std::string>();
}
Nullable<Poco::Int64> nullableMs(const std::optional<core::Timestamp>& v) {
    return v ? Nullable<Poco::Int64>(toMillis(*v)) : Nullable<Poco::Int64>();
}

}  // namespace

std::string sql(Session& session, std::string text) {
    if (session.connector() != "postgresql") {
        return text;
    }
    std::string out;
    out.reserve(text.size() + 16);
    int n = 0;
    for (char c : text) {
        if (c == '?') {
            out += '$' + std::to_string(++n);
        } else {
            out += c;
        }
    }
    return out;
}

std::int64_t toMillis(core::Timestamp t) {
    return t.time_since_epoch().count();
}
core::Timestamp fromMillis(std::int64_t ms) {
    return core::Timestamp(std::chrono::milliseconds(ms));
}

std::optional<core::Ticket> findTicket(Session& session, const std::string& id) {
    Statement select(session);
    std::string idCopy = id;
    select << sql(session, std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?"),
        use(idCopy);
    auto tickets = readTickets(select);
    if (tickets.empty()) {
        return std::nullopt;
    }
    core::Ticket ticket = std::move(tickets.front());
    if (core::hasPosition(ticket.status)) {
        Poco::Int64 ahead = 0;
        session << sql(session,
                       "SELECT COUNT(*) FROM tickets o JOIN tickets t ON o.queue_id = t.queue_id "
                       "AND o.day = t.day WHERE t.id = ? AND o.status IN ('waiting', 'called') AND "
                       "(o.checked_in_at, o.id) < (t.checked_in_at, t.id)"),
            use(idCopy), into(ahead), now;
        ticket.position = ahead + 1;
    }
    return ticket;
}

std::vector<core::Ticket> ticketsOfQueue(Session& session, const std::string& queueId,
                                         const std::string& day, bool all) {
    Statement select(session);
    std::string q = queueId, d = day;
    select << sql(session, std::string("SELECT ") + kTicketColumns +
                               " FROM tickets WHERE queue_id = ? AND day = ?" +
                               (all ? "" : " AND status IN ('waiting', 'called', 'in_progress')") +
                               " ORDER BY checked_in_at, id"),
        use(q), use(d);
    auto tickets = readTickets(select);
    std::int64_t position = 0;
    for (core::Ticket& t : tickets) {
        if (core::hasPosition(t.status)) {
            t.position = ++position;
        }
    }
    return tickets;
}

std::vector<core::Ticket> ticketsOfCard(Session& session, const std::string& cardRef,
                                        const std::string& day) {
    Statement select(session);
    std::string c = cardRef, d = day;
    select << sql(session, std::string("SELECT ") + kTicketColumns +
                               " FROM tickets WHERE card_ref = ? AND day = ?"),
        use(c), use(d);
    return readTickets(select);
}

std::pair<std::int64_t, core::Timestamp> positionedLine(Session& session,
                                                        const std::string& queueId,
                                                        const std::string& day) {
    std::string q = queueId, d = day;
    Poco::Int64 count = 0, latest = 0;
    session << sql(
        session,
        "SELECT COUNT(*), COALESCE(MAX(checked_in_at), 0) FROM tickets WHERE queue_id = ? "
        "AND day = ? AND status IN ('waiting', 'called')"),
        use(q), use(d), into(count), into(latest), now;
    return {count, fromMillis(latest)};
}

std::int64_t countPositionedAfter(Session& session, const std::string& queueId,
                                  const std::string& day, core::Timestamp checkedInAt,
                                  const std::string& id) {
    std::string q = queueId, d = day, i = id;
    Poco::Int64 at = toMillis(checkedInAt), after = 0;
    // A row-value range on tickets_positioned: walks only the tickets behind.
    session << sql(session,
                   "SELECT COUNT(*) FROM tickets WHERE queue_id = ? AND day = ? AND status IN "
                   "('waiting', 'called') AND (checked_in_at, id) > (?, ?)"),
        use(q), use(d), use(at), use(i), into(after), now;
    return after;
}

void insertTicket(Session& session, const core::Ticket& t, const std::string& day) {
    std::string id = t.id, number = t.number, queueId = t.queueId,
                status = std::string(core::toString(t.status)), deviceId = t.deviceId, d = day;
    Nullable<std::string> patient = nullable(t.patient), cardRef = nullable(t.cardRef),
                          room = nullable(t.room);
    Poco::Int64 version = t.version, checkedIn = toMillis(t.checkedInAt),
                created = toMillis(t.createdAt), updated = toMillis(t.updatedAt);
    Nullable<Poco::Int64> called = nullableMs(t.calledAt), completed = nullableMs(t.completedAt);
    session << sql(session, std::string("INSERT INTO tickets (") + kTicketColumns +
                                ", day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        use(id), use(number), use(queueId), use(status), use(patient), use(cardRef), use(deviceId),
        use(room), use(version), use(checkedIn), use(created), use(updated), use(called),
        use(completed), use(d), now;
}

void updateTicket(Session& session, const core::Ticket& t) {
    std::string id = t.id, status = std::string(core::toString(t.status));
    Nullable<std::string> room = nullable(t.room);
    Poco::Int64 version = t.version, updated = toMillis(t.updatedAt);
    Nullable<Poco::Int64> called = nullableMs(t.calledAt), completed = nullableMs(t.completedAt);
    session << sql(session,
                   "UPDATE tickets SET status = ?, room = ?, version = ?, updated_at = ?, "
                   "called_at = ?, completed_at = ? WHERE id = ?"),
        use(status), use(room), use(version), use(updated), use(called), use(completed), use(id),
        now;
}

std::vector<core::Queue> allQueues(Session& session, const std::string& day) {
    Statement select(session);
    std::string d = day;
    select << sql(
        session,
        "SELECT q.id, q.name, q.code, (SELECT COUNT(*) FROM tickets t WHERE t.queue_id = q.id "
        "AND t.day = ? AND t.status IN ('waiting', 'called', 'in_progress')) "
        "FROM queues q ORDER BY q.sort, q.id"),
        use(d), now;
    RecordSet rs(select);
    std::vector<core::Queue> queues;
    for (std::size_t row = 0; row < rs.rowCount(); ++row) {
        queues.push_back(core::Queue{
            rs.value(0, row).convert<std::string>(), rs.value(1, row).convert<std::string>(),
            rs.value(2, row).convert<std::string>(), rs.value(3, row).convert<std::int64_t>()});
    }
    return queues;
}

std::optional<core::Queue> findQueue(Session& session, const std::string& id) {
    std::string i = id;
    std::vector<std::string> names, codes;
    session << sql(session, "SELECT name, code FROM queues WHERE id = ?"), use(i), into(names),
        into(codes), now;
    if (names.empty()) {
        return std::nullopt;
    }
    return core::Queue{id, names.front(), codes.front(), 0};
}

void insertQueue(Session& session, const core::Queue& queue, int sort) {
    std::string id = queue.id, name = queue.name, code = queue.code;
    session << sql(session, "INSERT INTO queues (id, name, code, sort) VALUES (?, ?, ?, ?)"),
        use(id), use(name), use(code), use(sort), now;
}

std::int64_t reserveCounter(Session& session, const std::string& queueId, const std::string& day,
                            std::int64_t count) {
    std::string q = queueId, d = day;
    Poco::Int64 n = count;
    Poco::Int64 last = 0;
    // One statement: the first number of a day makes the row, later ones move it on.
    session << sql(session,
                   "INSERT INTO counters (queue_id, day, last) VALUES (?, ?, ?) "
                   "ON CONFLICT (queue_id, day) DO UPDATE SET last = counters.last + excluded.last "
                   "RETURNING last"),
        use(q), use(d), use(n), into(last), now;
    return last - count + 1;
}

void leaseNumber(Session& session, const std::string& queueId, const std::string& day,
                 const std::string& number, const std::string& deviceId) {
    std::string q = queueId, d = day, n = number, dev = deviceId;
    session << sql(
        session,
        "INSERT INTO number_leases (queue_id, day, number, device_id) VALUES (?, ?, ?, ?)"),
        use(q), use(d), use(n), use(dev), now;
}

bool takeLeasedNumber(Session& session, const std::string& queueId, const std::string& day,
                      const std::string& number, const std::string& deviceId) {
    std::string q = queueId, d = day, n = number, dev = deviceId;
    Statement update(session);
    update << sql(session,
                  "UPDATE number_leases SET used = 1 WHERE queue_id = ? AND day = ? AND number = ? "
                  "AND device_id = ? AND used = 0"),
        use(q), use(d), use(n), use(dev);
    return update.execute() == 1;
}

std::optional<std::string> knownCardName(Session& session, const std::string& cardRef) {
    std::string c = cardRef;
    std::vector<std::string> names;
    session << sql(session, "SELECT display_name FROM known_cards WHERE card_ref = ?"), use(c),
        into(names), now;
    if (names.empty()) {
        return std::nullopt;
    }
    return names.front();
}

void putKnownCard(Session& session, const std::string& cardRef, const std::string& name) {
    std::string c = cardRef, n = name;
    session << sql(session,
                   "INSERT INTO known_cards (card_ref, display_name) VALUES (?, ?) "
                   "ON CONFLICT (card_ref) DO UPDATE SET display_name = excluded.display_name"),
        use(c), use(n), now;
}

void appendChange(Session& session, std::int64_t seq, const core::Ticket& ticket,
                  const std::string& ticketJson) {
    Poco::Int64 s = seq;
    std::string id = ticket.id, json = ticketJson;
    session << sql(session, "INSERT INTO changes (seq, ticket_id, ticket) VALUES (?, ?, ?)"),
        use(s), use(id), use(json), now;
}

std::int64_t latestSeq(Session& session) {
    Poco::Int64 seq = 0;
    session << sql(session, "SELECT COALESCE(MAX(seq), 0) FROM changes"), into(seq), now;
    return seq;
}

std::vector<StoredChange> changesSince(Session& session, std::int64_t since, std::int64_t limit) {
    Poco::Int64 s = since, l = limit;
    std::vector<Poco::Int64> seqs;
    std::vector<std::string> tickets;
    session << sql(session, "SELECT seq, ticket FROM changes WHERE seq > ? ORDER BY seq LIMIT ?"),
        use(s), use(l), into(seqs), into(tickets), now;
    std::vector<StoredChange> out;
    out.reserve(seqs.size());
    for (std::size_t i = 0; i < seqs.size(); ++i) {
        out.push_back({seqs[i], std::move(tickets[i])});
    }
    return out;
}

std::optional<std::string> meta(Session& session, const std::string& key) {
    std::string k = key;
    std::vector<std::string> values;
    session << sql(session, "SELECT value FROM meta WHERE key = ?"), use(k), into(values), now;
    if (values.empty()) {
        return std::nullopt;
    }
    return values.front();
}

void setMeta(Session& session, const std::string& key, const std::string& value) {
    std::string k = key, v = value;
    session << sql(session,
                   "INSERT INTO meta (key, value) VALUES (?, ?) "
                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
        use(k), use(v), now;
}

void insertMetaIfAbsent(Session& session, const std::string& key, const std::string& value) {
    std::string k = key, v = value;
    session << sql(session, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING"),
        use(k), use(v), now;
}

std::optional<IdempotencyRecord> findIdempotency(Session& session, const std::string& deviceId,
                                                 const std::string& key) {
    std::string d = deviceId, k = key;
    std::vector<std::string> fingerprints, bodies;
    std::vector<int> statuses;
    session << sql(
        session,
        "SELECT fingerprint, status, body FROM idempotency WHERE device_id = ? AND key = ?"),
        use(d), use(k), into(fingerprints), into(statuses), into(bodies), now;
    if (fingerprints.empty()) {
        return std::nullopt;
    }
    return IdempotencyRecord{fingerprints.front(), statuses.front(), bodies.front()};
}

bool reserveIdempotency(Session& session, const std::string& deviceId, const std::string& key,
                        const IdempotencyRecord& record, std::int64_t createdAtMs) {
    std::string d = deviceId, k = key, f = record.fingerprint, b = record.body;
    int status = record.status;
    Poco::Int64 created = createdAtMs;
    Statement insert(session);
    insert << sql(session,
                  "INSERT INTO idempotency (device_id, key, fingerprint, status, body, created_at) "
                  "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (device_id, key) DO NOTHING"),
        use(d), use(k), use(f), use(status), use(b), use(created);
    return insert.execute() == 1;
}

void completeIdempotency(Session& session, const std::string& deviceId, const std::string& key,
                         int status, const std::string& body) {
    std::string d = deviceId, k = key, b = body;
    int st = status;
    session << sql(session,
                   "UPDATE idempotency SET status = ?, body = ? WHERE device_id = ? AND key = ?"),
        use(st), use(b), use(d), use(k), now;
}

std::size_t purgeIdempotency(Session& session, std::int64_t cutoffMs) {
    Poco::Int64 cutoff = cutoffMs;
    Statement del(session);
    del << sql(session, "DELETE FROM idempotency WHERE created_at < ?"), use(cutoff);
    return del.execute();
}

}  // namespace sanad::server::repo
