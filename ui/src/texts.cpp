#include "sanad/ui/texts.h"
#include "sanad/ui/translate.h"

#include "sanad/core/codec.h"

#include <wx/arrstr.h>
#include <wx/intl.h>

#include <chrono>

namespace sanad::ui {

using core::TicketStatus;
using core::Timestamp;

wxString fromUtf8(const std::string& text) {
    return wxString::FromUTF8(text.data(), text.size());
}

std::string toUtf8(const wxString& text) {
    const wxScopedCharBuffer buffer = text.utf8_str();
    return std::string(buffer.data(), buffer.length());
}

wxString statusLabel(TicketStatus status) {
    switch (status) {
        case TicketStatus::Waiting:
            return _("Waiting");
        case TicketStatus::Called:
            return _("Called");
        case TicketStatus::InProgress:
            return _("In treatment");
        case TicketStatus::Completed:
            return _("Completed");
        case TicketStatus::Cancelled:
            return _("Cancelled");
        case TicketStatus::NoShow:
            return _("No-show");
    }
    return wxString();
}

wxString actionLabel(TicketStatus to) {
    switch (to) {
        case TicketStatus::Waiting:
            return _("Back to queue");
        case TicketStatus::Called:
            return _("Call");
        case TicketStatus::InProgress:
            return _("Start treatment");
        case TicketStatus::Completed:
            return _("Complete");
        case TicketStatus::Cancelled:
            return _("Cancel");
        case TicketStatus::NoShow:
            return _("No-show");
    }
    return wxString();
}

wxString waitingText(Timestamp since, Timestamp now) {
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(now - since).count();
    if (minutes <= 0) {
        return wxString::Format(_("%d min"), 0);
    }
    if (minutes < 60) {
        return wxString::Format(_("%d min"), static_cast<int>(minutes));
    }
    return wxString::Format(_("%d h %02d min"), static_cast<int>(minutes / 60),
                            static_cast<int>(minutes % 60));
}

wxString whenText(Timestamp t, Timestamp now) {
    const std::string day = core::localDay(t);
    const wxString clock = fromUtf8(core::localClock(t));
    if (day == core::localDay(now)) {
        return clock;
    }
    if (day == core::localDay(now - std::chrono::hours(24))) {
        return wxString::Format(_("yesterday %s"), clock);
    }
    // day is YYYY-MM-DD; German and English practices read TT.MM.JJJJ (UI-TEXT.md).
    const wxString date =
        fromUtf8(day.substr(8, 2) + "." + day.substr(5, 2) + "." + day.substr(0, 4));
    return date + " " + clock;
}

wxString offlineBannerText(std::optional<Timestamp> lastSync, std::int64_t pending, Timestamp now) {
    wxString text = lastSync
                        ? wxString::Format(_("Offline – last update %s"), whenText(*lastSync, now))
                        : wxString(_("Offline – no connection to the server yet"));
    if (pending > 0) {
        text += U8(" · ") + wxString::Format(wxPLURAL("%d change waiting to be sent",
                                                      "%d changes waiting to be sent", pending),
                                             static_cast<int>(pending));
    }
    return text;
}

wxString staleBannerText(std::optional<Timestamp> lastSync, Timestamp now) {
    if (!lastSync) {
        return _("Data may be out of date (never synchronised)");
    }
    return wxString::Format(_("Data may be out of date (as of %s)"), whenText(*lastSync, now));
}

wxString lastSyncText(std::optional<Timestamp> lastSync, Timestamp now) {
    if (!lastSync) {
        return _("Not synced yet");
    }
    return wxString::Format(_("Last synced: %s"), whenText(*lastSync, now));
}

wxString connectionText(std::optional<bool> online) {
    if (!online) {
        return _("Connecting …");
    }
    return *online ? _("Online") : _("Offline");
}

wxString outboxText(const core::OutboxCounts& counts) {
    const std::int64_t waiting = counts.pending + counts.conflict;
    wxString text =
        waiting > 0 ? wxString::Format(wxPLURAL("%d change waiting", "%d changes waiting", waiting),
                                       static_cast<int>(waiting))
                    : wxString(_("All changes sent"));
    if (counts.failed > 0) {
        text += U8(" · ") + wxString::Format(wxPLURAL("%d not sent", "%d not sent", counts.failed),
                                             static_cast<int>(counts.failed));
    }
    return text;
}

wxString readerStateText(const core::ReaderState& state) {
    switch (state.status) {
        case core::ReaderStatus::NoReader:
            return _("No card reader connected");
        case core::ReaderStatus::Ready:
        case core::ReaderStatus::CardPresent:
            return wxString::Format(_("Card reader: %s ready"), fromUtf8(state.readerName));
        case core::ReaderStatus::Error:
            return _("Card reader unavailable – reconnecting …");
    }
    return wxString();
}

wxString problemText(const core::Problem& problem) {
    using core::ProblemKind;
    switch (problem.kind) {
        case ProblemKind::NeverConnected:
            return _(
                "This desk has never reached the server – cards can be recognised once it "
                "has.");
        case ProblemKind::CardUnreadable:
            return _("The card could not be read – please tap again.");
        case ProblemKind::StoreUnavailable:
            return _(
                "Not stored: the local database cannot be written (disk space, access). "
                "Please try again or call IT.");
        case ProblemKind::StoreDamaged:
            return _(
                "The local database was damaged and set aside; a new one was started. "
                "Please call IT.");
        case ProblemKind::UnknownTicket:
            return _("This ticket is not known at this desk.");
        case ProblemKind::InvalidTransition:
            return _("Not possible in the ticket's current status.");
        case ProblemKind::ChangeRefused:
            return _("The server refused the change – see Changes not sent.");
        case ProblemKind::GaveUp:
            return _("The server could not take the change – see Changes not sent.");
        case ProblemKind::DeskRefused:
            return _(
                "The server refuses this desk – please check the device token in the "
                "settings.");
        case ProblemKind::ServerFailing:
            return _("The server reports an error – will try again later.");
        case ProblemKind::AnswerNotUnderstood:
            return _("The server's answer is not understood – will try again later.");
        case ProblemKind::NeedsServer:
            return _("This needs the server, which cannot be reached right now.");
        case ProblemKind::Internal:
            break;
    }
    return _("Internal error – details in the log.");
}

CheckInMessage noPracticeKeyMessage() {
    return {CheckInMessage::Tone::Error, _("Check-in not possible"),
            _("This desk has not reached the server yet, so it cannot read cards. "
              "Please check the connection (Settings).")};
}

wxString unsentReason(const core::OfflineRequest& row) {
    if (row.status == core::OutboxStatus::Conflict) {
        return _("Conflict: please decide which version stands.");
    }
    // Rows from before the reason was kept were refused for good, like the rest.
    return problemText(core::Problem{row.problem.value_or(core::ProblemKind::ChangeRefused), {}});
}

CheckInMessage checkInMessage(const core::CheckInResult& result, int windowMinutes) {
    CheckInMessage m;
    if (result.delivery == core::Delivery::Failed || !result.ticket) {
        m.tone = CheckInMessage::Tone::Error;
        m.headline = result.problem && result.problem->kind == core::ProblemKind::StoreUnavailable
                         ? _("Check-in not stored")
                         : _("Check-in not possible");
        m.detail = result.problem
                       ? problemText(*result.problem)
                       : wxString(_("Please try again or check the patient in by hand."));
        return m;
    }
    const core::Ticket& ticket = *result.ticket;
    const wxString number = fromUtf8(ticket.number);
    if (result.outcome == core::CheckInOutcome::Existing) {
        m.tone = CheckInMessage::Tone::Existing;
        m.headline = wxString::Format(_("Already checked in at %s (%s)"),
                                      fromUtf8(core::localClock(ticket.checkedInAt)), number);
        return m;
    }
    m.headline = wxString::Format(_("%s – please take a seat in the waiting room"), number);
    wxArrayString notes;
    if (result.warning && *result.warning == core::kWarningSameCardOtherDevice) {
        m.tone = CheckInMessage::Tone::Warning;
        notes.push_back(wxString::Format(
            wxPLURAL(
                "This card was checked in at another reception desk within the last minute",
                "This card was checked in at another reception desk within the last %d minutes",
                windowMinutes),
            windowMinutes));
    }
    if (!ticket.patient) {
        notes.push_back(_("Card not registered – ticket created without a name"));
    }
    if (result.delivery == core::Delivery::Queued) {
        notes.push_back(result.provisionalNumber
                            ? _("Saved offline with a provisional number – not yet sent")
                            : _("Saved offline – not yet sent"));
    }
    m.detail = wxJoin(notes, '\n', 0);
    return m;
}

wxString conflictTitle(const core::ConflictReport& conflict) {
    return wxString::Format(_("Conflict on ticket %s"), fromUtf8(conflict.server.number));
}

wxString conflictText(const core::ConflictReport& conflict, const wxString& deskName) {
    const wxString number = fromUtf8(conflict.server.number);
    const wxString mine = wxString::Format(
        _("You set %s to “%s” while offline (%s, %s)."), number, statusLabel(conflict.requested.to),
        fromUtf8(core::localClock(conflict.requested.at)), deskName);
    if (conflict.requested.to == TicketStatus::Cancelled) {
        // The case the rules send here (DESIGN.md): the wording of UI-TEXT.md.
        const wxString room = conflict.server.room ? fromUtf8(*conflict.server.room) : U8("—");
        return wxString::Format(_("You cancelled %s while offline (%s, %s). Meanwhile %s is in "
                                  "treatment (%s, Room %s). Which should stand?"),
                                number, fromUtf8(core::localClock(conflict.requested.at)), deskName,
                                number, fromUtf8(core::localClock(conflict.server.updatedAt)),
                                room);
    }
    return mine + " " +
           wxString::Format(_("Meanwhile %s is “%s” (%s). Which should stand?"), number,
                            statusLabel(conflict.server.status),
                            fromUtf8(core::localClock(conflict.server.updatedAt)));
}

wxString changeDescription(const core::OfflineRequest& row, const wxString& ticketNumber) {
    const wxString ticket = ticketNumber.empty() ? wxString(_("ticket")) : ticketNumber;
    if (row.endpoint == "/api/nfc/check-in") {
        return wxString::Format(_("Check-in %s"), ticket);
    }
    try {
        const core::Transition t = core::codec::decodeTransition(row.body);
        return wxString::Format(_("%s: %s"), ticket, actionLabel(t.to));
    } catch (const std::exception&) {
        return wxString::Format(_("Change of %s"), ticket);
    }
}

}  // namespace sanad::ui
