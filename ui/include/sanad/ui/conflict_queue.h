#pragma once

#include "sanad/core/console_core.h"

#include <deque>
#include <optional>
#include <set>
#include <string>

namespace sanad::ui {

/// The conflicts waiting for the receptionist, asked one after another: a conflict whose outbox
/// row is already queued, on screen or being resolved is ignored (the sync thread reports it on
/// every pass until it is answered). A plain value; one thread (the window's).
class ConflictQueue {
public:
    /// Queues a reported conflict; false when its row is already known.
    bool add(const core::ConflictReport& conflict);
    /// The next conflict to ask, unless one is on screen (then none until closed()).
    std::optional<core::ConflictReport> take();
    /// The dialog of the conflict taken last has closed.
    void closed() { asking_ = false; }
    /// The row's conflict is settled (answered and resolved, or dismissed): a new report of it
    /// is a new conflict.
    void settled(const std::string& rowId) { rows_.erase(rowId); }
    /// Whether a conflict waits to be asked.
    bool waiting() const { return !queue_.empty(); }
    bool asking() const { return asking_; }

private:
    std::deque<core::ConflictReport> queue_;
    std::set<std::string> rows_;  // queued, on screen, or being resolved
    bool asking_ = false;
};

}  // namespace sanad::ui
