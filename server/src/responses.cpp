#include "responses.h"

#include "sanad/core/codec.h"
#include "sanad/core/error.h"

#include <Poco/JSON/Object.h>

namespace sanad::server::reply {
namespace {

ApiResponse with(ApiResponse response, std::string name, std::string value) {
    response.headers.emplace_back(std::move(name), std::move(value));
    return response;
}

}  // namespace

ApiResponse json(int status, std::string body) {
    return ApiResponse{status, std::move(body), {}};
}

ApiResponse error(int status, std::string_view code, std::string_view message) {
    return json(status,
                core::codec::encode(core::ErrorResponse{std::string(code), std::string(message)}));
}

ApiResponse fieldError(const core::CodecError& e) {
    if (e.field().empty()) {
        return error(400, "malformed_json", e.message());
    }
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    body->set("error", std::string("invalid_field"));
    body->set("message", e.message());
    body->set("field", e.field());
    return json(400, core::codec::stringify(body));
}

ApiResponse badRequest(std::string_view message) {
    return error(400, "bad_request", message);
}

ApiResponse missingIdempotencyKey() {
    return error(400, "missing_idempotency_key", "X-Idempotency-Key is required");
}

ApiResponse unauthorized() {
    return with(error(401, "unauthorized", "a valid device token is required"), "WWW-Authenticate",
                "Bearer");
}

ApiResponse forbidden() {
    return error(403, "forbidden", "a display's token may only read /api/display/*");
}

ApiResponse noSuchCall(std::string_view path) {
    return error(404, "not_found", "no such API call: " + std::string(path));
}

ApiResponse notFound(std::string_view what, std::string_view id) {
    return error(404, "not_found", std::string(what) + " '" + std::string(id) + "' does not exist");
}

ApiResponse methodNotAllowed(const std::vector<std::string>& allowed) {
    std::string list;
    std::string words;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
        list += (i > 0 ? ", " : "") + allowed[i];
        words += (i > 0 ? " or " : "") + allowed[i];
    }
    return with(error(405, "method_not_allowed", "use " + words), "Allow", list);
}

ApiResponse payloadTooLarge() {
    return error(413, "payload_too_large",
                 "the body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
}

ApiResponse unsupportedMediaType() {
    return error(415, "unsupported_media_type", "send the body as Content-Type: application/json");
}

ApiResponse upgradeRequired() {
    return with(error(426, "upgrade_required", "/api/live is a WebSocket"), "Upgrade", "websocket");
}

ApiResponse storageUnavailable() {
    return error(503, "storage_unavailable", "the server could not store the change; retry");
}

ApiResponse internalError() {
    return error(500, "internal_error", "the server failed; retry later");
}

ApiResponse noStatusPage(std::string_view message) {
    return error(404, "not_found", message);
}

ApiResponse expiredTicket() {
    return error(404, "expired", "this ticket was of another day");
}

std::vector<std::pair<std::string, std::string>> privacyHeaders() {
    return {{"X-Robots-Tag", "noindex"},
            {"Referrer-Policy", "no-referrer"},
            {"X-Content-Type-Options", "nosniff"}};
}

}  // namespace sanad::server::reply
