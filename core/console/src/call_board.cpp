#include "sanad/core/call_board.h"

#include <algorithm>
#include <cstddef>

namespace sanad::core {

std::optional<DisplayCall> callOf(const std::optional<Ticket>& before, const Ticket& after,
                                  const std::string& queueName) {
    if (after.status != TicketStatus::Called || !after.calledAt) {
        return std::nullopt;
    }
    if (before && before->status == TicketStatus::Called && before->calledAt == after.calledAt) {
        return std::nullopt;  // the same call again (an edit, the server's copy of our own call)
    }
    return DisplayCall{after.id,   after.number,   after.queueId,  queueName,
                       after.room, after.priority, *after.calledAt};
}

bool CallBoard::shows(const std::string& queueId) const {
    return queues_.empty() || queues_.count(queueId) > 0;
}

bool CallBoard::add(const DisplayCall& call) {
    if (!shows(call.queueId)) {
        return false;
    }
    const auto same = std::find_if(calls_.begin(), calls_.end(), [&](const DisplayCall& c) {
        return c.ticketId == call.ticketId;
    });
    if (same != calls_.end()) {
        if (same->calledAt >= call.calledAt) {
            return false;  // this call, or an older one of a ticket recalled since
        }
        calls_.erase(same);  // a recall: the ticket goes to the top again
    }
    // Newest first by called_at: a call the catch-up brings late takes its place in time.
    const auto at = std::find_if(calls_.begin(), calls_.end(),
                                 [&](const DisplayCall& c) { return c.calledAt < call.calledAt; });
    if (at - calls_.begin() >= static_cast<std::ptrdiff_t>(kShown)) {
        return false;  // older than everything shown
    }
    calls_.insert(at, call);
    if (calls_.size() > kShown) {
        calls_.resize(kShown);
    }
    return true;
}

std::optional<DisplayCall> CallBoard::current() const {
    if (calls_.empty()) {
        return std::nullopt;
    }
    return calls_.front();
}

void CallBoard::setQueues(std::set<std::string> queues) {
    queues_ = std::move(queues);
    std::erase_if(calls_, [this](const DisplayCall& c) { return !shows(c.queueId); });
}

std::set<std::string> parseQueueList(const std::string& list) {
    std::set<std::string> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t end = list.find(',', start);
        if (end == std::string::npos) {
            end = list.size();
        }
        std::string item = list.substr(start, end - start);
        const auto first = item.find_first_not_of(" \t");
        const auto last = item.find_last_not_of(" \t");
        if (first != std::string::npos) {
            out.insert(item.substr(first, last - first + 1));
        }
        start = end + 1;
    }
    return out;
}

}  // namespace sanad::core
