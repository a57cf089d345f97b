#pragma once

#include "router.h"
#include "sanad/server/api.h"

#include <Poco/URI.h>

#include <functional>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sanad::server {

class Database;
class IdempotencyGuard;
class Writer;
class WriteContext;

/// What the handlers share: the server's parts and settings. The database, writer and guard are
/// thread-safe; the rest is read-only after start-up.
struct ApiServices {
    const Database& database;
    Writer& writer;
    IdempotencyGuard& idempotency;
    const ServerOptions& options;
    const std::string& version;
    const std::string& practiceKey;
};

/// One request as its handler sees it, after the checks every call passes (DESIGN.md's order:
/// token, size, content type, a readable target). Lives for the handler's run.
struct Call {
    const ApiRequest& request;
    const std::string& path;                  // decoded
    const std::string& device;                // the caller; empty on a public route
    const PathParams& params;                 // the pattern's {name} segments
    const Poco::URI::QueryParameters& query;  // decoded, in the order sent
    const std::vector<std::string>& queues;   // a display's queues; empty: all (a desk)

    /// A path parameter of the route's pattern (empty if the pattern has none of that name).
    const std::string& param(std::string_view name) const;
    /// The request's idempotency key when it sent a usable one.
    bool hasUsableKey() const;
    /// The idempotency fingerprint of this request.
    std::string fingerprint() const;
};

/// The handlers, one file per call group. Each throws core::CodecError for a body that does not
/// decode (the Api answers 400) and StorageError when the storage fails (503).
namespace handlers {

// status.cpp
ApiResponse health(ApiServices& services, const Call& call);
ApiResponse config(ApiServices& services, const Call& call);
ApiResponse liveWithoutUpgrade(ApiServices& services, const Call& call);

// queues.cpp
ApiResponse queues(ApiServices& services, const Call& call);
ApiResponse tickets(ApiServices& services, const Call& call);
ApiResponse changes(ApiServices& services, const Call& call);

// check_in.cpp
ApiResponse checkIn(ApiServices& services, const Call& call);

// transitions.cpp
ApiResponse transition(ApiServices& services, const Call& call);

// number_blocks.cpp
ApiResponse numberBlocks(ApiServices& services, const Call& call);

// check_in.cpp (v1.1)
ApiResponse deskCheckIn(ApiServices& services, const Call& call);

// cards.cpp (v1.1)
ApiResponse getCard(ApiServices& services, const Call& call);
ApiResponse putCard(ApiServices& services, const Call& call);
ApiResponse deleteCard(ApiServices& services, const Call& call);

// tickets.cpp (v1.1)
ApiResponse ticket(ApiServices& services, const Call& call);
ApiResponse history(ApiServices& services, const Call& call);
ApiResponse edit(ApiServices& services, const Call& call);

// stats.cpp (v1.1)
ApiResponse stats(ApiServices& services, const Call& call);

// public.cpp (issue 15): the patient's page and the displays
ApiResponse publicTicket(ApiServices& services, const Call& call);
ApiResponse displayCalls(ApiServices& services, const Call& call);
ApiResponse statusPage(ApiServices& services, const Call& call);
ApiResponse displayPage(ApiServices& services, const Call& call);
ApiResponse webFile(ApiServices& services, const Call& call);

// keys.cpp: calls whose idempotency key is optional (honoured when given). The refusal of a key
// that was sent but is not usable (400), or none; then the effect, once per key when keyed.
std::optional<ApiResponse> refuseOptionalKey(const Call& call);
ApiResponse runOptionallyKeyed(ApiServices& services, const Call& call,
                               const std::function<ApiResponse(WriteContext&)>& effect);

}  // namespace handlers
}  // namespace sanad::server
