#pragma once

#include "sanad/server/options.h"

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
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

/// The wire contract v1 (DESIGN.md) without the transport: request in, response out. Checks in the
/// contract's order (401, 413, 415/400, 404, idempotency, rules); every rule comes from core.
/// Thread-safety: handle() runs on many HTTP threads at once; writes go through the Writer.
class Api {
public:
    Api(const Database& database, Writer& writer, const ServerOptions& options,
        std::string version);

    ApiResponse handle(const ApiRequest& request);

    /// The device behind an `Authorization: Bearer …` header, or none. Compares token hashes in
    /// constant time; reloads the device list when a token is not known (a device added since).
    std::optional<std::string> authenticate(std::string_view authorization);

    /// Deletes idempotency records older than the retention period; returns how many.
    std::size_t purgeExpiredKeys();

private:
    struct Device {
        std::string id;
        std::string tokenHash;
    };
    struct Route;

    ApiResponse health() const;
    ApiResponse config(const std::string& device);
    ApiResponse queues();
    ApiResponse tickets(const std::string& queueId, bool all);
    ApiResponse changes(std::string_view query);
    ApiResponse checkIn(const ApiRequest& request, const std::string& device);
    ApiResponse transition(const ApiRequest& request, const std::string& device,
                           const std::string& ticketId);
    ApiResponse numberBlocks(const ApiRequest& request, const std::string& device);

    /// Runs `effect` exactly once per (device, key): replays a stored answer, refuses a reused key
    /// with another body or a key still in flight, else reserves the key and runs the effect in
    /// the same write transaction that stores its answer.
    template <typename Effect>
    ApiResponse once(const ApiRequest& request, const std::string& device, Effect effect);

    const Database& database_;
    Writer& writer_;
    ServerOptions options_;
    std::string version_;
    std::string practiceKey_;

    std::mutex devicesMutex_;
    std::vector<Device> devices_;

    std::mutex inFlightMutex_;
    std::unordered_set<std::string> inFlight_;
};

/// Makes the practice key on first start and returns it (hex of 32 random bytes).
std::string ensurePracticeKey(const Database& database);

/// Creates the default queue when there is none, and with `demo` the demo data, once.
void seedInitialData(const Database& database, Writer& writer, bool demo);

/// Registers a device; returns its token (shown once, only its SHA-256 is kept). Throws
/// StorageError when the name is taken, core::Error when it is not a usable name.
std::string addDevice(const Database& database, const std::string& name);

/// The demo cards: raw UIDs (hex) and names. The console's "simulate card" taps these.
struct DemoCard {
    const char* uidHex;
    const char* name;
};
const std::vector<DemoCard>& demoCards();

}  // namespace sanad::server
