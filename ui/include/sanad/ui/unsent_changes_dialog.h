#pragma once

#include "sanad/core/sync_engine.h"

#include <wx/dialog.h>
#include <wx/listctrl.h>

#include <functional>
#include <vector>

namespace sanad::ui {

/// "Changes not sent": the outbox rows that need the receptionist (failed, conflict) with what,
/// when and why; "Send again" puts a row back in line, "Discard …" drops it after a confirmation.
/// Reads and acts only through the SyncEngine, its answers brought back by thenOnWindow (nothing
/// waits; answers for a closed dialog are dropped; a failure is shown in a message box).
/// UI thread only.
class UnsentChangesDialog : public wxDialog {
public:
    using NumberOf = std::function<wxString(const std::string& ticketId)>;
    UnsentChangesDialog(wxWindow* parent, core::SyncEngine& engine, NumberOf numberOf);

    /// Reloads the rows from the outbox.
    void reload();
    const std::vector<core::OfflineRequest>& rows() const { return rows_; }
    wxListCtrl* list() const { return list_; }
    bool loaded() const { return loads_ > 0; }
    /// How often the rows came back from the outbox (a reload happened).
    std::size_t loads() const { return loads_; }
    void select(long index);
    void retrySelected();
    void discardSelected();

private:
    void show(std::vector<core::OfflineRequest> rows);
    void updateButtons();
    long selected() const;
    /// Reloads once the engine's answer for a row is back; shows a failure.
    core::Done<bool> reloadWhenDone();
    void showFailure(const std::string& error);

    core::SyncEngine& engine_;
    NumberOf numberOf_;
    wxListCtrl* list_;
    wxButton* retry_;
    wxButton* discard_;
    std::vector<core::OfflineRequest> rows_;
    std::size_t loads_ = 0;
};

}  // namespace sanad::ui
