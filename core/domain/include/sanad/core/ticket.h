#pragma once

#include "sanad/core/time.h"

#include <cstddef>
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

/// Urgent tickets stand before normal ones in their queue's line (wire contract v1.1).
enum class Priority { Normal, Urgent };
/// "normal" / "urgent"; parsePriority is the inverse (nullopt for anything else).
std::string_view toString(Priority priority);
std::optional<Priority> parsePriority(std::string_view text);

/// How a ticket came to be: a card tap, or a walk-in the desk checked in without a card.
enum class TicketSource { Card, Desk };
std::string_view toString(TicketSource source);
std::optional<TicketSource> parseTicketSource(std::string_view text);

/// Bounds of the v1.1 text members (in characters, i.e. Unicode code points of UTF-8 text).
inline constexpr std::size_t kMaxNoteChars = 500;
inline constexpr std::size_t kMaxPatientIdChars = 64;
inline constexpr std::size_t kMaxPatientNameChars = 200;
/// Code points of UTF-8 text (an invalid byte counts as one).
std::size_t utf8Length(std::string_view text);

/// One patient's place in one queue on one day. A plain value; the server owns `version`.
struct Ticket {
    std::string id;      // UUID, made by whoever creates the ticket
    std::string number;  // "A017": queue code + at least 3 digits
    std::string queueId;
    TicketStatus status = TicketStatus::Waiting;
    std::optional<std::int64_t> position;  // 1-based among waiting and called (standsBefore)
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
    // wire contract v1.1
    Priority priority = Priority::Normal;
    std::optional<std::string> note;       // desks only: never on a display or the patient page
    std::optional<std::string> patientId;  // the practice system's patient number
    TicketSource source = TicketSource::Card;
    Timestamp queuedAt{};  // when it joined its current queue's line (check-in or transfer)
    // derived when read (never stored, never a change): null unless waiting
    std::optional<std::int64_t> waitingAhead;
    std::optional<std::int64_t> estimatedWaitMin;

    bool operator==(const Ticket&) const = default;
};

/// The line's order (v1.1): urgent before normal, then by `queued_at`, then by id (a total
/// order, so every reader computes the same positions). True when `a` stands before `b`.
bool standsBefore(const Ticket& a, const Ticket& b);

/// A waiting list with its one-letter-or-more number prefix.
struct Queue {
    std::string id;
    std::string name;
    std::string code;              // prefix of its ticket numbers, e.g. "A"
    std::int64_t ticketCount = 0;  // open tickets today

    bool operator==(const Queue&) const = default;
};

}  // namespace sanad::core
