// The idempotency key of calls that take it optionally (number blocks, PUT and DELETE of v1.1).
#include "handlers/handlers.h"
#include "idempotency_guard.h"
#include "responses.h"
#include "sanad/server/writer.h"

namespace sanad::server::handlers {

std::optional<ApiResponse> refuseOptionalKey(const Call& call) {
    if (call.request.idempotencyKey && !call.hasUsableKey()) {
        return reply::error(400, "invalid_field", "X-Idempotency-Key is not a usable key");
    }
    return std::nullopt;
}

ApiResponse runOptionallyKeyed(ApiServices& services, const Call& call,
                               const std::function<ApiResponse(WriteContext&)>& effect) {
    if (call.request.idempotencyKey) {
        return services.idempotency.once(call.device, *call.request.idempotencyKey,
                                         call.fingerprint(), effect);
    }
    ApiResponse response;
    services.writer.run([&](WriteContext& context) { response = effect(context); });
    return response;
}

}  // namespace sanad::server::handlers
