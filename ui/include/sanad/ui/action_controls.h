#pragma once

#include "sanad/core/ticket.h"
#include "sanad/ui/desk_commands.h"
#include "sanad/ui/ticket_actions.h"

#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/menu.h>
#include <wx/stattext.h>
#include <wx/toolbar.h>

#include <functional>
#include <string>
#include <vector>

namespace sanad::ui {

/// The menu ids of the console window (toolbar tools use the same ids: one handler each).
enum MenuId : int {
    kIdSync = wxID_HIGHEST + 150,
    kIdSimulate = wxID_HIGHEST + 151,
    kIdUnsent = wxID_HIGHEST + 152,
    kIdDisplay = wxID_HIGHEST + 153,  // View → Waiting-room display
};
/// The menu id of a ticket action or a desk command (menus, toolbar, context menu).
int menuIdOf(TicketAction action);
int menuIdOf(DeskCommand command);

/// What is possible now, asked when menus and tools are enabled.
struct Enabled {
    std::function<bool(TicketAction)> action;
    std::function<bool(DeskCommand)> command;
    bool urgent = false;  // the selected ticket is urgent (the check mark of "Urgent")
};

/// The menu bar: Console (sync F5, walk-in F4, today's statistics F9, changes not sent,
/// settings, simulate card Ctrl+T in demo mode, quit) and Ticket (call next F2, call F3, the
/// other transitions, register/forget card, urgent, note, name, transfer, history) and View
/// (the waiting-room display, Ctrl+D).
/// UI thread only.
wxMenuBar* makeMenuBar(bool demo);
/// The list's context menu: what can be done to the clicked ticket, enabled as `enabled` says.
void popUpTicketMenu(wxWindow& window, const Enabled& enabled);

/// The toolbar: the frequent actions with icons and their keys (call next F2, call F3, walk-in
/// F4, register card F6), the queue chooser (shown only with several queues), and "Simulate
/// card" in demo mode. Tools send the menu ids, so the frame's menu handlers serve both.
/// UI thread only; the toolbar belongs to the frame.
class ActionBar {
public:
    ActionBar(wxFrame& frame, bool demo, std::function<void(const std::string&)> chooseQueue);

    wxToolBar* toolBar() const { return bar_; }
    /// Enables the tools, and the menu items of `menus` if given.
    void enable(const Enabled& enabled, wxMenuBar* menus);
    /// The chooser's queues and the current one.
    void showQueues(const std::vector<core::Queue>& queues, const std::string& currentId);
    wxChoice* queueChoice() const { return queueChoice_; }

private:
    wxToolBar* bar_;
    wxStaticText* queueLabel_;
    wxChoice* queueChoice_;
    bool queuesShown_ = false;
};

}  // namespace sanad::ui
