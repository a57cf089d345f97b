#pragma once

#include <string_view>

namespace sanad::core {

/// What an attempt to deliver a change came to; decides what the sync engine does next.
enum class OutcomeClass {
    Success,        // 2xx: the change is through (created, existing, applied, server_wins, …)
    NetworkLoss,    // no answer at all: wait for connectivity, do not count an attempt
    ServerFailure,  // 5xx, 429, 408, or an answer that is not the contract: back off, counts
    InFlight,       // 409 idempotency_in_flight: the same key is being processed; back off, counts
    Conflict,       // 409 conflict: park the change and ask the receptionist
    Permanent,      // any other 4xx (or 1xx/3xx): failed, shown with retry and discard
};

std::string_view toString(OutcomeClass outcome);

/// Classifies an HTTP answer by its status and the `error` code of its body (empty if none).
OutcomeClass classifyHttp(int status, std::string_view errorCode);

/// Whether this outcome uses up one of the retry policy's attempts.
bool countsAsAttempt(OutcomeClass outcome);

/// Whether the change should be sent again later by the engine on its own.
bool isRetryable(OutcomeClass outcome);

}  // namespace sanad::core
