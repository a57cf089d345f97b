#pragma once

#include "sanad/core/console_core.h"
#include "sanad/ui/conflict_queue.h"
#include "sanad/ui/console_session.h"

#include <wx/window.h>

#include <functional>
#include <string>

namespace sanad::ui {

/// Asks the reported conflicts one after another (ConflictQueue) in the modal ConflictDialog,
/// each on its own turn of the window's event loop (never nested), and sends the answer to
/// SyncEngine::resolveConflict. UI thread only; belongs to `window`.
class ConflictPrompt {
public:
    ConflictPrompt(wxWindow& window, ConsoleSession& session, std::function<std::string()> deskName,
                   std::function<void()> refresh, std::function<void(const std::string&)> error);
    /// A conflict the core reported (repeats of one on the way are ignored).
    void add(const core::ConflictReport& conflict);
    /// The window closes: nothing more is asked.
    void stop() { stopped_ = true; }

private:
    void askNext();

    wxWindow& window_;
    ConsoleSession& session_;
    std::function<std::string()> deskName_;
    std::function<void()> refresh_;
    std::function<void(const std::string&)> error_;
    ConflictQueue conflicts_;
    bool stopped_ = false;
};

}  // namespace sanad::ui
