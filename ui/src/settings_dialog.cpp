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

/// "As the system" (or "As the console"), Deutsch, English; `current` selected.
wxChoice* languageChoice(wxWindow* parent, const wxString& first, const std::string& current) {
    auto* choice = new wxChoice(parent, wxID_ANY);
    choice->Append(first);
    choice->Append(wxString::FromUTF8("Deutsch"));
    choice->Append("English");
    choice->SetSelection(0);
    for (int i = 0; i < 3; ++i) {
        if (current == kLanguages[i]) {
            choice->SetSelection(i);
        }
    }
    return choice;
}

std::string languageOf(const wxChoice* choice) {
    const int i = choice->GetSelection();
    return i >= 0 && i < 3 ? kLanguages[i] : "";
}
}  // namespace

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
    language_ = languageChoice(this, _("As the system"), config.language);
    stale_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                            wxSP_ARROW_KEYS, 1, 24 * 60, config.staleAfterMinutes);

    gdt_ = new wxDirPickerCtrl(this, wxID_ANY, fromUtf8(config.gdtFolder),
                               _("The folder the practice system writes GDT files to"),
                               wxDefaultPosition, wide, wxDIRP_USE_TEXTCTRL);

    const DisplayConfig& display = config.display;
    displayEnabled_ = new wxCheckBox(this, wxID_ANY, _("Open the waiting-room display at start"));
    displayEnabled_->SetValue(display.enabled);
    displayMonitor_ = new wxSpinCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                     wxSP_ARROW_KEYS, 1, 16, display.monitor + 1);
    displaySpeech_ = new wxCheckBox(this, wxID_ANY, _("Speak the calls after the chime"));
    displaySpeech_->SetValue(display.speech);
    displayLanguage_ = languageChoice(this, _("As the console"), display.language);
    displayQueues_ =
        new wxTextCtrl(this, wxID_ANY, fromUtf8(display.queues), wxDefaultPosition, wide);
    displayQueues_->SetHint(_("empty: all queues; else e.g. general, lab"));

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
    row(_("Waiting-room display"), displayEnabled_);
    row(_("Monitor (1 = the first)"), displayMonitor_);
    row(wxString(), displaySpeech_);
    row(_("Language of the display"), displayLanguage_);
    row(_("Queues shown (ids, comma-separated)"), displayQueues_);

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
    c.language = languageOf(language_);
    c.staleAfterMinutes = stale_->GetValue();
    c.gdtFolder = toUtf8(gdt_->GetPath().Trim().Trim(false));
    c.display.enabled = displayEnabled_->GetValue();
    c.display.monitor = displayMonitor_->GetValue() - 1;
    c.display.speech = displaySpeech_->GetValue();
    c.display.language = languageOf(displayLanguage_);
    c.display.queues = toUtf8(displayQueues_->GetValue().Trim().Trim(false));
    return c;
}

}  // namespace sanad::ui
