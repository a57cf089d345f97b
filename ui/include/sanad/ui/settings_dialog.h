#pragma once

#include "sanad/core/ticket.h"
#include "sanad/ui/console_config.h"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/combobox.h>
#include <wx/dialog.h>
#include <wx/filepicker.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>

#include <vector>

namespace sanad::ui {

/// "Settings": server URL, device token, CA file, queue, room, desk name, names in the list,
/// language, when cached data counts as stale, the practice system's GDT exchange folder, and the
/// waiting-room display (at start, monitor, speech, its language, its queues). OK checks the URL;
/// config() gives the result. UI thread only.
class SettingsDialog : public wxDialog {
public:
    SettingsDialog(wxWindow* parent, const ConsoleConfig& config,
                   const std::vector<core::Queue>& queues);
    ConsoleConfig config() const;
    /// Why OK is refused, or "" when the input is fine.
    wxString problem() const;

    wxTextCtrl* serverUrl() const { return url_; }
    wxTextCtrl* token() const { return token_; }
    wxTextCtrl* room() const { return room_; }
    wxDirPickerCtrl* gdtFolder() const { return gdt_; }
    wxCheckBox* displayAtStart() const { return displayEnabled_; }
    wxTextCtrl* displayQueues() const { return displayQueues_; }

private:
    ConsoleConfig original_;
    std::vector<core::Queue> queues_;
    wxTextCtrl* url_;
    wxTextCtrl* token_;
    wxTextCtrl* caFile_;
    wxComboBox* queue_;
    wxTextCtrl* room_;
    wxTextCtrl* desk_;
    wxCheckBox* names_;
    wxChoice* language_;
    wxSpinCtrl* stale_;
    wxDirPickerCtrl* gdt_;
    wxCheckBox* displayEnabled_;
    wxSpinCtrl* displayMonitor_;
    wxCheckBox* displaySpeech_;
    wxChoice* displayLanguage_;
    wxTextCtrl* displayQueues_;
};

}  // namespace sanad::ui
