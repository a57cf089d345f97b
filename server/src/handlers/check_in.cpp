// POST /api/nfc/check-in: a card tap becomes a waiting ticket, once.
#include "sanad/core/check_in.h"
#include "handlers/handlers.h"
#include "idempotency_guard.h"
#include "repository.h"
#include "responses.h"
#include "sanad/core/codec.h"
#include "sanad/core/numbering.h"
#include "sanad/server/database.h"
#include "sanad/server/writer.h"

namespace sanad::server::handlers {
namespace {

using core::codec::encode;

ApiResponse existing(const core::Ticket& ticket) {
    return reply::json(
        200, encode(core::CheckInResponse{ticket, core::CheckInOutcome::Existing, std::nullopt,
                                                 std::nullopt}));
}

}  // namespace

ApiResponse checkIn(ApiServices& services, const Call& call) {
    const core::CheckIn in = core::codec::decodeCheckIn(call.request.body, core::now());
    if (!call.hasUsableKey()) {
        return reply::missingIdempotencyKey();
    }
    {
        auto session = services.database.readSession();
        if (!repo::findQueue(*session, in.queueId)) {
            return reply::notFound("queue", in.queueId);
        }
    }
    const std::string& device = call.device;
    const auto window = services.options.checkinWindow;
    return services.idempotency.once(
        device, *call.request.idempotencyKey, call.fingerprint(),
        [&](WriteContext& context) -> ApiResponse {
            auto& session = context.session;
            const std::string day = core::localDay(context.now);
            if (auto ticket = repo::findTicket(session, in.ticketId)) {
                return existing(*ticket);
            }
            const auto queue = repo::findQueue(session, in.queueId);
            if (!queue) {
                return reply::notFound("queue", in.queueId);
            }
            const auto cardTickets = repo::ticketsOfCard(session, in.cardRef, day);
            const core::CheckInVerdict verdict =
                core::decideCheckIn(cardTickets, device, in.checkedInAt, window);
            if (verdict.decision == core::CheckInDecision::ReturnExisting) {
                return existing(*repo::findTicket(session, verdict.related->id));
            }
            core::Ticket ticket;
            ticket.id = in.ticketId;
            if (in.number && repo::takeLeasedNumber(session, queue->id, day, *in.number, device)) {
                ticket.number = *in.number;
            } else {
                ticket.number = core::formatTicketNumber(
                    queue->code, repo::reserveCounter(session, queue->id, day, 1));
            }
            ticket.queueId = queue->id;
            ticket.status = core::TicketStatus::Waiting;
            ticket.patient = repo::knownCardName(session, in.cardRef);
            ticket.cardRef = in.cardRef;
            ticket.deviceId = device;
            ticket.version = 1;
            ticket.checkedInAt = in.checkedInAt;
            ticket.createdAt = context.now;
            ticket.updatedAt = context.now;
            ticket = context.insertWaiting(std::move(ticket), day);
            context.recordChange(ticket);
            core::CheckInResponse response{ticket, core::CheckInOutcome::Created, std::nullopt,
                                           std::nullopt};
            if (verdict.decision == core::CheckInDecision::CreateWithWarning) {
                response.warning = std::string(core::kWarningSameCardOtherDevice);
            }
            return reply::json(201, encode(response));
        });
}

}  // namespace sanad::server::handlers
