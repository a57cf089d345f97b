#pragma once

#include "sanad/core/time.h"
#include "sanad/server/api.h"

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>

namespace sanad::server {

class Database;
class Writer;
class WriteContext;

/// Exactly once per (device, key), as the wire contract says (DESIGN.md, "Wire contract (v1)"):
/// a stored answer is replayed (`Idempotent-Replayed: true`); the same key with another request
/// is 422 `idempotency_key_reused`; a key whose first request is still running is 409
/// `idempotency_in_flight` with `Retry-After`. Otherwise the key is reserved and the effect runs
/// in the same write transaction that stores its answer, so a crash leaves both or neither. A 5xx
/// answer is not kept: its transaction is rolled back and the key is free again.
/// Thread-safety: once() runs on many request threads at once.
class IdempotencyGuard {
public:
    using Effect = std::function<ApiResponse(WriteContext&)>;

    IdempotencyGuard(const Database& database, Writer& writer);

    /// SHA-256 of method, path and the raw body bytes: what "the same request" means.
    static std::string fingerprint(std::string_view method, std::string_view path,
                                   std::string_view body);

    /// True for a key of 1 to 200 visible ASCII characters.
    static bool usableKey(const std::string& key);

    /// Runs `effect` at most once for (device, key); see the class comment.
    ApiResponse once(const std::string& device, const std::string& key,
                     const std::string& fingerprint, const Effect& effect);

    /// Deletes the records made before `cutoff`; returns how many.
    std::size_t purgeBefore(core::Timestamp cutoff);

private:
    const Database& database_;
    Writer& writer_;
    std::mutex inFlightMutex_;
    std::unordered_set<std::string> inFlight_;  // device '\n' key of requests running here
};

}  // namespace sanad::server
