// POST /api/tickets/{id}/transitions: a status change, with the conflict rules of core.
#include "handlers/handlers.h"
#include "idempotency_guard.h"
#include "repository.h"
#include "responses.h"
#include "sanad/core/codec.h"
#include "sanad/core/transition.h"
#include "sanad/server/database.h"
#include "sanad/server/writer.h"

namespace sanad::server::handlers {

ApiResponse transition(ApiServices& services, const Call& call) {
    const std::string& ticketId = call.param("id");
    const core::Transition requested =
        core::codec::decodeTransition(call.request.body, core::now());
    if (!call.hasUsableKey()) {
        return reply::missingIdempotencyKey();
    }
    {
        auto session = services.database.readSession();
        if (!repo::findTicket(*session, ticketId)) {
            return reply::notFound("ticket", ticketId);
        }
    }
    return services.idempotency.once(
        call.device, *call.request.idempotencyKey, call.fingerprint(),
        [&](WriteContext& context) -> ApiResponse {
            const auto server = repo::findTicket(context.session, ticketId);
            if (!server) {
                return reply::notFound("ticket", ticketId);
            }
            const core::TransitionVerdict verdict = core::resolveTransition(*server, requested);
            switch (verdict.resolution) {
                case core::Resolution::Conflict:
                    return reply::json(409, core::codec::encode(core::ConflictResponse{
                                                *verdict.rule, *server, requested}));
                case core::Resolution::InvalidTransition:
                    return reply::error(
                        422, "invalid_transition",
                        "a ticket that is " + std::string(core::toString(server->status)) +
                            " cannot become " + std::string(core::toString(requested.to)));
                default:
                    break;
            }
            core::Ticket result = *server;
            if (verdict.changesTicket) {
                result =
                    context.update(*server, core::applyTransition(*server, requested, context.now));
                context.recordChange(result, call.device);
                if (result.status == core::TicketStatus::Called) {
                    context.recordCall(result);  // a first call or a recall: the displays show it
                }
            }
            return reply::json(
                200, core::codec::encode(core::TransitionResponse{result, verdict.resolution}));
        });
}

}  // namespace sanad::server::handlers
