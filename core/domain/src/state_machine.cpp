#include "sanad/core/state_machine.h"

namespace sanad::core {

bool isValidTransition(TicketStatus from, TicketStatus to) {
    using S = TicketStatus;
    switch (from) {
        case S::Waiting:
            return to == S::Called || to == S::Cancelled;
        case S::Called:
            return to == S::Called || to == S::InProgress || to == S::Cancelled ||
                   to == S::NoShow || to == S::Waiting;
        case S::InProgress:
            return to == S::Completed;
        case S::NoShow:
            return to == S::Waiting;
        case S::Completed:
        case S::Cancelled:
            return false;
    }
    return false;
}

std::vector<TicketStatus> allowedTransitions(TicketStatus from) {
    std::vector<TicketStatus> result;
    for (TicketStatus to : kAllStatuses) {
        if (isValidTransition(from, to)) {
            result.push_back(to);
        }
    }
    return result;
}

}  // namespace sanad::core
