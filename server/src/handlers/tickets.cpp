// GET /api/tickets/{id}, GET /api/tickets/{id}/history, POST /api/tickets/{id}/edits (v1.1).
#include "handlers/handlers.h"
#include "idempotency_guard.h"
#include "repository.h"
#include "responses.h"
#include "sanad/core/codec.h"
#include "sanad/core/edit.h"
#include "sanad/server/database.h"
#include "sanad/server/writer.h"

#include <algorithm>

namespace sanad::server::handlers {
namespace {

/// "Changed queue since": some version after `baseVersion` stands in another queue than the
/// version the desk saw (read from the change log, in the writer's transaction).
bool changedQueueSince(repo::Session& session, const core::Ticket& server,
                       std::int64_t baseVersion) {
    const auto versions = repo::versionsOf(session, server.id);
    std::string baseQueue = server.queueId;
    std::vector<core::Ticket> later;
    for (const repo::StoredVersion& v : versions) {
        if (v.ticket.version == baseVersion) {
            baseQueue = v.ticket.queueId;
        } else if (v.ticket.version > baseVersion) {
            later.push_back(v.ticket);
        }
    }
    return core::queueChangedSince(later, baseQueue);
}

}  // namespace

ApiResponse ticket(ApiServices& services, const Call& call) {
    const std::string& id = call.param("id");
    auto session = services.database.readSession();
    const auto found = repo::findTicket(*session, id);
    if (!found) {
        return reply::notFound("ticket", id);
    }
    return reply::json(200, core::codec::encode(core::TicketResponse{*found}));
}

ApiResponse history(ApiServices& services, const Call& call) {
    const std::string& id = call.param("id");
    auto session = services.database.readSession();
    std::vector<repo::StoredVersion> versions;
    {
        Transaction read = services.database.beginRead(*session);
        if (!repo::findTicket(*session, id)) {
            return reply::notFound("ticket", id);
        }
        versions = repo::versionsOf(*session, id);
        read.commit();
    }
    core::HistoryResponse response;
    for (repo::StoredVersion& v : versions) {
        // A version a v1 server wrote has no device or time of its own: the ticket's time, and
        // the desk that checked it in for its first version (unknown for later ones).
        std::string device = v.deviceId.value_or(v.ticket.version == 1 ? v.ticket.deviceId : "");
        const core::Timestamp at = v.committedAt.value_or(v.ticket.updatedAt);
        response.history.push_back({v.seq, at, std::move(device), std::move(v.ticket)});
    }
    return reply::json(200, core::codec::encode(response));
}

ApiResponse edit(ApiServices& services, const Call& call) {
    const std::string& ticketId = call.param("id");
    const core::TicketEdit requested = core::codec::decodeTicketEdit(call.request.body);
    if (!call.hasUsableKey()) {
        return reply::missingIdempotencyKey();
    }
    {
        auto session = services.database.readSession();
        if (!repo::findTicket(*session, ticketId)) {
            return reply::notFound("ticket", ticketId);
        }
        if (requested.queueId && !repo::findQueue(*session, *requested.queueId)) {
            return reply::notFound("queue", *requested.queueId);
        }
    }
    return services.idempotency.once(
        call.device, *call.request.idempotencyKey, call.fingerprint(),
        [&](WriteContext& context) -> ApiResponse {
            const auto server = repo::findTicket(context.session, ticketId);
            if (!server) {
                return reply::notFound("ticket", ticketId);
            }
            const bool stale = requested.baseVersion != server->version;
            const bool changedSince =
                core::isTransfer(*server, requested) && stale &&
                changedQueueSince(context.session, *server, requested.baseVersion);
            const core::EditVerdict verdict = core::resolveEdit(*server, requested, changedSince);
            core::Ticket result = *server;
            if (verdict.resolution == core::Resolution::Applied && verdict.changesTicket) {
                result = context.update(*server, core::applyEdit(*server, requested, context.now));
                context.recordChange(result, call.device);
            }
            return reply::json(200,
                               core::codec::encode(core::EditResponse{result, verdict.resolution}));
        });
}

}  // namespace sanad::server::handlers
