#pragma once

#include "sanad/server/api.h"

#include <string>
#include <string_view>
#include <vector>

namespace sanad::core {
class CodecError;
}

namespace sanad::server::reply {

/// The answers of the wire contract, as ApiResponse values: every error body of the server is
/// written here (`{"error": code, "message": text}`), for REST and for `/api/live` alike; the
/// HTTP layer only puts them on the wire. Pure functions, any thread.

ApiResponse json(int status, std::string body);
ApiResponse error(int status, std::string_view code, std::string_view message);

/// 400 `malformed_json`, or `invalid_field` naming the field.
ApiResponse fieldError(const core::CodecError& e);
/// 400 `bad_request`: the request target (its path or query) cannot be read.
ApiResponse badRequest(std::string_view message);
/// 400 `missing_idempotency_key`.
ApiResponse missingIdempotencyKey();
/// 401 `unauthorized` with `WWW-Authenticate: Bearer`.
ApiResponse unauthorized();
/// 403 `forbidden`: the device's role does not allow the call (a display's token).
ApiResponse forbidden();
/// 404 `not_found` for a path no route knows.
ApiResponse noSuchCall(std::string_view path);
/// 404 `not_found`: "<what> '<id>' does not exist".
ApiResponse notFound(std::string_view what, std::string_view id);
/// 405 `method_not_allowed` with `Allow: …` listing `allowed`.
ApiResponse methodNotAllowed(const std::vector<std::string>& allowed);
/// 413 `payload_too_large`.
ApiResponse payloadTooLarge();
/// 415 `unsupported_media_type`.
ApiResponse unsupportedMediaType();
/// 426 `upgrade_required` with `Upgrade: websocket`: `/api/live` without a WebSocket handshake.
ApiResponse upgradeRequired();
/// 503 `storage_unavailable`: the storage failed; the request may be retried.
ApiResponse storageUnavailable();
/// 500 `internal_error`.
ApiResponse internalError();

/// 404 `not_found`: no status page has this address (a malformed token, or an unknown one).
ApiResponse noStatusPage(std::string_view message = "there is no status page at this address");
/// 404 `expired`: the status token is of a ticket of another day.
ApiResponse expiredTicket();

/// The headers of everything a patient's phone or a display reads (pages, files, public bodies):
/// `X-Robots-Tag: noindex`, `Referrer-Policy: no-referrer`, `X-Content-Type-Options: nosniff`.
std::vector<std::pair<std::string, std::string>> privacyHeaders();

}  // namespace sanad::server::reply
