#pragma once

#include "sanad/core/ticket.h"
#include "sanad/core/time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sanad::core {

/// A requested status change (`POST /api/tickets/{id}/transitions`), carrying the version the
/// console saw when the receptionist acted.
struct Transition {
    TicketStatus to = TicketStatus::Called;
    std::int64_t baseVersion = 0;
    Timestamp at{};                   // when the receptionist acted (maybe offline, long ago)
    std::optional<std::string> room;  // the room a patient is called to
    bool force = false;               // "keep mine" after a conflict

    bool operator==(const Transition&) const = default;
};

/// What the server did with a transition (the `resolution` field, or the error).
enum class Resolution {
    Applied,            // 200 "applied": valid from the server's state (stale base or not)
    EarliestWins,       // 200 "earliest_wins": both completed, the earlier completed_at stays
    ServerWins,         // 200 "server_wins": the server has moved past it; nothing changes
    Conflict,           // 409 "conflict": the receptionist decides
    InvalidTransition,  // 422 "invalid_transition": not valid from a state the console knew
};

/// Wire names of Resolution values that travel in a 200 answer.
std::string_view toString(Resolution resolution);
std::optional<Resolution> parseResolution(std::string_view text);

/// Why a 409 conflict was raised (the `rule` field).
enum class ConflictRule {
    CancelledVsInProgress,  // "cancelled_vs_in_progress": offline cancel, server in treatment
    StaleForce,             // "stale_force": force with a base_version that is no longer current
};
std::string_view toString(ConflictRule rule);
std::optional<ConflictRule> parseConflictRule(std::string_view text);

struct TransitionVerdict {
    Resolution resolution = Resolution::Applied;
    std::optional<ConflictRule> rule;  // set for Conflict
    bool changesTicket = false;        // whether applyTransition must be called and stored
};

/// The status conflict rules of DESIGN.md, first matching row wins:
///  force: with the current base_version -> applied whatever the state, else conflict again;
///  (1) to cancelled while in_progress -> conflict (cancelled_vs_in_progress);
///  (2) to completed while completed -> earliest_wins (changes only if `at` is earlier);
///  (3) valid from the server's state -> applied;  (4) invalid, stale base -> server_wins;
///  (5) invalid, current base -> invalid_transition.  Pure.
TransitionVerdict resolveTransition(const Ticket& server, const Transition& request);

/// The ticket after a verdict that changes it: new status, called_at/room on a call,
/// completed_at on completion (the earlier one under earliest_wins), version + 1, updated_at =
/// `now`. Pure. Precondition: resolveTransition(server, request).changesTicket.
Ticket applyTransition(const Ticket& server, const Transition& request, Timestamp now);

}  // namespace sanad::core
