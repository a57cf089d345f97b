#include "sanad/ui/dialog_parts.h"
#include "sanad/ui/translate.h"

#include <wx/button.h>
#include <wx/stattext.h>

namespace sanad::ui {

void addFormRow(wxFlexGridSizer& form, wxWindow* parent, const wxString& label, wxWindow* field) {
    form.Add(new wxStaticText(parent, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
    form.Add(field, 1, wxEXPAND);
}

wxTextCtrl* formText(wxWindow* parent, const wxString& value, long style) {
    const bool multiline = (style & wxTE_MULTILINE) != 0;
    return new wxTextCtrl(parent, wxID_ANY, value, wxDefaultPosition,
                          parent->FromDIP(wxSize(320, multiline ? 70 : -1)), style);
}

wxSizer* okCancelRow(wxDialog& dialog, const wxString& okLabel) {
    wxStdDialogButtonSizer* row = dialog.CreateStdDialogButtonSizer(wxOK | wxCANCEL);
    if (auto* ok = dynamic_cast<wxButton*>(dialog.FindWindow(wxID_OK))) {
        ok->SetLabel(okLabel);
        ok->SetDefault();
    }
    if (auto* cancel = dynamic_cast<wxButton*>(dialog.FindWindow(wxID_CANCEL))) {
        cancel->SetLabel(_C("dialog", "Cancel"));
    }
    dialog.SetEscapeId(wxID_CANCEL);
    return row;
}

wxButton* closeButton(wxDialog& dialog) {
    auto* close = new wxButton(&dialog, kCloseButtonId, _("Close"));
    close->Bind(wxEVT_BUTTON, [&dialog](wxCommandEvent&) { dialog.EndModal(wxID_CLOSE); });
    dialog.SetEscapeId(kCloseButtonId);
    return close;
}

}  // namespace sanad::ui
