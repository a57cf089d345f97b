#include "sanad/ui/register_card_dialog.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/desk_commands.h"
#include "sanad/ui/dialog_parts.h"
#include "sanad/ui/texts.h"

#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace sanad::ui {

RegisterCardDialog::RegisterCardDialog(wxWindow* parent, const wxString& number,
                                       const std::string& patient, const std::string& patientId)
    : wxDialog(parent, wxID_ANY, _("Register card")) {
    auto* intro = new wxStaticText(
        this, wxID_ANY,
        number.empty() ? wxString(_("Later taps of this card will carry the name."))
                       : wxString::Format(_("The card of %s. Later taps of this card will carry "
                                            "the name."),
                                          number));
    name_ = formText(this, fromUtf8(patient));
    patientId_ = formText(this, fromUtf8(patientId));
    patientId_->SetHint(_("optional: the practice system's number"));
    auto* form = new wxFlexGridSizer(2, FromDIP(wxSize(10, 8)));
    form->AddGrowableCol(1);
    addFormRow(*form, this, _("Name"), name_);
    addFormRow(*form, this, _("Patient ID"), patientId_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(intro, 0, wxLEFT | wxRIGHT | wxTOP, 16);
    sizer->Add(form, 1, wxEXPAND | wxALL, 16);
    sizer->Add(okCancelRow(*this, _("Register")), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 16);
    SetSizerAndFit(sizer);
    name_->SetFocus();
    // A card needs a name: that is what registering it is for.
    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent& e) {
            if (name_->GetValue().Trim().Trim(false).empty()) {
                wxMessageBox(_("Please enter the patient's name."), _("Register card"),
                             wxOK | wxICON_WARNING, this);
                return;
            }
            e.Skip();
        },
        wxID_OK);
}

core::CardRegistration RegisterCardDialog::registration() const {
    return registrationOf(toUtf8(name_->GetValue()), toUtf8(patientId_->GetValue()));
}

}  // namespace sanad::ui
