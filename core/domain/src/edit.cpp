#include "sanad/core/edit.h"

namespace sanad::core {

namespace {

bool isClosed(TicketStatus status) {
    return status == TicketStatus::Completed || status == TicketStatus::Cancelled ||
           status == TicketStatus::NoShow;
}

template <typename T>
void patch(std::optional<T>& member, const Patch<T>& change) {
    if (change) {
        member = *change;
    }
}

}  // namespace

bool isTransfer(const Ticket& server, const TicketEdit& edit) {
    return edit.queueId && *edit.queueId != server.queueId;
}

EditVerdict resolveEdit(const Ticket& server, const TicketEdit& edit, bool changedSince) {
    if (isClosed(server.status)) {
        return {Resolution::ServerWins, false};
    }
    const bool stale = edit.baseVersion != server.version;
    if (isTransfer(server, edit) && stale && changedSince) {
        return {Resolution::ServerWins, false};
    }
    const Ticket after = applyEdit(server, edit, server.updatedAt);
    return {Resolution::Applied, after.version != server.version};
}

Ticket applyEdit(const Ticket& server, const TicketEdit& edit, Timestamp now) {
    Ticket t = server;
    if (edit.priority) {
        t.priority = *edit.priority;
    }
    patch(t.note, edit.note);
    patch(t.patient, edit.patient);
    patch(t.patientId, edit.patientId);
    if (isTransfer(server, edit)) {
        t.queueId = *edit.queueId;
        t.status = TicketStatus::Waiting;
        t.room.reset();
        t.queuedAt = edit.at.value_or(now);
    }
    // derived members are no part of the comparison: they are recomputed when read
    Ticket before = server;
    before.position = t.position;
    before.waitingAhead = t.waitingAhead;
    before.estimatedWaitMin = t.estimatedWaitMin;
    if (t == before) {
        return server;
    }
    t.version = server.version + 1;
    t.updatedAt = now;
    return t;
}

bool queueChangedSince(std::span<const Ticket> laterVersions, const std::string& baseQueue) {
    for (const Ticket& version : laterVersions) {
        if (version.queueId != baseQueue) {
            return true;
        }
    }
    return false;
}

}  // namespace sanad::core
