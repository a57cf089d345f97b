#include "repository.h"

#include "sanad/core/codec.h"

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
    "created_at, updated_at, called_at, completed_at, priority, note, patient_id, source, "
    "queued_at";
constexpr std::size_t kTicketColumnCount = 19;

std::optional<core::Timestamp> optTime(const RecordSet& rs, std::size_t col, std::size_t row) {
    if (rs.isNull(col, row)) {
        return std::nullopt;
    }
    return fromMillis(rs.value(col, row).convert<std::int64_t>());
}

/// Reads kTicketColumns (and, with `days`, the `day` column after them).
std::vector<core::Ticket> readTickets(Statement& statement,
                                      std::vector<std::string>* days = nullptr) {
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
        t.priority = core::parsePriority(rs.value(14, row).convert<std::string>())
                         .value_or(core::Priority::Normal);
        t.note = optText(rs, 15, row);
        t.patientId = optText(rs, 16, row);
        t.source = core::parseTicketSource(rs.value(17, row).convert<std::string>())
                       .value_or(core::TicketSource::Card);
        t.queuedAt = fromMillis(rs.value(18, row).convert<std::int64_t>());
        if (days != nullptr) {
            days->push_back(rs.value(kTicketColumnCount, row).convert<std::string>());
        }
        tickets.push_back(std::move(t));
    }
    return tickets;
}

Nullable<Poco::Int64> nullableMs(const std::optional<core::Timestamp>& v) {
    return v ? Nullable<Poco::Int64>(toMillis(*v)) : Nullable<Poco::Int64>();
}

}  // namespace

std::optional<std::string> optText(const RecordSet& rs, std::size_t col, std::size_t row) {
    if (rs.isNull(col, row)) {
        return std::nullopt;
    }
    return rs.value(col, row).convert<std::string>();
}

Nullable<std::string> nullable(const std::optional<std::string>& v) {
    return v ? Nullable<std::string>(*v) : Nullable<std::string>();
}

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
    select << sql(session,
                  std::string("SELECT ") + kTicketColumns + ", day FROM tickets WHERE id = ?"),
        use(idCopy);
    std::vector<std::string> days;
    auto tickets = readTickets(select, &days);
    if (tickets.empty()) {
        return std::nullopt;
    }
    core::Ticket ticket = std::move(tickets.front());
    deriveMembers(session, ticket, days.front());
    return ticket;
}

std::vector<core::Timestamp> firstCalls(Session& session, const std::string& queueId,
                                        const std::string& day) {
    std::string q = queueId, d = day;
    Poco::Int64 limit = static_cast<Poco::Int64>(core::kEstimateCalls);
    std::vector<Poco::Int64> times;
    // The partial index tickets_first_calls: the last few first calls of the queue's day.
    session << sql(session,
                   "SELECT first_called_at FROM tickets WHERE queue_id = ? AND day = ? AND "
                   "first_called_at IS NOT NULL ORDER BY first_called_at DESC LIMIT ?"),
        use(q), use(d), use(limit), into(times), now;
    std::vector<core::Timestamp> out;
    out.reserve(times.size());
    for (Poco::Int64 ms : times) {
        out.push_back(fromMillis(ms));
    }
    return out;
}

void deriveMembers(Session& session, core::Ticket& ticket, const std::string& day) {
    ticket.position.reset();
    ticket.waitingAhead.reset();
    ticket.estimatedWaitMin.reset();
    if (!core::hasPosition(ticket.status)) {
        return;
    }
    std::string q = ticket.queueId, d = day, q2 = ticket.queueId, d2 = day, id = ticket.id;
    std::string priority(core::toString(ticket.priority));
    Poco::Int64 queuedAt = toMillis(ticket.queuedAt), urgentAhead = 0, sameAhead = 0;
    // Two ranges of tickets_positioned: the urgent line (ahead of every normal ticket), and
    // the tickets of the same priority that joined earlier.
    if (ticket.priority == core::Priority::Normal) {
        session << sql(session,
                       "SELECT COUNT(*) FROM tickets WHERE queue_id = ? AND day = ? AND "
                       "priority = 'urgent' AND status IN ('waiting', 'called')"),
            use(q), use(d), into(urgentAhead), now;
    }
    session << sql(session,
                   "SELECT COUNT(*) FROM tickets WHERE queue_id = ? AND day = ? AND priority = ? "
                   "AND status IN ('waiting', 'called') AND (queued_at, id) < (?, ?)"),
        use(q2), use(d2), use(priority), use(queuedAt), use(id), into(sameAhead), now;
    ticket.position = urgentAhead + sameAhead + 1;
    if (ticket.status == core::TicketStatus::Waiting) {
        ticket.waitingAhead = *ticket.position - 1;
        ticket.estimatedWaitMin =
            core::estimateWaitMin(*ticket.waitingAhead, firstCalls(session, ticket.queueId, day));
    }
}

std::vector<core::Ticket> ticketsOfQueue(Session& session, const std::string& queueId,
                                         const std::string& day, bool all) {
    Statement select(session);
    std::string q = queueId, d = day;
    select << sql(session, std::string("SELECT ") + kTicketColumns +
                               " FROM tickets WHERE queue_id = ? AND day = ?" +
                               (all ? "" : " AND status IN ('waiting', 'called', 'in_progress')")),
        use(q), use(d);
    auto tickets = readTickets(select);
    core::deriveLine(tickets, firstCalls(session, queueId, day));
    std::sort(tickets.begin(), tickets.end(), core::standsBefore);
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
    session << sql(session,
                   "SELECT COUNT(*), COALESCE(MAX(CASE WHEN priority = 'normal' THEN queued_at "
                   "END), 0) FROM tickets WHERE queue_id = ? AND day = ? AND status IN "
                   "('waiting', 'called')"),
        use(q), use(d), into(count), into(latest), now;
    return {count, fromMillis(latest)};
}

void insertTicket(Session& session, const core::Ticket& t, const std::string& day,
                  const std::string& statusToken) {
    std::string token = statusToken, id = t.id, number = t.number, queueId = t.queueId,
                status = std::string(core::toString(t.status)), deviceId = t.deviceId, d = day,
                priority = std::string(core::toString(t.priority)),
                source = std::string(core::toString(t.source));
    Nullable<std::string> patient = nullable(t.patient), cardRef = nullable(t.cardRef),
                          room = nullable(t.room), note = nullable(t.note),
                          patientId = nullable(t.patientId);
    Poco::Int64 version = t.version, checkedIn = toMillis(t.checkedInAt),
                created = toMillis(t.createdAt), updated = toMillis(t.updatedAt),
                queued = toMillis(t.queuedAt);
    Nullable<Poco::Int64> called = nullableMs(t.calledAt), completed = nullableMs(t.completedAt),
                          firstCalled = nullableMs(t.calledAt);
    session << sql(session, std::string("INSERT INTO tickets (") + kTicketColumns +
                                ", day, first_called_at, status_token) VALUES (?, ?, ?, ?, ?, "
                                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        use(id), use(number), use(queueId), use(status), use(patient), use(cardRef), use(deviceId),
        use(room), use(version), use(checkedIn), use(created), use(updated), use(called),
        use(completed), use(priority), use(note), use(patientId), use(source), use(queued), use(d),
        use(firstCalled), use(token), now;
}

void updateTicket(Session& session, const core::Ticket& t) {
    std::string id = t.id, status = std::string(core::toString(t.status)), queueId = t.queueId,
                priority = std::string(core::toString(t.priority));
    Nullable<std::string> room = nullable(t.room), patient = nullable(t.patient),
                          patientId = nullable(t.patientId), note = nullable(t.note);
    Poco::Int64 version = t.version, updated = toMillis(t.updatedAt), queued = toMillis(t.queuedAt);
    Nullable<Poco::Int64> called = nullableMs(t.calledAt), completed = nullableMs(t.completedAt),
                          firstCalled = nullableMs(t.calledAt);
    session << sql(session,
                   "UPDATE tickets SET queue_id = ?, status = ?, room = ?, version = ?, "
                   "updated_at = ?, called_at = ?, completed_at = ?, patient = ?, patient_id = ?, "
                   "note = ?, priority = ?, queued_at = ?, "
                   "first_called_at = COALESCE(first_called_at, ?) WHERE id = ?"),
        use(queueId), use(status), use(room), use(version), use(updated), use(called),
        use(completed), use(patient), use(patientId), use(note), use(priority), use(queued),
        use(firstCalled), use(id), now;
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

void appendChange(Session& session, std::int64_t seq, const core::Ticket& ticket,
                  const std::string& ticketJson, const std::string& deviceId,
                  core::Timestamp committedAt) {
    Poco::Int64 s = seq, at = toMillis(committedAt);
    std::string id = ticket.id, json = ticketJson, device = deviceId;
    session << sql(session,
                   "INSERT INTO changes (seq, ticket_id, ticket, device_id, committed_at) VALUES "
                   "(?, ?, ?, ?, ?)"),
        use(s), use(id), use(json), use(device), use(at), now;
}

std::int64_t latestSeq(Session& session) {
    Poco::Int64 seq = 0;
    session << sql(session, "SELECT COALESCE(MAX(seq), 0) FROM changes"), into(seq), now;
    return seq;
}

std::vector<StoredChange> changesSince(Session& session, std::int64_t since, std::int64_t limit) {
    Poco::Int64 s = since, l = limit;
    Statement select(session);
    select << sql(session,
                  "SELECT seq, ticket, committed_at FROM changes WHERE seq > ? ORDER BY seq "
                  "LIMIT ?"),
        use(s), use(l), now;
    RecordSet rs(select);
    std::vector<StoredChange> out;
    out.reserve(rs.rowCount());
    for (std::size_t row = 0; row < rs.rowCount(); ++row) {
        std::string json = rs.value(1, row).convert<std::string>();
        if (rs.isNull(2, row)) {
            // Written by a v1 server: the decoder gives the v1.1 members their defaults.
            json = core::codec::encode(core::codec::decodeTicket(json));
        }
        out.push_back({rs.value(0, row).convert<std::int64_t>(), std::move(json)});
    }
    return out;
}

std::vector<StoredVersion> versionsOf(Session& session, const std::string& ticketId) {
    std::string id = ticketId;
    Statement select(session);
    select << sql(session,
                  "SELECT seq, ticket, device_id, committed_at FROM changes WHERE ticket_id = ? "
                  "ORDER BY seq"),
        use(id), now;
    RecordSet rs(select);
    std::vector<StoredVersion> out;
    out.reserve(rs.rowCount());
    for (std::size_t row = 0; row < rs.rowCount(); ++row) {
        out.push_back({rs.value(0, row).convert<std::int64_t>(),
                       core::codec::decodeTicket(rs.value(1, row).convert<std::string>()),
                       optText(rs, 2, row), optTime(rs, 3, row)});
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
