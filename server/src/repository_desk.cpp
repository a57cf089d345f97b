// The SQL of wire contract v1.1's tables: registered cards, ticket aliases, the day's figures.
#include "repository.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

namespace sanad::server::repo {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Nullable;
using Poco::Data::RecordSet;
using Poco::Data::Statement;

}  // namespace

std::optional<core::Card> findCard(Session& session, const std::string& cardRef) {
    std::string c = cardRef;
    Statement select(session);
    select << sql(
        session, "SELECT display_name, patient_id, updated_at FROM known_cards WHERE card_ref = ?"),
        use(c), now;
    RecordSet rs(select);
    if (rs.rowCount() == 0) {
        return std::nullopt;
    }
    return core::Card{cardRef, optText(rs, 0, 0), optText(rs, 1, 0),
                      fromMillis(rs.value(2, 0).convert<std::int64_t>())};
}

void putCard(Session& session, const core::Card& card) {
    std::string c = card.cardRef;
    Nullable<std::string> name = nullable(card.patient), patientId = nullable(card.patientId);
    Poco::Int64 updated = toMillis(card.updatedAt);
    session << sql(session,
                   "INSERT INTO known_cards (card_ref, display_name, patient_id, updated_at) "
                   "VALUES (?, ?, ?, ?) ON CONFLICT (card_ref) DO UPDATE SET display_name = "
                   "excluded.display_name, patient_id = excluded.patient_id, updated_at = "
                   "excluded.updated_at"),
        use(c), use(name), use(patientId), use(updated), now;
}

void putKnownCard(Session& session, const std::string& cardRef, const std::string& name) {
    putCard(session, core::Card{cardRef, name, std::nullopt, core::now()});
}

bool deleteCard(Session& session, const std::string& cardRef) {
    std::string c = cardRef;
    Statement del(session);
    del << sql(session, "DELETE FROM known_cards WHERE card_ref = ?"), use(c);
    return del.execute() > 0;
}

void addAlias(Session& session, const std::string& aliasId, const std::string& ticketId,
              const std::string& statusToken) {
    std::string a = aliasId, t = ticketId, token = statusToken;
    session << sql(
        session,
        "INSERT INTO ticket_aliases (alias_id, ticket_id, status_token) VALUES (?, ?, ?) "
        "ON CONFLICT (alias_id) DO NOTHING"),
        use(a), use(t), use(token), now;
}

std::optional<std::string> aliasOf(Session& session, const std::string& aliasId) {
    std::string a = aliasId;
    std::vector<std::string> ids;
    session << sql(session, "SELECT ticket_id FROM ticket_aliases WHERE alias_id = ?"), use(a),
        into(ids), now;
    if (ids.empty()) {
        return std::nullopt;
    }
    return ids.front();
}

std::vector<core::DayTicket> dayTickets(Session& session, const std::string& day,
                                        const std::optional<std::string>& queueId) {
    std::string d = day, q = queueId.value_or(""), q2 = q;
    std::vector<std::string> queues, statuses;
    std::vector<Poco::Int64> checkedIn;
    std::vector<Nullable<Poco::Int64>> firstCalled;
    // Bulk into vectors: one pass over the day (tickets_by_day), no per-row RecordSet values.
    session << sql(session,
                   "SELECT queue_id, status, checked_in_at, first_called_at FROM tickets WHERE "
                   "day = ? AND (? = '' OR queue_id = ?)"),
        use(d), use(q), use(q2), into(queues), into(statuses), into(checkedIn), into(firstCalled),
        now;
    std::vector<core::DayTicket> out;
    out.reserve(queues.size());
    for (std::size_t i = 0; i < queues.size(); ++i) {
        core::DayTicket t;
        t.queueId = std::move(queues[i]);
        t.status = core::parseTicketStatus(statuses[i]).value_or(core::TicketStatus::Waiting);
        t.checkedInAt = fromMillis(checkedIn[i]);
        if (!firstCalled[i].isNull()) {
            t.firstCalledAt = fromMillis(firstCalled[i].value());
        }
        out.push_back(std::move(t));
    }
    return out;
}

}  // namespace sanad::server::repo
