#include "sanad/core/check_in.h"

namespace sanad::core {

CheckInVerdict decideCheckIn(std::span<const Ticket> cardTickets, std::string_view deviceId,
                             Timestamp tapTime, std::chrono::seconds window) {
    const Ticket* sameDevice = nullptr;
    const Ticket* otherDevice = nullptr;
    for (const Ticket& ticket : cardTickets) {
        if (!isOpen(ticket.status)) {
            continue;
        }
        const auto distance = tapTime >= ticket.checkedInAt ? tapTime - ticket.checkedInAt
                                                            : ticket.checkedInAt - tapTime;
        if (distance > window) {
            continue;
        }
        // Of several candidates the most recent check-in is the one a person remembers.
        const Ticket*& slot = ticket.deviceId == deviceId ? sameDevice : otherDevice;
        if (slot == nullptr || ticket.checkedInAt > slot->checkedInAt) {
            slot = &ticket;
        }
    }
    if (sameDevice != nullptr) {
        return {CheckInDecision::ReturnExisting, *sameDevice};
    }
    if (otherDevice != nullptr) {
        return {CheckInDecision::CreateWithWarning, *otherDevice};
    }
    return {CheckInDecision::Create, std::nullopt};
}

}  // namespace sanad::core
