#pragma once

#include "sanad/core/ticket.h"
#include "sanad/core/time.h"

#include <chrono>
#include <optional>
#include <span>
#include <string>

namespace sanad::core {

/// A card tap turned into a check-in request (`POST /api/nfc/check-in`).
struct CheckIn {
    std::string ticketId;  // UUID made by the console, so an offline ticket keeps its identity
    std::string queueId;
    std::string cardRef;
    Timestamp checkedInAt{};            // the time of the tap, possibly long before the request
    std::optional<std::string> number;  // a leased number, or none (server assigns)

    bool operator==(const CheckIn&) const = default;
};

inline constexpr std::chrono::seconds kDefaultCheckInWindow{300};

enum class CheckInDecision {
    Create,             // new ticket
    ReturnExisting,     // same card, same device, within the window: no new ticket
    CreateWithWarning,  // same card, other device, within the window: new ticket + warning
};

struct CheckInVerdict {
    CheckInDecision decision = CheckInDecision::Create;
    /// ReturnExisting: the ticket to return. CreateWithWarning: the other device's ticket.
    std::optional<Ticket> related;
};

/// The check-in rules (seed 5.1, DESIGN.md). `cardTickets` are today's tickets of the same card
/// (any queue, any status; closed ones are ignored); the window is measured between their
/// `checkedInAt` and `tapTime`, in either direction (an offline tap may arrive late). This
/// device's rule wins over another device's. Pure.
CheckInVerdict decideCheckIn(std::span<const Ticket> cardTickets, std::string_view deviceId,
                             Timestamp tapTime, std::chrono::seconds window);

}  // namespace sanad::core
