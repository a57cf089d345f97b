// The patient's page and the waiting-room displays (issue 15): GET /api/public/tickets/{token},
// GET /api/display/calls, and the pages themselves (GET /t/{token}, /display, /web/{file}).
#include "handlers/handlers.h"
#include "public_view.h"
#include "repository.h"
#include "responses.h"
#include "sanad/core/crypto.h"
#include "sanad/server/database.h"
#include "web_assets.h"

namespace sanad::server::handlers {
namespace {

/// The host the page was asked for, for its Content-Security-Policy (ws: and wss: of the page's
/// own origin); anything but a plain host[:port] is left out.
std::string cspHost(const std::string& host) {
    for (char c : host) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '[' ||
                           c == ']';
        if (!plain) {
            return "";
        }
    }
    return host;
}

/// A file of assets/web with the headers every page and file carries.
ApiResponse webResponse(const WebAsset& asset, const Call& call) {
    ApiResponse response{200, std::string(asset.data), {}};
    const std::string host = cspHost(call.request.host);
    std::string connect = "connect-src 'self'";
    if (!host.empty()) {
        connect += " ws://" + host + " wss://" + host;
    }
    response.headers = {
        {"Content-Type", std::string(webContentType(asset.name))},
        {"Cache-Control", "no-cache"},
        {"Content-Security-Policy", "default-src 'self'; " + connect +
                                        "; base-uri 'none'; form-action 'none'; "
                                        "frame-ancestors 'none'"},
    };
    for (const auto& header : reply::privacyHeaders()) {
        response.headers.push_back(header);
    }
    if (asset.name == "status-sw.js") {
        response.headers.emplace_back("Service-Worker-Allowed", "/t/");  // it serves /t/… pages
    }
    return response;
}

ApiResponse webFileNamed(std::string_view name, const Call& call) {
    const std::optional<WebAsset> asset = findWebAsset(name);
    if (!asset) {
        return reply::noSuchCall(call.path);
    }
    return webResponse(*asset, call);
}

}  // namespace

ApiResponse publicTicket(ApiServices& services, const Call& call) {
    const std::string& token = call.param("token");
    if (!core::isStatusToken(token)) {
        return reply::noStatusPage();
    }
    const core::Timestamp now = core::now();
    repo::PublicTicket found;
    {
        auto session = services.database.readSession();
        Transaction read = services.database.beginRead(*session);
        found = repo::publicTicket(*session, token, core::localDay(now));
        read.commit();
    }
    ApiResponse response;
    switch (found.state) {
        case repo::PublicTicket::State::Unknown:
            response = reply::noStatusPage("this ticket is not known here (yet)");
            break;
        case repo::PublicTicket::State::Expired:
            response = reply::expiredTicket();
            break;
        case repo::PublicTicket::State::Found:
            response = reply::json(
                200, view::publicBody(view::publicFields(found.ticket, found.queueName), now));
            break;
    }
    response.headers = reply::privacyHeaders();
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

ApiResponse displayCalls(ApiServices& services, const Call& call) {
    auto session = services.database.readSession();
    return reply::json(200, view::callsBody(repo::lastCalls(*session, core::localDay(core::now()),
                                                            view::kDisplayCalls, call.queues)));
}

ApiResponse statusPage(ApiServices&, const Call& call) {
    // Any well-formed token: the page itself says "wird übertragen" for one not known yet.
    if (!core::isStatusToken(call.param("token"))) {
        return reply::noStatusPage();
    }
    return webFileNamed("status.html", call);
}

ApiResponse displayPage(ApiServices&, const Call& call) {
    return webFileNamed("display.html", call);
}

ApiResponse webFile(ApiServices&, const Call& call) {
    return webFileNamed(call.param("file"), call);
}

}  // namespace sanad::server::handlers
