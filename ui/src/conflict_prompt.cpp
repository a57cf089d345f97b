#include "sanad/ui/conflict_prompt.h"

#include "sanad/ui/conflict_dialog.h"

namespace sanad::ui {

ConflictPrompt::ConflictPrompt(wxWindow& window, ConsoleSession& session,
                               std::function<std::string()> deskName, std::function<void()> refresh,
                               std::function<void(const std::string&)> error)
    : window_(window),
      session_(session),
      deskName_(std::move(deskName)),
      refresh_(std::move(refresh)),
      error_(std::move(error)) {}

void ConflictPrompt::add(const core::ConflictReport& conflict) {
    if (conflicts_.add(conflict)) {
        window_.CallAfter([this] { askNext(); });
    }
}

void ConflictPrompt::askNext() {
    if (stopped_) {
        return;
    }
    const std::optional<core::ConflictReport> conflict = conflicts_.take();
    if (!conflict) {
        return;
    }
    const auto choice = ConflictDialog::ask(&window_, *conflict, deskName_());
    conflicts_.closed();
    const std::string row = conflict->rowId;
    if (choice && session_.engine()) {
        session_.engine()->resolveConflict(
            row, *choice,
            session_.then<std::monostate>(window_, [this, row](core::Completion<> done) {
                conflicts_.settled(row);  // resolved, or still a conflict the next sync reports
                if (!done.ok()) {
                    error_(done.error());
                }
                refresh_();
            }));
    } else {
        conflicts_.settled(row);
    }
    if (conflicts_.waiting()) {
        window_.CallAfter([this] { askNext(); });  // one after another, never nested
    }
}

}  // namespace sanad::ui
