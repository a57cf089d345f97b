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

struct CheckInResponse {  // 201 created / 200 existing
    Ticket ticket;
    CheckInOutcome outcome = CheckInOutcome::Created;
    std::optional<std::string> warning;
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

}  // namespace sanad::core
