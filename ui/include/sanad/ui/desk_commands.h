#pragma once

#include "sanad/core/console_core.h"
#include "sanad/core/ticket.h"

#include <wx/string.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sanad::ui {

/// The front desk's commands besides the status transitions (ticket_actions.h): walk-ins,
/// cards, edits, history and the day's figures (wire contract v1.1).
enum class DeskCommand {
    WalkIn,        // "Ohne Karte anmelden …" (F4)
    RegisterCard,  // "Karte zuordnen …" (F6)
    ForgetCard,    // "Karte vergessen …"
    ToggleUrgent,  // "Dringend" on/off (Ctrl+U)
    EditNote,      // focuses the note in the details panel (Ctrl+E)
    EditName,      // focuses the name in the details panel
    Transfer,      // "Weiterleiten an …" (F7)
    History,       // "Verlauf" (F8)
    Statistics,    // "Tagesstatistik" (F9)
};

inline constexpr DeskCommand kDeskCommands[] = {
    DeskCommand::WalkIn,       DeskCommand::RegisterCard, DeskCommand::ForgetCard,
    DeskCommand::ToggleUrgent, DeskCommand::EditNote,     DeskCommand::EditName,
    DeskCommand::Transfer,     DeskCommand::History,      DeskCommand::Statistics};

/// Whether `command` is possible: walk-ins and statistics always; the card commands on a
/// selected ticket of a card; edits on a selected open ticket (an edit of a closed one changes
/// nothing on the server); a transfer when the practice has more than one queue; the history of
/// any selected ticket. A pure function.
bool isEnabled(DeskCommand command, const core::Ticket* selected, std::size_t queueCount);

/// The menu label ("Check in without card …"). UI thread only (translations).
wxString labelOf(DeskCommand command);
/// "F4", "F6", "Ctrl+U", "Ctrl+E", "F7", "F8", "F9", else empty.
wxString acceleratorOf(DeskCommand command);

/// What the details panel's edit fields hold (UTF-8; empty text means none).
struct EditValues {
    bool urgent = false;
    std::string note;
    std::string patient;
    std::string patientId;
    std::string queueId;
    bool operator==(const EditValues&) const = default;
};
/// The edit that turns `ticket` into `values`: only the members that differ (trimmed empty text
/// clears), a queue other than the ticket's is a transfer. Empty when nothing differs.
core::TicketChanges changesFor(const core::Ticket& ticket, const EditValues& values);
/// A walk-in from the dialog's fields: empty (or blank) text is none.
core::WalkIn walkInOf(const std::string& patient, const std::string& patientId, bool urgent,
                      const std::string& note);
/// A card registration: empty (or blank) text is none.
core::CardRegistration registrationOf(const std::string& patient, const std::string& patientId);

/// One version in "Verlauf": when, which desk, what changed from the version before.
struct HistoryRow {
    wxString when;
    wxString desk;
    wxString what;
};
/// The differences between consecutive versions, in words ("Status: Wartet → Aufgerufen,
/// Zimmer 2"); the first version says how the ticket came ("Angemeldet (Karte)").
/// `queueName` gives a queue's name for transfers. UI thread only (translations).
std::vector<HistoryRow> historyRows(const core::HistoryResponse& history,
                                    const std::function<wxString(const std::string&)>& queueName,
                                    core::Timestamp now);
/// What changed from `before` to `after`, in words; "—" when nothing the desk sees changed.
wxString describeChanges(const core::Ticket& before, const core::Ticket& after,
                         const std::function<wxString(const std::string&)>& queueName);
/// "ca. 15 Min." for a waiting ticket with an estimate, else empty (null-safe, DESIGN.md).
wxString estimateText(const std::optional<std::int64_t>& minutes);
/// A room as the desk reads it: "Zimmer 2" for a bare "2", else the room's own text.
wxString roomText(const std::string& room);

}  // namespace sanad::ui
