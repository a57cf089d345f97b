#pragma once

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

namespace sanad::ui {

/// Pieces the console's small dialogs share. UI thread only.

/// A labelled row of a two-column form: the label, then `field` stretched.
void addFormRow(wxFlexGridSizer& form, wxWindow* parent, const wxString& label, wxWindow* field);
/// A text field of the form's width.
wxTextCtrl* formText(wxWindow* parent, const wxString& value = wxString(), long style = 0);
/// The dialog's OK/Cancel row with our labels (`okLabel` on OK), its escape on Cancel; returns the
/// sizer to add at the bottom.
wxSizer* okCancelRow(wxDialog& dialog, const wxString& okLabel);
/// The id of closeButton()'s button. Not wxID_CLOSE: wxGTK gives a stock id GTK's own label,
/// which stays English without wx's catalog.
inline constexpr int kCloseButtonId = wxID_HIGHEST + 300;
/// A "Close" button that ends the modal dialog with wxID_CLOSE (Esc too); the caller places it.
wxButton* closeButton(wxDialog& dialog);

}  // namespace sanad::ui
