#pragma once

#include "sanad/core/console_core.h"

#include <wx/checkbox.h>
#include <wx/dialog.h>
#include <wx/textctrl.h>

#include <string>

namespace sanad::ui {

/// "Ohne Karte anmelden": a patient without a card (name optional, patient id optional, urgent,
/// note). Pre-filled from the practice system (PVS) when it named the patient. The number comes
/// from the leased block at once, offline too. UI thread only.
class WalkInDialog : public wxDialog {
public:
    WalkInDialog(wxWindow* parent, const std::string& patient = {},
                 const std::string& patientId = {});
    /// What the fields say (blank text is none).
    core::WalkIn walkIn() const;

    wxTextCtrl* name() const { return name_; }
    wxTextCtrl* patientId() const { return patientId_; }
    wxCheckBox* urgent() const { return urgent_; }
    wxTextCtrl* note() const { return note_; }

private:
    wxTextCtrl* name_;
    wxTextCtrl* patientId_;
    wxCheckBox* urgent_;
    wxTextCtrl* note_;
};

}  // namespace sanad::ui
