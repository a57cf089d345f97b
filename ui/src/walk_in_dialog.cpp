#include "sanad/ui/walk_in_dialog.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/desk_commands.h"
#include "sanad/ui/dialog_parts.h"
#include "sanad/ui/texts.h"

#include <wx/sizer.h>
#include <wx/stattext.h>

namespace sanad::ui {

WalkInDialog::WalkInDialog(wxWindow* parent, const std::string& patient,
                           const std::string& patientId)
    : wxDialog(parent, wxID_ANY, _("Check in without card")) {
    // Created in the order Tab walks them: name, patient id, urgent, note, then the buttons.
    name_ = formText(this, fromUtf8(patient));
    name_->SetHint(_("optional"));
    patientId_ = formText(this, fromUtf8(patientId));
    patientId_->SetHint(_("optional: the practice system's number"));
    urgent_ = new wxCheckBox(this, wxID_ANY, _("Urgent"));
    note_ = formText(this, wxString(), wxTE_MULTILINE);
    note_->SetToolTip(
        _("for the desk only, never shown to patients"));  // no hint: wxGTK greys a multiline value

    auto* form = new wxFlexGridSizer(2, FromDIP(wxSize(10, 8)));
    form->AddGrowableCol(1);
    addFormRow(*form, this, _("Name"), name_);
    addFormRow(*form, this, _("Patient ID"), patientId_);
    form->AddSpacer(0);
    form->Add(urgent_);
    addFormRow(*form, this, _("Note"), note_);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(form, 1, wxEXPAND | wxALL, 16);
    sizer->Add(okCancelRow(*this, _("Check in")), 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 16);
    SetSizerAndFit(sizer);
    name_->SetFocus();
}

core::WalkIn WalkInDialog::walkIn() const {
    return walkInOf(toUtf8(name_->GetValue()), toUtf8(patientId_->GetValue()), urgent_->GetValue(),
                    toUtf8(note_->GetValue()));
}

}  // namespace sanad::ui
