#pragma once

#include "sanad/ui/texts.h"

#include <wx/panel.h>
#include <wx/stattext.h>
#include <wx/timer.h>

namespace sanad::ui {

/// The big check-in line under the banner ("A017 – bitte nehmen Sie im Wartezimmer Platz"),
/// coloured by outcome, hidden again after `shownFor`. UI thread only.
class CheckInPanel : public wxPanel {
public:
    explicit CheckInPanel(wxWindow* parent, int shownForMs = 8000);
    void show(const CheckInMessage& message);
    wxString headline() const { return headline_->GetLabel(); }
    wxString detail() const { return detail_->GetLabel(); }

private:
    void onTimer(wxTimerEvent& event);

    wxStaticText* headline_;
    wxStaticText* detail_;
    wxTimer timer_;
    int shownForMs_;
};

}  // namespace sanad::ui
