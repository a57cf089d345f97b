#include "sanad/ui/settings_dialog.h"
#include "sanad/ui/translate.h"

#include "sanad/ui/texts.h"

#include <wx/button.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace sanad::ui {

namespace {
const char* const kLanguages[] = {"", "de", "en"};
}

SettingsDialog::SettingsDialog(wxWindow* parent, const ConsoleConfig& config,
                               const std::vector<core::Queue>& queues)
    : wxDialog(parent, wxID_ANY, _("Settings"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      original_(config),
      queues_(queues) {
    const wxSize wide = FromDIP(wxSize(360, -1));
    url_ = new wxTextCtrl(this, wxID_ANY, fromUtf8(config.serverUrl), wxDefaultPosition, wide);
    url_->SetHint("https://sanad.praxis.local:8443");
    token_ = new wxTextCtrl(this, wxID_ANY, fromUtf8(config.token), wxDefaultPosition, wide,
                            wxTE_PASSWORD);
    caFile_ = new wxTextCtrl(this, wxID_ANY, fromUtf8(config.caFile), wxDefaultPosition, wide);
    caFile_->SetHint(_("optional: the practice's CA certificate (PEM)"));
    queue_ = new wxComboBox(this, wxID_ANY, fromUtf8(config.queueId), wxDefaultPosition, wide);
    for (const core::Queue& q : queues) {
        queue_->Append(fromUtf8(q.id));
    }
    room_ = new wxTextCtrl(this, wxID_ANY, fromUtf8(config.room), wxDefaultPosition, wide);
    desk_ = new wxTextCtrl(this, wxID_ANY, fromUtf8(config.deskName), wxDefaultPosition, wide);
    desk_->SetHint(_("e.g. Reception 1"));
    names_ = new wxCheckBox(this, wxID_ANY, _("Show patient names in the list"));
    names_->SetValue(config.showNames);
    language_ = new wxChoice(this, wxID_ANY);
    language_->Append(_("As the system"));
    language_->Append(wxString::FromUTF8("Deutsch"));
    language_->Append("English");
    language_->SetSelection(0);
    for (int i = 0; i < 3; ++i) {
        if (config.language == kLanguages[i]) {
            language_->SetSelection(i);
        }
    }
    stale_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                            wxSP_ARROW_KEYS, 1, 24 * 60, config.staleAfterMinutes);

    gdt_ = new wxDirPickerCtrl(this, wxID_ANY, fromUtf8(config.gdtFolder),
                               _("The folder the practice system writes GDT files to"),
                               wxDefaultPosition, wide, wxDIRP_USE_TEXTCTRL);

    auto* grid = new wxFlexGridSizer(2, FromDIP(wxSize(10, 8)));
    grid->AddGrowableCol(1);
    auto row = [&](const wxString& label, wxWindow* field) {
        grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
        grid->Add(field, 1, wxEXPAND);
    };
    row(_("Server URL"), url_);
    row(_("Device token"), token_);
    row(_("CA file"), caFile_);
    row(_("Queue"), queue_);
    row(_("Room"), room_);
    row(_("Desk name"), desk_);
    row(wxString(), names_);
    row(_("Language"), language_);
    row(_("Warn when data is older than (min)"), stale_);
    row(_("Practice system folder (GDT)"), gdt_);

    auto* note = new wxStaticText(
        this, wxID_ANY, _("A new server, token or language takes effect at once; the queue too."));
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(grid, 1, wxEXPAND | wxALL, 16);
    sizer->Add(note, 0, wxLEFT | wxRIGHT, 16);
    sizer->Add(CreateStdDialogButtonSizer(wxOK | wxCANCEL), 0, wxEXPAND | wxALL, 16);
    SetSizerAndFit(sizer);
    if (wxWindow* ok = FindWindow(wxID_OK)) {
        static_cast<wxButton*>(ok)->SetLabel(_("OK"));
    }
    if (wxWindow* cancel = FindWindow(wxID_CANCEL)) {
        static_cast<wxButton*>(cancel)->SetLabel(_C("dialog", "Cancel"));
    }
    Bind(
        wxEVT_BUTTON,
        [this](wxCommandEvent& e) {
            const wxString why = problem();
            if (!why.empty()) {
                wxMessageBox(why, _("Settings"), wxOK | wxICON_WARNING, this);
                return;
            }
            e.Skip();
        },
        wxID_OK);
}

wxString SettingsDialog::problem() const {
    const wxString url = url_->GetValue().Trim().Trim(false);
    if (!url.StartsWith("http://") && !url.StartsWith("https://")) {
        return _("The server URL must start with http:// or https://.");
    }
    if (token_->GetValue().Trim().empty()) {
        return _(
            "The device token is missing: your IT admin gets it from "
            "'sanad-server device add'.");
    }
    if (queue_->GetValue().Trim().empty()) {
        return _("Please choose a queue.");
    }
    return wxString();
}

ConsoleConfig SettingsDialog::config() const {
    ConsoleConfig c = original_;
    c.serverUrl = toUtf8(url_->GetValue().Trim().Trim(false));
    c.token = toUtf8(token_->GetValue().Trim().Trim(false));
    c.caFile = toUtf8(caFile_->GetValue().Trim().Trim(false));
    c.queueId = toUtf8(queue_->GetValue().Trim().Trim(false));
    c.room = toUtf8(room_->GetValue().Trim().Trim(false));
    c.deskName = toUtf8(desk_->GetValue().Trim().Trim(false));
    c.showNames = names_->GetValue();
    const int lang = language_->GetSelection();
    c.language = lang >= 0 && lang < 3 ? kLanguages[lang] : "";
    c.staleAfterMinutes = stale_->GetValue();
    c.gdtFolder = toUtf8(gdt_->GetPath().Trim().Trim(false));
    return c;
}

}  // namespace sanad::ui
