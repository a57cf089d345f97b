// GET /api/health, GET /api/config, and /api/live reached without a WebSocket handshake.
#include "handlers/handlers.h"
#include "responses.h"
#include "sanad/core/codec.h"

namespace sanad::server::handlers {

ApiResponse health(ApiServices& services, const Call&) {
    return reply::json(
        200, core::codec::encode(core::HealthResponse{"ok", core::now(), services.version}));
}

ApiResponse config(ApiServices& services, const Call&) {
    const ServerOptions& options = services.options;
    std::optional<std::string> publicUrl;
    if (!options.publicUrl.empty()) {
        publicUrl = options.publicUrl;
    }
    return reply::json(200, core::codec::encode(core::ConfigResponse{
                                services.practiceKey, options.checkinWindow.count(),
                                static_cast<std::int64_t>(options.idempotencyRetention.count()),
                                core::now(), publicUrl}));
}

ApiResponse liveWithoutUpgrade(ApiServices&, const Call&) {
    return reply::upgradeRequired();
}

}  // namespace sanad::server::handlers
