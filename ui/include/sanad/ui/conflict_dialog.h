#pragma once

#include "sanad/core/console_core.h"

#include <wx/dialog.h>

#include <optional>
#include <string>

namespace sanad::ui {

/// The receptionist's decision on a change the server refused as a conflict (DESIGN.md: a
/// ticket cancelled offline that is in treatment meanwhile): the ticket, both versions, and two
/// choices. There is no third way out (Esc and closing do nothing): the change waits for this
/// answer. ShowModal() returns kKeepMine or kTakeServers. UI thread only.
class ConflictDialog : public wxDialog {
public:
    static constexpr int kKeepMine = wxID_HIGHEST + 201;
    static constexpr int kTakeServers = wxID_HIGHEST + 202;

    ConflictDialog(wxWindow* parent, const core::ConflictReport& conflict,
                   const wxString& deskName);

    const core::ConflictReport& conflict() const { return conflict_; }
    static std::optional<core::ConflictChoice> choiceOf(int modalResult);
    /// Shows the dialog for `conflict` (`deskName` empty: "this desk") and returns the answer;
    /// none if the dialog ended otherwise. The answer is logged (no names).
    static std::optional<core::ConflictChoice> ask(wxWindow* parent,
                                                   const core::ConflictReport& conflict,
                                                   const std::string& deskName);

private:
    core::ConflictReport conflict_;
};

}  // namespace sanad::ui
