#include "sanad/core/transition.h"

#include "sanad/core/state_machine.h"

#include <algorithm>

namespace sanad::core {

std::string_view toString(Resolution resolution) {
    switch (resolution) {
        case Resolution::Applied:
            return "applied";
        case Resolution::EarliestWins:
            return "earliest_wins";
        case Resolution::ServerWins:
            return "server_wins";
        case Resolution::Conflict:
            return "conflict";
        case Resolution::InvalidTransition:
            return "invalid_transition";
    }
    return "unknown";
}

std::optional<Resolution> parseResolution(std::string_view text) {
    for (Resolution r : {Resolution::Applied, Resolution::EarliestWins, Resolution::ServerWins,
                         Resolution::Conflict, Resolution::InvalidTransition}) {
        if (toString(r) == text) {
            return r;
        }
    }
    return std::nullopt;
}

std::string_view toString(ConflictRule rule) {
    switch (rule) {
        case ConflictRule::CancelledVsInProgress:
            return "cancelled_vs_in_progress";
        case ConflictRule::StaleForce:
            return "stale_force";
    }
    return "unknown";
}

std::optional<ConflictRule> parseConflictRule(std::string_view text) {
    for (ConflictRule r : {ConflictRule::CancelledVsInProgress, ConflictRule::StaleForce}) {
        if (toString(r) == text) {
            return r;
        }
    }
    return std::nullopt;
}

TransitionVerdict resolveTransition(const Ticket& server, const Transition& request) {
    const bool current = request.baseVersion == server.version;
    const bool cancelVsTreatment =
        request.to == TicketStatus::Cancelled && server.status == TicketStatus::InProgress;

    if (request.force) {
        if (current) {
            return {Resolution::Applied, std::nullopt, true};
        }
        return {Resolution::Conflict,
                cancelVsTreatment ? ConflictRule::CancelledVsInProgress : ConflictRule::StaleForce,
                false};
    }
    // (1) an offline cancel meets a patient in treatment: a person decides.
    if (cancelVsTreatment) {
        return {Resolution::Conflict, ConflictRule::CancelledVsInProgress, false};
    }
    // (2) completed twice: the earlier time stays.
    if (request.to == TicketStatus::Completed && server.status == TicketStatus::Completed) {
        const bool earlier = !server.completedAt || request.at < *server.completedAt;
        return {Resolution::EarliestWins, std::nullopt, earlier};
    }
    // (3) valid from where the server is, stale or not.
    if (isValidTransition(server.status, request.to)) {
        return {Resolution::Applied, std::nullopt, true};
    }
    // (4) the server has moved past it; (5) the console should have known better.
    if (!current) {
        return {Resolution::ServerWins, std::nullopt, false};
    }
    return {Resolution::InvalidTransition, std::nullopt, false};
}

Ticket applyTransition(const Ticket& server, const Transition& request, Timestamp now) {
    Ticket next = server;
    if (request.to == TicketStatus::Completed && server.status == TicketStatus::Completed) {
        next.completedAt =
            server.completedAt ? std::min(*server.completedAt, request.at) : request.at;
    } else {
        next.status = request.to;
        switch (request.to) {
            case TicketStatus::Called:
                next.calledAt = request.at;
                if (request.room) {
                    next.room = request.room;
                }
                break;
            case TicketStatus::InProgress:
                if (request.room) {
                    next.room = request.room;
                }
                break;
            case TicketStatus::Completed:
                next.completedAt = request.at;
                break;
            default:
                break;
        }
    }
    next.version = server.version + 1;
    next.updatedAt = now;
    return next;
}

}  // namespace sanad::core
