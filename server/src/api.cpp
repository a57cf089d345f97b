#include "sanad/server/api.h"

#include "handlers/handlers.h"
#include "idempotency_guard.h"
#include "repository.h"
#include "responses.h"
#include "router.h"
#include "sanad/core/crypto.h"
#include "sanad/core/error.h"
#include "sanad/server/database.h"

#include <Poco/Logger.h>
#include <Poco/String.h>

namespace sanad::server {
namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.api");
}

/// The route table of the wire contract (DESIGN.md). A new call is one line here and a handler.
void addRoutes(Router& router) {
    using namespace handlers;
    router.add({"GET", "/api/health", health, Body::None, Access::Public});
    router.add({"GET", "/api/config", config});
    router.add({"GET", "/api/queues", queues});
    router.add({"GET", "/api/queues/{id}/tickets", tickets});
    router.add({"GET", "/api/changes", changes});
    router.add({"POST", "/api/nfc/check-in", checkIn, Body::Json});
    router.add({"POST", "/api/tickets/{id}/transitions", transition, Body::Json});
    router.add({"POST", "/api/number-blocks", numberBlocks, Body::Json});
    // v1.1: the whole front-desk day
    router.add({"POST", "/api/desk/check-in", deskCheckIn, Body::Json});
    router.add({"GET", "/api/cards/{card_ref}", getCard});
    router.add({"PUT", "/api/cards/{card_ref}", putCard, Body::Json});
    router.add({"DELETE", "/api/cards/{card_ref}", deleteCard});
    router.add({"GET", "/api/tickets/{id}", ticket});
    router.add({"GET", "/api/tickets/{id}/history", history});
    router.add({"POST", "/api/tickets/{id}/edits", edit, Body::Json});
    router.add({"GET", "/api/stats", stats});
    // Reached only without a WebSocket handshake; the upgrade itself is the HttpServer's.
    router.add({"GET", "/api/live", liveWithoutUpgrade});
    // Issue 15: the patient's page (no token) and the waiting-room displays (a display token;
    // the display's live socket takes it after the upgrade, so its path is public here).
    router.add({"GET", "/api/public/tickets/{token}", publicTicket, Body::None, Access::Public});
    router.add({"GET", "/api/public/live/{token}", liveWithoutUpgrade, Body::None, Access::Public});
    router.add({"GET", "/api/display/calls", displayCalls, Body::None, Access::Display});
    router.add({"GET", "/api/display/live", liveWithoutUpgrade, Body::None, Access::Public});
    router.add({"GET", "/t/{token}", statusPage, Body::None, Access::Public});
    router.add({"GET", "/display", displayPage, Body::None, Access::Public});
    router.add({"GET", "/web/{file}", webFile, Body::None, Access::Public});
}

bool isJsonContentType(const std::optional<std::string>& contentType) {
    if (!contentType) {
        return false;
    }
    std::string type = contentType->substr(0, contentType->find(';'));
    Poco::trimInPlace(type);
    return Poco::icompare(type, "application/json") == 0;
}

/// Runs `work` and turns what it throws into the contract's answers.
template <typename Work>
auto answering(Work&& work) -> decltype(work()) {
    try {
        return work();
    } catch (const core::CodecError& e) {
        return reply::fieldError(e);
    } catch (const StorageError& e) {
        logger().error("storage: %s", e.displayText());
        return reply::storageUnavailable();
    } catch (const Poco::Exception& e) {
        logger().error("request failed: %s", e.displayText());
        return reply::internalError();
    } catch (const std::exception& e) {
        logger().error("request failed: %s", std::string(e.what()));
        return reply::internalError();
    }
}

}  // namespace

struct Api::Parts {
    Parts(const Database& db, Writer& writer, const ServerOptions& serverOptions,
          std::string serverVersion)
        : database(db),
          options(serverOptions),
          version(std::move(serverVersion)),
          practiceKey(ensurePracticeKey(db)),
          idempotency(db, writer),
          services{db, writer, idempotency, options, version, practiceKey} {
        addRoutes(router);
    }

    const Database& database;
    ServerOptions options;  // changed only by usePublicUrl, before any request is served
    const std::string version;
    const std::string practiceKey;
    IdempotencyGuard idempotency;
    ApiServices services;
    Router router;
};

/// A request after the checks before its handler: a refusal, or everything the handler needs.
struct Api::Routed {
    std::optional<ApiResponse> refusal;
    const Route* route = nullptr;
    PathParams params;
    std::string path;
    std::string device;
    std::vector<std::string> queues;
    Poco::URI::QueryParameters query;
};

const std::string& Call::param(std::string_view name) const {
    static const std::string none;
    for (const auto& [key, value] : params) {
        if (key == name) {
            return value;
        }
    }
    return none;
}

bool Call::hasUsableKey() const {
    return request.idempotencyKey && IdempotencyGuard::usableKey(*request.idempotencyKey);
}

std::string Call::fingerprint() const {
    return IdempotencyGuard::fingerprint(request.method, path, request.body);
}

Api::Api(const Database& database, Writer& writer, const ServerOptions& options,
         std::string version)
    : parts_(std::make_unique<Parts>(database, writer, options, std::move(version))) {}

Api::~Api() = default;

void Api::usePublicUrl(std::string url) {
    parts_->options.publicUrl = std::move(url);
}

std::optional<Device> Api::authenticate(std::string_view authorization) {
    return authenticateBearer(parts_->database, authorization);
}

std::optional<Device> authenticateBearer(const Database& database, std::string_view authorization) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization.size() <= kBearer.size() ||
        Poco::icompare(std::string(authorization.substr(0, kBearer.size())),
                       std::string(kBearer)) != 0) {
        return std::nullopt;
    }
    std::string token(authorization.substr(kBearer.size()));
    Poco::trimInPlace(token);
    if (token.empty()) {
        return std::nullopt;
    }
    // One primary-key read per request, no cache: a device revoked (or added) by the admin on
    // the database counts from the next request, on every instance. Looking up the SHA-256 of
    // the token tells nothing through timing: nobody can steer a hash towards a stored one.
    auto session = database.readSession();
    std::optional<repo::DeviceRow> row = repo::activeDevice(*session, core::sha256Hex(token));
    if (!row) {
        return std::nullopt;
    }
    Device device;
    device.name = std::move(row->name);
    // A role this server does not know gets the least rights.
    device.role = parseDeviceRole(row->role).value_or(DeviceRole::Display);
    if (device.role == DeviceRole::Display) {
        device.queues = repo::splitQueues(row->queues);  // empty: every queue
    }
    return device;
}

Api::Routed Api::route(const ApiRequest& request) {
    Routed routed;
    Poco::URI uri;
    try {
        uri = Poco::URI(request.uri);  // decodes the path
    } catch (const Poco::Exception&) {
        routed.refusal = reply::badRequest("the request target is not a valid URI");
        return routed;
    }
    routed.path = uri.getPath();
    Router::Match match = parts_->router.match(request.method, Router::split(routed.path));

    // 401 before anything else (but for the public health check), then 403 for a display's
    // token on anything but the display's reads (an unknown path included: it learns nothing).
    if (!match.publicPath) {
        std::optional<Device> device = authenticate(request.authorization);
        if (!device) {
            routed.refusal = reply::unauthorized();
            return routed;
        }
        if (device->role == DeviceRole::Display &&
            (match.route == nullptr || match.route->access != Access::Display)) {
            routed.refusal = reply::forbidden();
            return routed;
        }
        routed.device = std::move(device->name);
        routed.queues = std::move(device->queues);
    }
    if (match.allowed.empty()) {
        routed.refusal = reply::noSuchCall(routed.path);
    } else if (match.route == nullptr) {
        routed.refusal = reply::methodNotAllowed(match.allowed);
    } else if (request.bodyTooLarge) {
        routed.refusal = reply::payloadTooLarge();
    } else if (match.route->body == Body::Json && !isJsonContentType(request.contentType)) {
        routed.refusal = reply::unsupportedMediaType();
    } else {
        try {
            routed.query = uri.getQueryParameters();
        } catch (const Poco::SyntaxException&) {
            // Bug 8: a bad escape (`%zz`) is the client's error, not the server's.
            routed.refusal = reply::badRequest("the query is not valid percent-encoding");
        }
    }
    routed.route = match.route;
    routed.params = std::move(match.params);
    return routed;
}

ApiResponse Api::handle(const ApiRequest& request) {
    return answering([&]() -> ApiResponse {
        const Routed routed = route(request);
        if (routed.refusal) {
            return *routed.refusal;
        }
        const Call call{request,       routed.path,  routed.device,
                        routed.params, routed.query, routed.queues};
        return routed.route->handler(parts_->services, call);
    });
}

std::optional<ApiResponse> Api::admit(const ApiRequest& request) {
    return answering([&]() -> std::optional<ApiResponse> { return route(request).refusal; });
}

std::size_t Api::purgeExpiredKeys() {
    return parts_->idempotency.purgeBefore(core::now() -
                                           std::chrono::duration_cast<std::chrono::milliseconds>(
                                               parts_->options.idempotencyRetention));
}

}  // namespace sanad::server
