#pragma once

#include "sanad/ui/texts.h"

#include <wx/button.h>
#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <functional>

namespace sanad::ui {

/// The big check-in line under the banner ("A017 – bitte nehmen Sie im Wartezimmer Platz"),
/// coloured by outcome, hidden again after `shownFor`; it may offer one action for the
/// receptionist ("Karte zuordnen …" after an unknown card), which keeps it up four times as
/// long. UI thread only.
class CheckInPanel : public wxPanel {
public:
    explicit CheckInPanel(wxWindow* parent, int shownForMs = 8000);
    /// Shows `message` (and takes back an action offered before).
    void show(const CheckInMessage& message);
    /// Offers a button with `label` beside the message shown; pressing it runs `action`.
    void offer(const wxString& label, std::function<void()> action);
    /// The offered button, if one is shown.
    wxButton* actionButton() const { return action_->IsShown() ? action_ : nullptr; }
    wxString headline() const { return headline_->GetLabel(); }
    wxString detail() const { return detail_->GetLabel(); }

private:
    void onTimer(wxTimerEvent& event);

    wxStaticText* headline_;
    wxStaticText* detail_;
    wxButton* action_;
    std::function<void()> onAction_;
    wxTimer timer_;
    int shownForMs_;
};

}  // namespace sanad::ui
