#include "sanad/ui/ticket_actions.h"
#include "sanad/ui/translate.h"

#include "sanad/core/state_machine.h"
#include "sanad/ui/texts.h"

namespace sanad::ui {

using core::TicketStatus;

TicketStatus targetOf(TicketAction action) {
    switch (action) {
        case TicketAction::CallNext:
        case TicketAction::Call:
        case TicketAction::Recall:
            return TicketStatus::Called;
        case TicketAction::Start:
            return TicketStatus::InProgress;
        case TicketAction::Complete:
            return TicketStatus::Completed;
        case TicketAction::NoShow:
            return TicketStatus::NoShow;
        case TicketAction::Cancel:
            return TicketStatus::Cancelled;
        case TicketAction::BackToQueue:
            break;
    }
    return TicketStatus::Waiting;
}

bool isEnabled(TicketAction action, std::optional<TicketStatus> selected, bool anyWaiting) {
    if (action == TicketAction::CallNext) {
        return anyWaiting;
    }
    if (!selected) {
        return false;
    }
    switch (action) {
        case TicketAction::Call:
            return *selected == TicketStatus::Waiting;
        case TicketAction::Recall:
            return *selected == TicketStatus::Called;
        default:
            return core::isValidTransition(*selected, targetOf(action));
    }
}

wxString labelOf(TicketAction action) {
    switch (action) {
        case TicketAction::CallNext:
            return _("Call next");
        case TicketAction::Call:
            return _("Call");
        case TicketAction::Recall:
            return _("Call again");
        default:
            return actionLabel(targetOf(action));
    }
}

wxString acceleratorOf(TicketAction action) {
    switch (action) {
        case TicketAction::CallNext:
            return "F2";
        case TicketAction::Call:
            return "F3";
        default:
            return wxString();
    }
}

}  // namespace sanad::ui
