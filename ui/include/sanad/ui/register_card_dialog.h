#pragma once

#include "sanad/core/wire.h"

#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <string>

namespace sanad::ui {

/// "Karte zuordnen": gives a card a name and optionally a patient id; the card's open tickets
/// take them at once and later taps carry them. `number` names the ticket the card came with
/// (may be empty). UI thread only.
class RegisterCardDialog : public wxDialog {
public:
    RegisterCardDialog(wxWindow* parent, const wxString& number, const std::string& patient = {},
                       const std::string& patientId = {});
    /// What the fields say (blank text is none).
    core::CardRegistration registration() const;

    wxTextCtrl* name() const { return name_; }
    wxTextCtrl* patientId() const { return patientId_; }

private:
    wxTextCtrl* name_;
    wxTextCtrl* patientId_;
};

}  // namespace sanad::ui
