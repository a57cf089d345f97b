#pragma once

#include "sanad/core/check_in.h"
#include "sanad/core/ticket.h"
#include "sanad/core/time.h"
#include "sanad/core/transition.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sanad::core {

/// The bodies of the wire contract v1 (DESIGN.md) that are not domain types themselves. Requests
/// reuse CheckIn and Transition. Plain values; the JSON mapping lives in codec.h.

struct HealthResponse {  // GET /api/health
    std::string status = "ok";
    Timestamp serverTime{};
    std::string version;
    bool operator==(const HealthResponse&) const = default;
};

struct ConfigResponse {       // GET /api/config
    std::string practiceKey;  // hex
    std::int64_t checkinWindowS = 300;
    std::int64_t idempotencyRetentionH = 72;
    Timestamp serverTime{};
    std::optional<std::string> publicUrl;  // v1.1: where phones and displays reach the server
    bool operator==(const ConfigResponse&) const = default;
};

struct QueuesResponse {  // GET /api/queues
    std::vector<Queue> queues;
    Timestamp serverTime{};
    bool operator==(const QueuesResponse&) const = default;
};

struct TicketsResponse {  // GET /api/queues/{id}/tickets
    std::vector<Ticket> tickets;
    std::int64_t seq = 0;
    Timestamp serverTime{};
    bool operator==(const TicketsResponse&) const = default;
};

struct Change {
    std::int64_t seq = 0;
    Ticket ticket;
    bool operator==(const Change&) const = default;
};

struct ChangesResponse {  // GET /api/changes?since=N
    std::vector<Change> changes;
    std::int64_t seq = 0;  // latest
    bool more = false;
    bool operator==(const ChangesResponse&) const = default;
};

enum class CheckInOutcome { Created, Existing };
std::string_view toString(CheckInOutcome outcome);

inline constexpr std::string_view kWarningSameCardOtherDevice = "same_card_other_device";

/// v1.1: the other desk's ticket behind a `same_card_other_device` warning.
struct WarningDetail {
    std::string device;  // the other desk's name
    std::string number;
    Timestamp checkedInAt{};
    bool operator==(const WarningDetail&) const = default;
};

struct CheckInResponse {  // 201 created / 200 existing (card taps and walk-ins alike)
    Ticket ticket;
    CheckInOutcome outcome = CheckInOutcome::Created;
    std::optional<std::string> warning;
    std::optional<WarningDetail> warningDetail;
    bool operator==(const CheckInResponse&) const = default;
};

struct TransitionResponse {  // 200
    Ticket ticket;
    Resolution resolution = Resolution::Applied;
    bool operator==(const TransitionResponse&) const = default;
};

struct ConflictResponse {  // 409 {"error":"conflict",…}
    ConflictRule rule = ConflictRule::CancelledVsInProgress;
    Ticket server;
    Transition requested;
    bool operator==(const ConflictResponse&) const = default;
};

struct NumberBlockRequest {  // POST /api/number-blocks
    std::string queueId;
    std::int64_t size = 0;
    bool operator==(const NumberBlockRequest&) const = default;
};

struct NumberBlockResponse {  // 201
    std::string queueId;
    std::vector<std::string> numbers;
    bool operator==(const NumberBlockResponse&) const = default;
};

enum class LiveFrameType { Hello, Change };

struct LiveFrame {  // GET /api/live text frames
    LiveFrameType type = LiveFrameType::Hello;
    std::int64_t seq = 0;
    std::optional<Ticket> ticket;  // change frames only
    bool operator==(const LiveFrame&) const = default;
};

struct ErrorResponse {  // every error: {"error": code, "message": text}
    std::string error;
    std::string message;
    bool operator==(const ErrorResponse&) const = default;
};

// --- wire contract v1.1 ---

/// A member of a partial update: absent (nullopt: stays), null (a nullopt inside: clears), or a
/// value.
template <typename T>
using Patch = std::optional<std::optional<T>>;

/// `POST /api/desk/check-in`: a walk-in without a card (`source: "desk"`).
struct DeskCheckIn {
    std::string ticketId;  // UUID made by the console
    std::string queueId;
    Timestamp checkedInAt{};  // absent or null: the server's receive time
    std::optional<std::string> number;
    std::optional<std::string> patient;
    std::optional<std::string> patientId;
    Priority priority = Priority::Normal;  // absent or null: normal
    std::optional<std::string> note;
    bool operator==(const DeskCheckIn&) const = default;
};

/// A registered card: the name (and patient id) later taps carry.
struct Card {
    std::string cardRef;
    std::optional<std::string> patient;
    std::optional<std::string> patientId;
    Timestamp updatedAt{};
    bool operator==(const Card&) const = default;
};

struct CardResponse {  // GET /api/cards/{card_ref}
    Card card;
    bool operator==(const CardResponse&) const = default;
};

/// `PUT /api/cards/{card_ref}` replaces: an absent member is null.
struct CardRegistration {
    std::optional<std::string> patient;
    std::optional<std::string> patientId;
    bool operator==(const CardRegistration&) const = default;
};

struct CardRegisteredResponse {  // 200 {"card", "tickets"}: today's open tickets of the card
    Card card;
    std::vector<Ticket> tickets;
    bool operator==(const CardRegisteredResponse&) const = default;
};

/// `POST /api/tickets/{id}/edits`: absent members stay, null clears; a new queue is a transfer.
struct TicketEdit {
    std::int64_t baseVersion = 0;
    std::optional<Timestamp> at;        // the click's time (bounded like every client time)
    std::optional<Priority> priority;   // null is 400
    Patch<std::string> note;
    Patch<std::string> patient;
    Patch<std::string> patientId;
    std::optional<std::string> queueId;  // null is 400
    bool operator==(const TicketEdit&) const = default;
};

using EditResponse = TransitionResponse;  // {"ticket", "resolution": applied | server_wins}

struct TicketResponse {  // GET /api/tickets/{id}
    Ticket ticket;
    bool operator==(const TicketResponse&) const = default;
};

struct HistoryEntry {
    std::int64_t seq = 0;
    Timestamp at{};      // when the version was committed
    std::string device;  // the name of the device whose request made it
    Ticket ticket;       // the ticket as committed
    bool operator==(const HistoryEntry&) const = default;
};

struct HistoryResponse {  // GET /api/tickets/{id}/history, oldest first
    std::vector<HistoryEntry> history;
    bool operator==(const HistoryResponse&) const = default;
};

struct HourStats {
    std::int64_t hour = 0;  // local hour 0–23
    std::int64_t checkedIn = 0;
    std::optional<double> waitMedianMin;
    bool operator==(const HourStats&) const = default;
};

struct QueueStats {
    std::string queueId;
    std::int64_t checkedIn = 0;
    std::int64_t completed = 0;
    std::int64_t noShow = 0;
    std::int64_t cancelled = 0;
    std::int64_t open = 0;
    std::optional<double> waitMedianMin;  // check-in to first call; null without calls
    std::optional<double> waitP90Min;
    std::vector<HourStats> byHour;
    bool operator==(const QueueStats&) const = default;
};

struct StatsResponse {  // GET /api/stats?day=YYYY-MM-DD[&queue_id=]
    std::string day;
    std::vector<QueueStats> queues;
    bool operator==(const StatsResponse&) const = default;
};

}  // namespace sanad::core
