// wx before anything that brings in <windows.h> through Poco: wx's own include of it undoes
// macros such as GetClassInfo, which would otherwise rename wx's methods (MinGW build).
#include <wx/clntdata.h>

#include "sanad/ui/action_controls.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/texts.h"
#include "sanad/ui/tool_icons.h"

namespace sanad::ui {

int menuIdOf(TicketAction action) {
    return wxID_HIGHEST + 100 + static_cast<int>(action);
}

int menuIdOf(DeskCommand command) {
    return wxID_HIGHEST + 120 + static_cast<int>(command);
}

namespace {

template <typename T>
wxString withAccelerator(T item) {
    const wxString accel = acceleratorOf(item);
    return accel.empty() ? labelOf(item) : labelOf(item) + "\t" + accel;
}

void append(wxMenu& menu, DeskCommand c, bool accel) {
    const wxString label = accel ? withAccelerator(c) : labelOf(c);
    if (c == DeskCommand::ToggleUrgent) {
        menu.AppendCheckItem(menuIdOf(c), label);
    } else {
        menu.Append(menuIdOf(c), label);
    }
}

/// The ticket's items, shared by the Ticket menu (with keys, and call next) and the context menu.
void appendTicketItems(wxMenu& menu, bool mainMenu) {
    for (TicketAction a : kTicketActions) {
        if (a == TicketAction::CallNext && !mainMenu) {
            continue;
        }
        menu.Append(menuIdOf(a), mainMenu ? withAccelerator(a) : labelOf(a));
        if (a == TicketAction::Call) {
            menu.AppendSeparator();
        }
    }
    menu.AppendSeparator();
    for (DeskCommand c : {DeskCommand::ToggleUrgent, DeskCommand::EditNote, DeskCommand::EditName,
                          DeskCommand::Transfer, DeskCommand::History}) {
        append(menu, c, mainMenu);
    }
    menu.AppendSeparator();
    for (DeskCommand c : {DeskCommand::RegisterCard, DeskCommand::ForgetCard}) {
        append(menu, c, mainMenu);
    }
}

void enableItems(wxMenuBar* bar, wxMenu* menu, const Enabled& enabled) {
    const auto set = [&](int id, bool on) {
        if (bar && bar->FindItem(id)) {
            bar->Enable(id, on);
        }
        if (menu && menu->FindItem(id)) {
            menu->Enable(id, on);
        }
    };
    for (TicketAction a : kTicketActions) {
        set(menuIdOf(a), enabled.action(a));
    }
    for (DeskCommand c : kDeskCommands) {
        set(menuIdOf(c), enabled.command(c));
    }
    const int urgent = menuIdOf(DeskCommand::ToggleUrgent);
    if (bar && bar->FindItem(urgent)) {
        bar->Check(urgent, enabled.urgent);
    }
    if (menu && menu->FindItem(urgent)) {
        menu->Check(urgent, enabled.urgent);
    }
}

}  // namespace

wxMenuBar* makeMenuBar(bool demo) {
    auto* console = new wxMenu;
    append(*console, DeskCommand::WalkIn, true);
    append(*console, DeskCommand::Statistics, true);
    console->AppendSeparator();
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
    appendTicketItems(*ticket, true);
    auto* view = new wxMenu;
    view->Append(kIdDisplay, _("Waiting-room display") + "\tCtrl+D");
    auto* bar = new wxMenuBar;
    bar->Append(console, _("&Console"));
    bar->Append(ticket, _("&Ticket"));
    bar->Append(view, _("&View"));
    return bar;
}

void popUpTicketMenu(wxWindow& window, const Enabled& enabled) {
    wxMenu menu;
    appendTicketItems(menu, false);
    enableItems(nullptr, &menu, enabled);
    window.PopupMenu(&menu);
}

ActionBar::ActionBar(wxFrame& frame, bool demo,
                     std::function<void(const std::string&)> chooseQueue) {
    bar_ = frame.CreateToolBar(wxTB_HORIZONTAL | wxTB_FLAT | wxTB_TEXT | wxTB_HORZ_LAYOUT |
                               wxTB_NODIVIDER);
    const int size = frame.FromDIP(24);
    bar_->SetToolBitmapSize(wxSize(size, size));
    const auto tool = [&](int id, const wxString& label, ToolIcon icon, const wxString& key) {
        const wxString text = key.empty() ? label : label + " (" + key + ")";
        bar_->AddTool(id, text, toolIcon(icon, size), text);
    };
    tool(menuIdOf(TicketAction::CallNext), labelOf(TicketAction::CallNext), ToolIcon::CallNext,
         "F2");
    tool(menuIdOf(TicketAction::Call), labelOf(TicketAction::Call), ToolIcon::Call, "F3");
    bar_->AddSeparator();
    tool(menuIdOf(DeskCommand::WalkIn), labelOf(DeskCommand::WalkIn), ToolIcon::WalkIn, "F4");
    tool(menuIdOf(DeskCommand::RegisterCard), labelOf(DeskCommand::RegisterCard),
         ToolIcon::RegisterCard, "F6");
    if (demo) {
        bar_->AddSeparator();
        // The key only in the tooltip: the toolbar must fit 1366 pixels with the queue chooser.
        bar_->AddTool(kIdSimulate, _("Simulate card"), toolIcon(ToolIcon::SimulateCard, size),
                      _("Simulate card") + " (" + _("Ctrl+T") + ")");
    }
    queueLabel_ = new wxStaticText(bar_, wxID_ANY, _("Queue") + ": ");
    queueChoice_ = new wxChoice(bar_, wxID_ANY, wxDefaultPosition, frame.FromDIP(wxSize(180, -1)));
    // The queue's id rides with its entry: the handler needs nothing of this object.
    queueChoice_->Bind(wxEVT_CHOICE, [choice = queueChoice_,
                                      chooseQueue = std::move(chooseQueue)](wxCommandEvent&) {
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
    bar_->Realize();
}

void ActionBar::enable(const Enabled& enabled, wxMenuBar* menus) {
    for (TicketAction a : {TicketAction::CallNext, TicketAction::Call}) {
        bar_->EnableTool(menuIdOf(a), enabled.action(a));
    }
    for (DeskCommand c : {DeskCommand::WalkIn, DeskCommand::RegisterCard}) {
        bar_->EnableTool(menuIdOf(c), enabled.command(c));
    }
    enableItems(menus, nullptr, enabled);
}

void ActionBar::showQueues(const std::vector<core::Queue>& queues, const std::string& currentId) {
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
    if (several && !queuesShown_) {
        // Controls on a toolbar are tools: added once, when the practice has several queues,
        // at the start (the queue is what the actions act on).
        queueLabel_->Show();
        queueChoice_->Show();
        bar_->InsertControl(0, queueLabel_);
        bar_->InsertControl(1, queueChoice_);
        bar_->InsertSeparator(2);
        bar_->Realize();
        queuesShown_ = true;
    }
}

}  // namespace sanad::ui
