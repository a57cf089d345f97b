#pragma once

#include "sanad/core/ticket.h"

#include <vector>

namespace sanad::core {

/// The ticket status machine of DESIGN.md:
///   waiting -> called -> in_progress -> completed;  called -> called (recall);
///   waiting|called -> cancelled;  called -> no_show;  called|no_show -> waiting (requeue).
bool isValidTransition(TicketStatus from, TicketStatus to);

/// Every status reachable from `from` in one step, in declaration order of TicketStatus.
std::vector<TicketStatus> allowedTransitions(TicketStatus from);

/// All statuses, for exhaustive iteration in tests and UIs.
inline constexpr TicketStatus kAllStatuses[] = {TicketStatus::Waiting,    TicketStatus::Called,
                                                TicketStatus::InProgress, TicketStatus::Completed,
                                                TicketStatus::Cancelled,  TicketStatus::NoShow};

}  // namespace sanad::core
