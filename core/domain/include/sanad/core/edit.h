#pragma once

#include "sanad/core/ticket.h"
#include "sanad/core/time.h"
#include "sanad/core/transition.h"
#include "sanad/core/wire.h"

#include <optional>
#include <span>

namespace sanad::core {

/// What the server does with an edit (wire contract v1.1, edit rules, first match wins):
///  (1) the ticket is closed (completed, cancelled, no_show) -> server_wins, nothing changes;
///  (2) a transfer with a stale base_version when some version after it has another queue
///      (`queueChangedSince`) -> server_wins, the whole edit;
///  (3) otherwise applied, member by member (last writer wins). Pure.
struct EditVerdict {
    Resolution resolution = Resolution::Applied;  // Applied or ServerWins
    bool changesTicket = false;                   // false also for an edit that changes nothing
};

/// True when `edit.queueId` names another queue than the ticket's: a transfer.
bool isTransfer(const Ticket& server, const TicketEdit& edit);

EditVerdict resolveEdit(const Ticket& server, const TicketEdit& edit, bool queueChangedSince);

/// The ticket with the edit's members applied; a transfer sets the queue, `status: waiting`,
/// `room: null`, `queued_at` = `edit.at` else `now`, and keeps the number and `called_at`.
/// Bumps `version` and sets `updated_at` = `now` only when something changed. Pure.
Ticket applyEdit(const Ticket& server, const TicketEdit& edit, Timestamp now);

/// Whether some version in `laterVersions` (the ticket's versions after base_version, as
/// committed) stands in another queue than `baseQueue`. Pure.
bool queueChangedSince(std::span<const Ticket> laterVersions, const std::string& baseQueue);

}  // namespace sanad::core
