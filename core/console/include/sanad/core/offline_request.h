#pragma once

#include "sanad/core/problem.h"
#include "sanad/core/time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sanad::core {

/// Where an outbox row stands.
enum class OutboxStatus {
    Pending,   // waiting to be sent (first time, or after network loss)
    Retrying,  // a server failure happened; waits for next_attempt_at
    Failed,    // permanent error or attempts used up; the receptionist retries or discards
    Synced,    // the server has it
    Conflict,  // parked: the receptionist decides in the conflict dialog
};

std::string_view toString(OutboxStatus status);
std::optional<OutboxStatus> parseOutboxStatus(std::string_view text);

/// One change waiting in the console's outbox (DESIGN.md, Console internals). `id` is also the
/// idempotency key of every attempt to send it.
struct OfflineRequest {
    std::string id;        // UUID v4, made once
    std::int64_t seq = 0;  // order of creation in this outbox
    std::string endpoint;  // e.g. "/api/nfc/check-in"
    std::string method = "POST";
    std::string body;      // the exact bytes sent every time (the server fingerprints them)
    std::string ticketId;  // changes of one ticket are sent in order
    Timestamp createdAt{};
    int retryCount = 0;
    std::optional<Timestamp> nextAttemptAt;
    OutboxStatus status = OutboxStatus::Pending;
    std::optional<std::string> lastError;  // English, for logs and support
    std::optional<ProblemKind> problem;    // why a failed row failed, for the receptionist's words

    bool operator==(const OfflineRequest&) const = default;
};

}  // namespace sanad::core
