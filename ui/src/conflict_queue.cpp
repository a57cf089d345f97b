#include "sanad/ui/conflict_queue.h"

namespace sanad::ui {

bool ConflictQueue::add(const core::ConflictReport& conflict) {
    if (!rows_.insert(conflict.rowId).second) {
        return false;  // already waiting for an answer
    }
    queue_.push_back(conflict);
    return true;
}

std::optional<core::ConflictReport> ConflictQueue::take() {
    if (asking_ || queue_.empty()) {
        return std::nullopt;
    }
    asking_ = true;
    core::ConflictReport next = std::move(queue_.front());
    queue_.pop_front();
    return next;
}

}  // namespace sanad::ui
