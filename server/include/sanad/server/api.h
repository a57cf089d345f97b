#pragma once

#include "sanad/server/admin.h"
#include "sanad/server/options.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sanad::server {

class Database;
class Writer;

/// A request as the HTTP layer hands it over: already read, body at most 64 KiB.
struct ApiRequest {
    std::string method;
    std::string uri;  // path and query, as sent
    std::string authorization;
    std::string host;  // the Host header (the pages' Content-Security-Policy names it)
    std::optional<std::string> idempotencyKey;
    std::optional<std::string> contentType;
    std::string body;
    bool bodyTooLarge = false;  // the body was over the limit and was not read
};

struct ApiResponse {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;

/// The wire contract v1 (DESIGN.md) without the transport: request in, response out. A route
/// table (method + path pattern → handler, server/src/api.cpp) in front of one handler per call;
/// the checks every call passes come first, in the contract's order (401, 403 for a display's
/// token, 413, 415/400, 404, idempotency, rules); every rule comes from core.
/// Thread-safety: handle() and admit() run on many threads at once; writes go through the Writer.
class Api {
public:
    Api(const Database& database, Writer& writer, const ServerOptions& options,
        std::string version);
    ~Api();
    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;

    ApiResponse handle(const ApiRequest& request);

    /// The checks before a call's handler (a readable target, the token, a known path and
    /// method, size, content type): the refusal to send, or none when the request may go on. For
    /// the live feed, whose WebSocket upgrade happens in the HTTP layer.
    std::optional<ApiResponse> admit(const ApiRequest& request);

    /// The device behind an `Authorization: Bearer …` header (its name, role and a display's
    /// queues), or none: an unknown or revoked token. Read from the database on every call, so an
    /// admin's revocation counts from the next request on every instance.
    std::optional<Device> authenticate(std::string_view authorization);

    /// Sets `public_url` (a demo server's own address, known once its socket is bound). Only
    /// before the HTTP server starts: requests read it without a lock.
    void usePublicUrl(std::string url);

    /// Deletes idempotency records older than the retention period; returns how many.
    std::size_t purgeExpiredKeys();

private:
    struct Parts;
    struct Routed;
    Routed route(const ApiRequest& request);

    std::unique_ptr<Parts> parts_;
};

/// Api::authenticate's work on any database: the device behind `Bearer <token>`, or none.
std::optional<Device> authenticateBearer(const Database& database, std::string_view authorization);

/// Makes the practice key on first start and returns it (hex of 32 random bytes).
std::string ensurePracticeKey(const Database& database);

/// Creates the default queue when there is none, and with `demo` the demo data, once.
void seedInitialData(const Database& database, Writer& writer, bool demo);

}  // namespace sanad::server
