#include "sanad/core/problem.h"

namespace sanad::core {

std::string_view toString(ProblemKind kind) {
    switch (kind) {
        case ProblemKind::NeverConnected:
            return "never_connected";
        case ProblemKind::CardUnreadable:
            return "card_unreadable";
        case ProblemKind::StoreUnavailable:
            return "store_unavailable";
        case ProblemKind::StoreDamaged:
            return "store_damaged";
        case ProblemKind::UnknownTicket:
            return "unknown_ticket";
        case ProblemKind::InvalidTransition:
            return "invalid_transition";
        case ProblemKind::ChangeRefused:
            return "change_refused";
        case ProblemKind::GaveUp:
            return "gave_up";
        case ProblemKind::DeskRefused:
            return "desk_refused";
        case ProblemKind::ServerFailing:
            return "server_failing";
        case ProblemKind::AnswerNotUnderstood:
            return "answer_not_understood";
        case ProblemKind::NeedsServer:
            return "needs_server";
        case ProblemKind::Internal:
            return "internal";
    }
    return "internal";
}

std::optional<ProblemKind> parseProblemKind(std::string_view text) {
    for (int k = 0; k <= static_cast<int>(ProblemKind::Internal); ++k) {
        if (toString(static_cast<ProblemKind>(k)) == text) {
            return static_cast<ProblemKind>(k);
        }
    }
    return std::nullopt;
}

}  // namespace sanad::core
