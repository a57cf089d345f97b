#pragma once

#include "sanad/core/ticket.h"
#include "sanad/core/time.h"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sanad::core {

/// One call for the waiting room (DESIGN.md, "Waiting-room display, native"): what a display
/// and an announcement may show. Never the patient's name, card or note: they are not here.
struct DisplayCall {
    std::string ticketId;
    std::string number;  // "A017"
    std::string queueId;
    std::string queueName;
    std::optional<std::string> room;  // as the desk set it: "2", "Zimmer 2"
    Priority priority = Priority::Normal;
    Timestamp calledAt{};

    bool operator==(const DisplayCall&) const = default;
};

/// The call a ticket's change makes, if any: `after` is called and `before` (the desk's copy
/// before the change; none when it had none) was not called or was called at another time (a
/// recall). Pure.
std::optional<DisplayCall> callOf(const std::optional<Ticket>& before, const Ticket& after,
                                  const std::string& queueName);

/// What a waiting-room display shows: the last calls, newest first (by called_at); a recall moves
/// its ticket to the top (one line per ticket). With a queue filter, calls of other queues are
/// left out.
/// Pure value type; thread-safety: none (one thread at a time).
class CallBoard {
public:
    static constexpr std::size_t kShown = 5;

    /// `queues`: the queue ids shown; empty for all.
    explicit CallBoard(std::set<std::string> queues = {}) : queues_(std::move(queues)) {}

    /// Adds a call; false when nothing changed, so nothing is to be announced: the filter leaves
    /// it out, the board has this very call (the same ticket and called_at) or a later one of
    /// the ticket, or it is older than all kShown calls shown.
    bool add(const DisplayCall& call);
    /// The calls shown, newest first (at most kShown); front() is the current one.
    const std::vector<DisplayCall>& calls() const { return calls_; }
    std::optional<DisplayCall> current() const;
    bool shows(const std::string& queueId) const;
    void setQueues(std::set<std::string> queues);

private:
    std::set<std::string> queues_;
    std::vector<DisplayCall> calls_;
};

/// The queue ids of a comma list ("general, lab" → {general, lab}); empty means all.
std::set<std::string> parseQueueList(const std::string& list);

}  // namespace sanad::core
