#pragma once

#include "sanad/core/sync_engine.h"
#include "sanad/ui/desk_commands.h"

#include <wx/dialog.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>

#include <functional>
#include <string>
#include <vector>

namespace sanad::ui {

/// "Verlauf" of a ticket: every committed version with time, desk and what changed from the
/// version before. Asks the engine when it opens (the history needs the server); the answer comes
/// back through thenOnWindow, offline the dialog says why there is none. UI thread only.
class HistoryDialog : public wxDialog {
public:
    using QueueName = std::function<wxString(const std::string& queueId)>;
    HistoryDialog(wxWindow* parent, core::SyncEngine& engine, const std::string& ticketId,
                  const wxString& number, QueueName queueName);

    /// Shows an answer (the engine's, or a test's).
    void show(const core::HistoryResult& result);
    bool loaded() const { return loaded_; }
    const std::vector<HistoryRow>& rows() const { return rows_; }
    wxString message() const { return message_->GetLabel(); }
    wxListCtrl* list() const { return list_; }

private:
    QueueName queueName_;
    wxStaticText* message_;
    wxListCtrl* list_;
    std::vector<HistoryRow> rows_;
    bool loaded_ = false;
};

}  // namespace sanad::ui
