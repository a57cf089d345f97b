#include "sanad/ui/desk_commands.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/texts.h"

#include <wx/arrstr.h>

#include <algorithm>

namespace sanad::ui {

using core::Ticket;

bool isEnabled(DeskCommand command, const Ticket* selected, std::size_t queueCount) {
    switch (command) {
        case DeskCommand::WalkIn:
        case DeskCommand::Statistics:
            return true;
        case DeskCommand::RegisterCard:
        case DeskCommand::ForgetCard:
            return selected && selected->cardRef && !selected->cardRef->empty();
        case DeskCommand::ToggleUrgent:
        case DeskCommand::EditNote:
        case DeskCommand::EditName:
            return selected && core::isOpen(selected->status);
        case DeskCommand::Transfer:
            return selected && core::isOpen(selected->status) && queueCount > 1;
        case DeskCommand::History:
            return selected != nullptr;
    }
    return false;
}

wxString labelOf(DeskCommand command) {
    switch (command) {
        case DeskCommand::WalkIn:
            return _("Check in without card …");
        case DeskCommand::RegisterCard:
            return _("Register card …");
        case DeskCommand::ForgetCard:
            return _("Forget card …");
        case DeskCommand::ToggleUrgent:
            return _("Urgent");
        case DeskCommand::EditNote:
            return _("Edit note");
        case DeskCommand::EditName:
            return _("Edit name");
        case DeskCommand::Transfer:
            return _("Transfer to …");
        case DeskCommand::History:
            return _("History");
        case DeskCommand::Statistics:
            return _("Today's statistics");
    }
    return wxString();
}

wxString acceleratorOf(DeskCommand command) {
    switch (command) {
        case DeskCommand::WalkIn:
            return "F4";
        case DeskCommand::RegisterCard:
            return "F6";
        case DeskCommand::ToggleUrgent:
            return "Ctrl+U";
        case DeskCommand::EditNote:
            return "Ctrl+E";
        case DeskCommand::Transfer:
            return "F7";
        case DeskCommand::History:
            return "F8";
        case DeskCommand::Statistics:
            return "F9";
        default:
            return wxString();
    }
}

namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return std::string();
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::optional<std::string> textOrNone(const std::string& text) {
    std::string t = trimmed(text);
    return t.empty() ? std::nullopt : std::optional(std::move(t));
}

/// The member's patch when the field differs from the ticket's value.
core::Patch<std::string> patchOf(const std::optional<std::string>& current,
                                 const std::string& field) {
    std::optional<std::string> wanted = textOrNone(field);
    if (wanted == current) {
        return std::nullopt;
    }
    return core::Patch<std::string>(std::move(wanted));
}

}  // namespace

core::TicketChanges changesFor(const Ticket& ticket, const EditValues& values) {
    core::TicketChanges c;
    const core::Priority priority = values.urgent ? core::Priority::Urgent : core::Priority::Normal;
    if (priority != ticket.priority) {
        c.priority = priority;
    }
    c.note = patchOf(ticket.note, values.note);
    c.patient = patchOf(ticket.patient, values.patient);
    c.patientId = patchOf(ticket.patientId, values.patientId);
    if (!values.queueId.empty() && values.queueId != ticket.queueId) {
        c.queueId = values.queueId;
    }
    return c;
}

core::WalkIn walkInOf(const std::string& patient, const std::string& patientId, bool urgent,
                      const std::string& note) {
    core::WalkIn w;
    w.patient = textOrNone(patient);
    w.patientId = textOrNone(patientId);
    w.priority = urgent ? core::Priority::Urgent : core::Priority::Normal;
    w.note = textOrNone(note);
    return w;
}

core::CardRegistration registrationOf(const std::string& patient, const std::string& patientId) {
    return core::CardRegistration{textOrNone(patient), textOrNone(patientId)};
}

wxString roomText(const std::string& room) {
    const bool bare = !room.empty() && std::all_of(room.begin(), room.end(),
                                                   [](char ch) { return ch >= '0' && ch <= '9'; });
    return bare ? wxString::Format(_("Room %s"), fromUtf8(room)) : fromUtf8(room);
}

wxString estimateText(const std::optional<std::int64_t>& minutes) {
    if (!minutes || *minutes < 0) {
        return wxString();
    }
    return wxString::Format(_("approx. %d min"), static_cast<int>(*minutes));
}

wxString describeChanges(const Ticket& before, const Ticket& after,
                         const std::function<wxString(const std::string&)>& queueName) {
    wxArrayString parts;
    if (after.queueId != before.queueId) {
        parts.push_back(wxString::Format(_("Transferred to %s"), queueName(after.queueId)));
    }
    if (after.status != before.status) {
        parts.push_back(wxString::Format(_("Status: %s → %s"), statusLabel(before.status),
                                         statusLabel(after.status)));
    }
    if (after.room != before.room) {
        parts.push_back(after.room ? roomText(*after.room) : wxString(_("Room cleared")));
    }
    if (after.priority != before.priority) {
        parts.push_back(after.priority == core::Priority::Urgent ? _("Urgent")
                                                                 : _("No longer urgent"));
    }
    if (after.note != before.note) {
        parts.push_back(after.note ? wxString::Format(_("Note: “%s”"), fromUtf8(*after.note))
                                   : wxString(_("Note removed")));
    }
    if (after.patient != before.patient) {
        parts.push_back(after.patient ? wxString::Format(_("Name: %s"), fromUtf8(*after.patient))
                                      : wxString(_("Name removed")));
    }
    if (after.patientId != before.patientId) {
        parts.push_back(after.patientId
                            ? wxString::Format(_("Patient ID: %s"), fromUtf8(*after.patientId))
                            : wxString(_("Patient ID removed")));
    }
    if (parts.empty()) {
        return U8("—");
    }
    wxString text = parts[0];
    for (std::size_t i = 1; i < parts.size(); ++i) {
        text += ", " + parts[i];
    }
    return text;
}

std::vector<HistoryRow> historyRows(const core::HistoryResponse& history,
                                    const std::function<wxString(const std::string&)>& queueName,
                                    core::Timestamp now) {
    std::vector<HistoryRow> rows;
    rows.reserve(history.history.size());
    const Ticket* previous = nullptr;
    for (const core::HistoryEntry& e : history.history) {
        HistoryRow row;
        row.when = whenText(e.at, now);
        row.desk = fromUtf8(e.device);
        if (previous) {
            row.what = describeChanges(*previous, e.ticket, queueName);
        } else {
            row.what = e.ticket.source == core::TicketSource::Card ? _("Checked in (card)")
                                                                   : _("Checked in (without card)");
            if (e.ticket.priority == core::Priority::Urgent) {
                row.what += ", " + _("Urgent");
            }
        }
        rows.push_back(std::move(row));
        previous = &e.ticket;
    }
    return rows;
}

}  // namespace sanad::ui
