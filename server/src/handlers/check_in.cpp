// POST /api/nfc/check-in: a card tap becomes a waiting ticket, once.
// POST /api/desk/check-in: a walk-in without a card, the same way (v1.1).
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
    return reply::json(200, encode(core::CheckInResponse{ticket, core::CheckInOutcome::Existing,
                                                         std::nullopt, std::nullopt}));
}

/// The answer for a ticket id the server knows already, as a ticket or as an alias (a check-in
/// answered existing before, re-sent under a new key): 200 existing with that ticket.
std::optional<ApiResponse> knownTicketId(repo::Session& session, const std::string& id) {
    if (auto ticket = repo::findTicket(session, id)) {
        return existing(*ticket);
    }
    if (auto target = repo::aliasOf(session, id)) {
        if (auto ticket = repo::findTicket(session, *target)) {
            return existing(*ticket);
        }
    }
    return std::nullopt;
}

/// What both check-ins share: the request's id, queue, tap time and number.
struct NewTicket {
    std::string ticketId;
    std::string queueId;
    core::Timestamp checkedInAt{};
    std::optional<std::string> number;
};

/// The checks before the idempotency step that both check-ins make: the key (400), the queue
/// (404). None when the request may go on.
std::optional<ApiResponse> refuseBeforeKey(ApiServices& services, const Call& call,
                                           const std::string& queueId) {
    if (!call.hasUsableKey()) {
        return reply::missingIdempotencyKey();
    }
    auto session = services.database.readSession();
    if (!repo::findQueue(*session, queueId)) {
        return reply::notFound("queue", queueId);
    }
    return std::nullopt;
}

/// A new waiting ticket of `day` in `queue`: a number leased to this device for this queue
/// today and not yet used is kept, any other is ignored and the server assigns one.
core::Ticket makeTicket(WriteContext& context, const core::Queue& queue, const std::string& day,
                        const NewTicket& in, const std::string& device) {
    core::Ticket ticket;
    ticket.id = in.ticketId;
    if (in.number && repo::takeLeasedNumber(context.session, queue.id, day, *in.number, device)) {
        ticket.number = *in.number;
    } else {
        ticket.number = core::formatTicketNumber(
            queue.code, repo::reserveCounter(context.session, queue.id, day, 1));
    }
    ticket.queueId = queue.id;
    ticket.status = core::TicketStatus::Waiting;
    ticket.deviceId = device;
    ticket.version = 1;
    ticket.checkedInAt = in.checkedInAt;
    ticket.createdAt = context.now;
    ticket.updatedAt = context.now;
    return ticket;
}

}  // namespace

ApiResponse checkIn(ApiServices& services, const Call& call) {
    const core::CheckIn in = core::codec::decodeCheckIn(call.request.body, core::now());
    if (auto refusal = refuseBeforeKey(services, call, in.queueId)) {
        return *refusal;
    }
    const std::string& device = call.device;
    const auto window = services.options.checkinWindow;
    return services.idempotency.once(
        device, *call.request.idempotencyKey, call.fingerprint(),
        [&](WriteContext& context) -> ApiResponse {
            auto& session = context.session;
            const std::string day = core::localDay(context.now);
            if (auto known = knownTicketId(session, in.ticketId)) {
                return *known;
            }
            const auto queue = repo::findQueue(session, in.queueId);
            if (!queue) {
                return reply::notFound("queue", in.queueId);
            }
            const auto cardTickets = repo::ticketsOfCard(session, in.cardRef, day);
            const core::CheckInVerdict verdict =
                core::decideCheckIn(cardTickets, device, in.checkedInAt, window);
            if (verdict.decision == core::CheckInDecision::ReturnExisting) {
                // The console drops its local ticket; its id (and status token) now mean this one.
                repo::addAlias(session, in.ticketId, verdict.related->id,
                               context.statusToken(in.ticketId));
                return existing(*repo::findTicket(session, verdict.related->id));
            }
            core::Ticket ticket = makeTicket(
                context, *queue, day, {in.ticketId, in.queueId, in.checkedInAt, in.number}, device);
            ticket.cardRef = in.cardRef;
            ticket.source = core::TicketSource::Card;
            if (const auto card = repo::findCard(session, in.cardRef)) {
                ticket.patient = card->patient;
                ticket.patientId = card->patientId;
            }
            ticket = context.insertWaiting(std::move(ticket), day);
            context.recordChange(ticket);
            core::CheckInResponse response{ticket, core::CheckInOutcome::Created, std::nullopt,
                                           std::nullopt};
            if (verdict.decision == core::CheckInDecision::CreateWithWarning) {
                const core::Ticket& other = *verdict.related;
                response.warning = std::string(core::kWarningSameCardOtherDevice);
                response.warningDetail =
                    core::WarningDetail{other.deviceId, other.number, other.checkedInAt};
            }
            return reply::json(201, encode(response));
        });
}

ApiResponse deskCheckIn(ApiServices& services, const Call& call) {
    const core::DeskCheckIn in = core::codec::decodeDeskCheckIn(call.request.body, core::now());
    if (auto refusal = refuseBeforeKey(services, call, in.queueId)) {
        return *refusal;
    }
    const std::string& device = call.device;
    return services.idempotency.once(
        device, *call.request.idempotencyKey, call.fingerprint(),
        [&](WriteContext& context) -> ApiResponse {
            const std::string day = core::localDay(context.now);
            if (auto known = knownTicketId(context.session, in.ticketId)) {
                return *known;
            }
            const auto queue = repo::findQueue(context.session, in.queueId);
            if (!queue) {
                return reply::notFound("queue", in.queueId);
            }
            core::Ticket ticket = makeTicket(
                context, *queue, day, {in.ticketId, in.queueId, in.checkedInAt, in.number}, device);
            ticket.source = core::TicketSource::Desk;
            ticket.patient = in.patient;
            ticket.patientId = in.patientId;
            ticket.priority = in.priority;
            ticket.note = in.note;
            ticket = context.insertWaiting(std::move(ticket), day);
            context.recordChange(ticket);
            return reply::json(201,
                               encode(core::CheckInResponse{ticket, core::CheckInOutcome::Created,
                                                            std::nullopt, std::nullopt}));
        });
}

}  // namespace sanad::server::handlers
