#pragma once

#include "router.h"
#include "sanad/server/api.h"

#include <Poco/URI.h>

#include <optional>
#include <string>
#include <string_view>

namespace sanad::server {

class Database;
class IdempotencyGuard;
class Writer;

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

}  // namespace handlers
}  // namespace sanad::server
