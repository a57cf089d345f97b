#pragma once

#include "sanad/core/ticket.h"

#include <wx/string.h>

#include <optional>

namespace sanad::ui {

/// What the receptionist does to tickets (buttons, menu, context menu, keys).
enum class TicketAction { CallNext, Call, Recall, Start, Complete, NoShow, Cancel, BackToQueue };

/// In the order of the buttons and the Ticket menu.
inline constexpr TicketAction kTicketActions[] = {
    TicketAction::CallNext, TicketAction::Call,   TicketAction::Recall, TicketAction::Start,
    TicketAction::Complete, TicketAction::NoShow, TicketAction::Cancel, TicketAction::BackToQueue};

/// The status an action moves its ticket to.
core::TicketStatus targetOf(TicketAction action);

/// Whether `action` is possible: CallNext when some ticket waits; the others on the selected
/// ticket (`selected`: its status, none without a selection) as the state machine allows, with
/// Call only for a waiting ticket and Recall only for a called one. A pure function.
bool isEnabled(TicketAction action, std::optional<core::TicketStatus> selected, bool anyWaiting);

/// "Call next", "Call", "Call again", else the label of the target status (texts.h).
/// UI thread only (translations).
wxString labelOf(TicketAction action);
/// "F2" (call next), "F3" (call the selected ticket), else empty.
wxString acceleratorOf(TicketAction action);

}  // namespace sanad::ui
