#pragma once

#include "sanad/ui/translate.h"

#include "sanad/core/card_reader.h"
#include "sanad/core/console_core.h"
#include "sanad/core/offline_request.h"
#include "sanad/core/ticket.h"

#include <wx/string.h>

#include <optional>

namespace sanad::ui {

/// The console's words (UI-TEXT.md), each through _() so the catalog of the current language
/// applies. Pure functions of their arguments and the clock value passed in; UI thread only (the
/// translations are wx's global state).

wxString statusLabel(core::TicketStatus status);
/// The button/menu label of the action that moves a ticket to `to` ("Call", "Complete", …).
wxString actionLabel(core::TicketStatus to);
/// "4 min", "1 h 05 min"; "0 min" for a time in the future (clock skew).
wxString waitingText(core::Timestamp since, core::Timestamp now);
/// "10:42" today, "yesterday 17:05", "24.11.2026 17:05" before that (practice-local time).
wxString whenText(core::Timestamp t, core::Timestamp now);
/// "Offline – last update 10:42 · 3 changes waiting to be sent".
wxString offlineBannerText(std::optional<core::Timestamp> lastSync, std::int64_t pending,
                           core::Timestamp now);
/// "Data may be out of date (as of yesterday 17:05)".
wxString staleBannerText(std::optional<core::Timestamp> lastSync, core::Timestamp now);
/// "Last synced: 10:42" or "Not synced yet".
wxString lastSyncText(std::optional<core::Timestamp> lastSync, core::Timestamp now);
wxString readerStateText(const core::ReaderState& state);
/// The status bar's connection field: "Connecting …" before the first report, then "Online" or
/// "Offline".
wxString connectionText(std::optional<bool> online);
/// The status bar's outbox field: "3 changes waiting" (pending and conflicts) or "All changes
/// sent", then " · 1 not sent" when some failed.
wxString outboxText(const core::OutboxCounts& counts);

/// What the check-in panel shows after a tap: a big first line for the patient and a smaller
/// second one for the receptionist (may be empty).
struct CheckInMessage {
    enum class Tone { Welcome, Existing, Warning, Error };
    Tone tone = Tone::Welcome;
    wxString headline;
    wxString detail;
};
CheckInMessage checkInMessage(const core::CheckInResult& result, int windowMinutes);
/// A tap before this desk ever reached the server: without the practice key it cannot read cards.
CheckInMessage noPracticeKeyMessage();

/// A problem the core reported, in the receptionist's words: what happened and what to do.
/// Never the server's English message (that goes to the log).
wxString problemText(const core::Problem& problem);
/// Why a change in "Changes not sent" did not go through, in the receptionist's words (the
/// server's English text stays in the outbox for support: `sanad-cli outbox list`).
wxString unsentReason(const core::OfflineRequest& row);

/// The conflict dialog's title and question (UI-TEXT.md).
wxString conflictTitle(const core::ConflictReport& conflict);
wxString conflictText(const core::ConflictReport& conflict, const wxString& deskName);
/// One outbox row in words: "Check-in", "Call A017", …; the ticket number when known.
wxString changeDescription(const core::OfflineRequest& row, const wxString& ticketNumber);

/// UTF-8 std::string ⇄ wxString.
wxString fromUtf8(const std::string& text);
std::string toUtf8(const wxString& text);

}  // namespace sanad::ui
