// POST /api/number-blocks: numbers leased to a desk for check-ins while it is offline.
#include "handlers/handlers.h"
#include "repository.h"
#include "responses.h"
#include "sanad/core/codec.h"
#include "sanad/core/numbering.h"
#include "sanad/server/database.h"
#include "sanad/server/writer.h"

namespace sanad::server::handlers {

ApiResponse numberBlocks(ApiServices& services, const Call& call) {
    const core::NumberBlockRequest in = core::codec::decodeNumberBlockRequest(call.request.body);
    // The key is optional here, and honoured when given.
    if (auto refusal = refuseOptionalKey(call)) {
        return *refusal;
    }
    {
        auto session = services.database.readSession();
        if (!repo::findQueue(*session, in.queueId)) {
            return reply::notFound("queue", in.queueId);
        }
    }
    const std::string& device = call.device;
    auto effect = [&](WriteContext& context) -> ApiResponse {
        const std::string day = core::localDay(context.now);
        const auto queue = repo::findQueue(context.session, in.queueId);
        if (!queue) {
            return reply::notFound("queue", in.queueId);
        }
        core::NumberBlockResponse response{queue->id, {}};
        const std::int64_t first = repo::reserveCounter(context.session, queue->id, day, in.size);
        for (std::int64_t i = 0; i < in.size; ++i) {
            response.numbers.push_back(core::formatTicketNumber(queue->code, first + i));
            repo::leaseNumber(context.session, queue->id, day, response.numbers.back(), device);
        }
        return reply::json(201, core::codec::encode(response));
    };
    return runOptionallyKeyed(services, call, effect);
}

}  // namespace sanad::server::handlers
