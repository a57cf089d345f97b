// GET /api/queues, GET /api/queues/{id}/tickets, GET /api/changes.
#include "handlers/handlers.h"
#include "repository.h"
#include "responses.h"
#include "sanad/core/codec.h"
#include "sanad/server/database.h"

#include <charconv>

namespace sanad::server::handlers {
namespace {

std::optional<std::int64_t> parseInt(std::string_view text) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

ApiResponse queues(ApiServices& services, const Call&) {
    auto session = services.database.readSession();
    return reply::json(200,
                       core::codec::encode(core::QueuesResponse{
                           repo::allQueues(*session, core::localDay(core::now())), core::now()}));
}

ApiResponse tickets(ApiServices& services, const Call& call) {
    const std::string& queueId = call.param("id");
    bool all = false;
    for (const auto& [name, value] : call.query) {
        all = all || (name == "all" && value == "1");
    }
    auto session = services.database.readSession();
    const std::string day = core::localDay(core::now());
    core::TicketsResponse response;
    {
        // One read transaction: the seq and the tickets describe the same moment.
        Transaction read = services.database.beginRead(*session);
        if (!repo::findQueue(*session, queueId)) {
            return reply::notFound("queue", queueId);
        }
        response.seq = repo::latestSeq(*session);
        response.tickets = repo::ticketsOfQueue(*session, queueId, day, all);
        read.commit();
    }
    response.serverTime = core::now();
    return reply::json(200, core::codec::encode(response));
}

ApiResponse changes(ApiServices& services, const Call& call) {
    std::int64_t since = 0;
    std::int64_t limit = 1000;
    for (const auto& [name, value] : call.query) {
        if (name == "since" || name == "limit") {
            const auto parsed = parseInt(value);
            if (!parsed || *parsed < (name == "since" ? 0 : 1)) {
                return reply::error(400, "invalid_field",
                                    name + " must be a whole number" +
                                        (name == "since" ? " (0 or more)" : " (1 or more)"));
            }
            (name == "since" ? since : limit) = *parsed;
        }
    }
    limit = std::min<std::int64_t>(limit, 1000);
    auto session = services.database.readSession();
    std::vector<repo::StoredChange> rows;
    std::int64_t latest = 0;
    {
        Transaction read = services.database.beginRead(*session);
        rows = repo::changesSince(*session, since, limit + 1);
        latest = repo::latestSeq(*session);
        read.commit();
    }
    const bool more = static_cast<std::int64_t>(rows.size()) > limit;
    if (more) {
        rows.resize(static_cast<std::size_t>(limit));
    }
    // The stored ticket JSON goes out as it is: no decode/encode round trip per change.
    std::string body = "{\"changes\":[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i > 0) {
            body += ',';
        }
        body +=
            "{\"seq\":" + std::to_string(rows[i].seq) + ",\"ticket\":" + rows[i].ticketJson + "}";
    }
    body += "],\"seq\":" + std::to_string(latest) + ",\"more\":" + (more ? "true" : "false") + "}";
    return reply::json(200, std::move(body));
}

}  // namespace sanad::server::handlers
