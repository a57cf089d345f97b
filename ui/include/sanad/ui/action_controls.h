#pragma once

#include "sanad/core/ticket.h"
#include "sanad/ui/ticket_actions.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/menu.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace sanad::ui {

/// The menu ids of the console window.
enum MenuId : int {
    kIdSync = wxID_HIGHEST + 150,
    kIdSimulate = wxID_HIGHEST + 151,
    kIdUnsent = wxID_HIGHEST + 152,
};
/// The menu id of a ticket action (menus and the list's context menu).
int menuIdOf(TicketAction action);

/// The menu bar: Console (sync F5, changes not sent, settings, simulate card Ctrl+T in demo
/// mode, quit) and Ticket (every action, with F2/F3). UI thread only.
wxMenuBar* makeMenuBar(bool demo);
/// The list's context menu: the actions on the clicked ticket, each enabled as `enabled` says.
void popUpTicketMenu(wxWindow& window, const std::function<bool(TicketAction)>& enabled);

/// The row above the list: the queue chooser (shown only when there are several queues), a
/// button per action (call next in bold, labels with their keys), and "Simulate card" in demo
/// mode. They wrap onto a second line in a narrow window (German labels are long).
/// UI thread only; the widgets belong to `parent`.
class ActionRow {
public:
    struct Handlers {
        std::function<void(TicketAction)> run;
        std::function<void(const std::string& queueId)> chooseQueue;
        std::function<void()> simulate;  // none: no button
    };
    ActionRow(wxWindow* parent, Handlers handlers);

    wxSizer* sizer() const { return sizer_; }
    /// Enables the buttons, and the Ticket menu's items of `bar` if given.
    void enable(const std::function<bool(TicketAction)>& enabled, wxMenuBar* bar);
    /// The chooser's queues and the current one.
    void showQueues(const std::vector<core::Queue>& queues, const std::string& currentId);

private:
    wxSizer* sizer_;
    wxStaticText* queueLabel_;
    wxChoice* queueChoice_;
    std::vector<std::pair<TicketAction, wxButton*>> buttons_;
};

}  // namespace sanad::ui
