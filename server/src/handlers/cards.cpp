// GET, PUT, DELETE /api/cards/{card_ref}: registered cards and the names later taps carry (v1.1).
#include "handlers/handlers.h"
#include "repository.h"
#include "responses.h"
#include "sanad/core/codec.h"
#include "sanad/core/crypto.h"
#include "sanad/core/edit.h"
#include "sanad/core/error.h"
#include "sanad/server/database.h"
#include "sanad/server/writer.h"

namespace sanad::server::handlers {
namespace {

/// The path's card_ref, checked with the fields (400, before 404): a malformed one can name no
/// card, and a PUT must not register one.
const std::string& cardRefOf(const Call& call) {
    const std::string& cardRef = call.param("card_ref");
    if (!core::isCardRef(cardRef)) {
        throw core::CodecError("card_ref", "must be 64 lower-case hex digits (HMAC-SHA256)");
    }
    return cardRef;
}

}  // namespace

ApiResponse getCard(ApiServices& services, const Call& call) {
    const std::string& cardRef = cardRefOf(call);
    auto session = services.database.readSession();
    const auto card = repo::findCard(*session, cardRef);
    if (!card) {
        return reply::notFound("card", cardRef);
    }
    return reply::json(200, core::codec::encode(core::CardResponse{*card}));
}

ApiResponse putCard(ApiServices& services, const Call& call) {
    const std::string& cardRef = cardRefOf(call);
    const core::CardRegistration in = core::codec::decodeCardRegistration(call.request.body);
    if (auto refusal = refuseOptionalKey(call)) {
        return *refusal;
    }
    return runOptionallyKeyed(services, call, [&](WriteContext& context) -> ApiResponse {
        core::CardRegisteredResponse response{{cardRef, in.patient, in.patientId, context.now}, {}};
        repo::putCard(context.session, response.card);
        // Today's open tickets of the card take the name and id: each a new version, unless it
        // has them already.
        core::TicketEdit rename;
        rename.patient.emplace(in.patient);  // PUT replaces: null clears
        rename.patientId.emplace(in.patientId);
        const std::string day = core::localDay(context.now);
        for (const core::Ticket& stored : repo::ticketsOfCard(context.session, cardRef, day)) {
            if (!core::isOpen(stored.status)) {
                continue;
            }
            const core::Ticket renamed = core::applyEdit(stored, rename, context.now);
            if (renamed.version == stored.version) {
                response.tickets.push_back(*repo::findTicket(context.session, stored.id));
                continue;
            }
            response.tickets.push_back(context.update(stored, renamed));
            context.recordChange(response.tickets.back(), call.device);
        }
        return reply::json(200, core::codec::encode(response));
    });
}

ApiResponse deleteCard(ApiServices& services, const Call& call) {
    const std::string& cardRef = cardRefOf(call);
    if (auto refusal = refuseOptionalKey(call)) {
        return *refusal;
    }
    // 204 whether or not the card was known; its tickets keep what they have.
    return runOptionallyKeyed(services, call, [&](WriteContext& context) {
        repo::deleteCard(context.session, cardRef);
        return reply::json(204, "");
    });
}

}  // namespace sanad::server::handlers
