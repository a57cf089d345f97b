#pragma once

#include "sanad/core/time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sanad::core {

/// A ticket's place in the status machine (DESIGN.md, Domain).
enum class TicketStatus { Waiting, Called, InProgress, Completed, Cancelled, NoShow };

/// The wire name: "waiting", "called", "in_progress", "completed", "cancelled", "no_show".
std::string_view toString(TicketStatus status);
/// The inverse of toString; nullopt for any other text (case-sensitive).
std::optional<TicketStatus> parseTicketStatus(std::string_view text);
/// Open tickets are waiting, called and in_progress: they count in `ticket_count` and are the
/// ones the check-in rules look at.
bool isOpen(TicketStatus status);
/// Waiting and called tickets have a `position` in their queue.
bool hasPosition(TicketStatus status);

/// One patient's place in one queue on one day. A plain value; the server owns `version`.
struct Ticket {
    std::string id;      // UUID, made by whoever creates the ticket
    std::string number;  // "A017": queue code + at least 3 digits
    std::string queueId;
    TicketStatus status = TicketStatus::Waiting;
    std::optional<std::int64_t> position;  // 1-based among waiting and called, by checked_in_at
    std::optional<std::string> patient;    // display name, or none
    std::optional<std::string> cardRef;    // HMAC of the card UID, never the UID
    std::string deviceId;
    std::optional<std::string> room;
    std::int64_t version = 1;
    Timestamp checkedInAt{};
    Timestamp createdAt{};
    Timestamp updatedAt{};
    std::optional<Timestamp> calledAt;
    std::optional<Timestamp> completedAt;

    bool operator==(const Ticket&) const = default;
};

/// A waiting list with its one-letter-or-more number prefix.
struct Queue {
    std::string id;
    std::string name;
    std::string code;              // prefix of its ticket numbers, e.g. "A"
    std::int64_t ticketCount = 0;  // open tickets today

    bool operator==(const Queue&) const = default;
};

}  // namespace sanad::core
