#pragma once

#include <string_view>

namespace sanad::core {

/// What an attempt to deliver a change came to; decides what the sync engine does next.
enum class OutcomeClass {
    Success,        // 2xx: the change is through (created, existing, applied, server_wins, …)
    NetworkLoss,    // no answer at all: wait for connectivity, do not count an attempt
    ServerFailure,  // 500 and the other 5xx (not 502-504), 408, or an answer that is not the
                    // contract: this request fails on this server; back off, counts an attempt
    Unavailable,    // 502, 503, 504, 429: the server (or a proxy before it) is away for now;
                    // wait (Retry-After, else the backoff), never counts, never fails the change
    InFlight,       // 409 idempotency_in_flight: the same key is being processed; wait as for
                    // Unavailable
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
