// wx before anything that brings in <windows.h> through Poco: wx's own include of it undoes
// macros such as GetClassInfo, which would otherwise rename wx's methods (MinGW build).
#include <wx/clntdata.h>
#include <wx/wrapsizer.h>

#include "sanad/ui/action_controls.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/texts.h"

namespace sanad::ui {

int menuIdOf(TicketAction action) {
    return wxID_HIGHEST + 100 + static_cast<int>(action);
}

wxMenuBar* makeMenuBar(bool demo) {
    auto* console = new wxMenu;
    console->Append(kIdSync, _("Synchronise now") + "\tF5");
    console->Append(kIdUnsent, _("Changes not sent …"));
    console->Append(wxID_PREFERENCES, _("Settings …") + "\tCtrl+,");
    if (demo) {
        console->AppendSeparator();
        console->Append(kIdSimulate, _("Simulate card") + "\tCtrl+T");
    }
    console->AppendSeparator();
    console->Append(wxID_EXIT, _("Quit") + "\tCtrl+Q");
    auto* ticket = new wxMenu;
    for (TicketAction a : kTicketActions) {
        const wxString accel = acceleratorOf(a);
        ticket->Append(menuIdOf(a), accel.empty() ? labelOf(a) : labelOf(a) + "\t" + accel);
        if (a == TicketAction::Call) {
            ticket->AppendSeparator();
        }
    }
    auto* bar = new wxMenuBar;
    bar->Append(console, _("&Console"));
    bar->Append(ticket, _("&Ticket"));
    return bar;
}

void popUpTicketMenu(wxWindow& window, const std::function<bool(TicketAction)>& enabled) {
    wxMenu menu;
    for (TicketAction a : kTicketActions) {
        if (a == TicketAction::CallNext) {
            continue;
        }
        menu.Append(menuIdOf(a), labelOf(a));
        menu.Enable(menuIdOf(a), enabled(a));
    }
    window.PopupMenu(&menu);
}

ActionRow::ActionRow(wxWindow* parent, Handlers handlers) {
    queueLabel_ = new wxStaticText(parent, wxID_ANY, _("Queue") + ":");
    queueChoice_ = new wxChoice(parent, wxID_ANY);
    // The queue's id rides with its entry: the handler needs nothing of this object.
    queueChoice_->Bind(
        wxEVT_CHOICE, [choice = queueChoice_, chooseQueue = handlers.chooseQueue](wxCommandEvent&) {
            const int i = choice->GetSelection();
            if (i < 0) {
                return;
            }
            if (auto* id = dynamic_cast<wxStringClientData*>(
                    choice->GetClientObject(static_cast<unsigned>(i)))) {
                chooseQueue(toUtf8(id->GetData()));
            }
        });
    queueLabel_->Hide();
    queueChoice_->Hide();

    auto* row = new wxWrapSizer(wxHORIZONTAL);
    row->Add(queueLabel_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, 6);
    row->Add(queueChoice_, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT | wxBOTTOM, 6);
    row->AddSpacer(10);
    for (TicketAction a : kTicketActions) {
        const wxString accel = acceleratorOf(a);
        auto* b = new wxButton(parent, wxID_ANY,
                               accel.empty() ? labelOf(a) : labelOf(a) + " (" + accel + ")");
        b->Bind(wxEVT_BUTTON, [run = handlers.run, a](wxCommandEvent&) { run(a); });
        buttons_.emplace_back(a, b);
        row->Add(b, 0, wxRIGHT | wxBOTTOM, 6);
        if (a == TicketAction::CallNext) {
            wxFont bold = b->GetFont();
            bold.MakeBold();
            b->SetFont(bold);
        }
    }
    if (handlers.simulate) {
        auto* simulate = new wxButton(parent, wxID_ANY, _("Simulate card (Ctrl+T)"));
        simulate->Bind(wxEVT_BUTTON,
                       [simulateTap = handlers.simulate](wxCommandEvent&) { simulateTap(); });
        row->AddSpacer(10);
        row->Add(simulate, 0, wxBOTTOM, 6);
    }
    sizer_ = row;
}

void ActionRow::enable(const std::function<bool(TicketAction)>& enabled, wxMenuBar* bar) {
    for (auto& [action, button] : buttons_) {
        button->Enable(enabled(action));
    }
    if (bar) {
        for (TicketAction a : kTicketActions) {
            bar->Enable(menuIdOf(a), enabled(a));
        }
    }
}

void ActionRow::showQueues(const std::vector<core::Queue>& queues, const std::string& currentId) {
    queueChoice_->Clear();
    int current = -1;
    for (std::size_t i = 0; i < queues.size(); ++i) {
        queueChoice_->Append(fromUtf8(queues[i].name),
                             new wxStringClientData(fromUtf8(queues[i].id)));
        if (queues[i].id == currentId) {
            current = static_cast<int>(i);
        }
    }
    queueChoice_->SetSelection(current);
    const bool several = queues.size() > 1;
    queueLabel_->Show(several);
    queueChoice_->Show(several);
    queueChoice_->GetParent()->Layout();
}

}  // namespace sanad::ui
