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
        case ProblemKind::Internal:
            return "internal";
    }
    return "internal";
}

}  // namespace sanad::core
