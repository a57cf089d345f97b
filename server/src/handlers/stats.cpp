// GET /api/stats?day=YYYY-MM-DD[&queue_id=]: the day's figures per queue (v1.1).
#include "sanad/core/stats.h"
#include "handlers/handlers.h"
#include "repository.h"
#include "responses.h"
#include "sanad/core/codec.h"
#include "sanad/server/database.h"

#include <chrono>

namespace sanad::server::handlers {
namespace {

/// A real calendar day written "YYYY-MM-DD" (the form of the tickets' `day`).
bool isDay(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    int fields[3] = {0, 0, 0};
    const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
    for (int f = 0; f < 3; ++f) {
        for (std::size_t i = starts[f]; i < starts[f] + lengths[f]; ++i) {
            if (text[i] < '0' || text[i] > '9') {
                return false;
            }
            fields[f] = fields[f] * 10 + (text[i] - '0');
        }
    }
    return std::chrono::year_month_day(std::chrono::year(fields[0]),
                                       std::chrono::month(static_cast<unsigned>(fields[1])),
                                       std::chrono::day(static_cast<unsigned>(fields[2])))
        .ok();
}

}  // namespace

ApiResponse stats(ApiServices& services, const Call& call) {
    std::string day = core::localDay(core::now());  // a missing day means today
    std::optional<std::string> queueId;
    for (const auto& [name, value] : call.query) {
        if (name == "day") {
            if (!isDay(value)) {
                return reply::error(400, "invalid_field", "day must be a date YYYY-MM-DD");
            }
            day = value;
        } else if (name == "queue_id") {
            queueId = value;
        }
    }
    auto session = services.database.readSession();
    std::vector<std::string> queues;
    std::vector<core::DayTicket> tickets;
    {
        Transaction read = services.database.beginRead(*session);
        if (queueId) {
            if (!repo::findQueue(*session, *queueId)) {
                return reply::notFound("queue", *queueId);
            }
            queues.push_back(*queueId);
        } else {
            for (const core::Queue& q : repo::allQueues(*session, day)) {
                queues.push_back(q.id);
            }
        }
        tickets = repo::dayTickets(*session, day, queueId);
        read.commit();
    }
    return reply::json(200, core::codec::encode(core::computeStats(day, queues, tickets)));
}

}  // namespace sanad::server::handlers
