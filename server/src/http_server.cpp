#include "sanad/server/http_server.h"

#include "live_service.h"
#include "page_feed.h"
#include "responses.h"
#include "sanad/server/api.h"
#include "sanad/server/live_hub.h"

#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/ThreadPool.h>

namespace sanad::server {
namespace {

using Poco::Net::HTTPRequestHandler;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

constexpr std::size_t kDrainLimit = 1024 * 1024;

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.http");
}

/// The one place a response goes on the wire, REST and /api/live alike.
void send(HTTPServerResponse& out, const ApiResponse& response) {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    if (response.status != 204) {  // 204 No Content: no body, so no type
        out.setContentType("application/json");
    }
    for (const auto& [name, value] : response.headers) {
        out.set(name, value);
    }
    out.sendBuffer(response.body.data(), response.body.size());
}

/// The request target as a log line may show it: a patient's status token is a secret (it shows
/// the ticket to whoever has it), so the path of /t/… and /api/public/… is logged without it.
std::string loggable(const std::string& uri) {
    for (const char* prefix : {"/t/", "/api/public/tickets/", "/api/public/live/"}) {
        if (uri.rfind(prefix, 0) == 0) {
            return std::string(prefix) + "…";
        }
    }
    return uri;
}

/// The request line and headers the Api looks at.
ApiRequest head(const HTTPServerRequest& in) {
    ApiRequest request;
    request.method = in.getMethod();
    request.uri = in.getURI();
    request.authorization = in.get("Authorization", "");
    request.host = in.get("Host", "");
    if (in.has("X-Idempotency-Key")) {
        request.idempotencyKey = in.get("X-Idempotency-Key");
    }
    if (in.has("Content-Type")) {
        request.contentType = in.getContentType();
    }
    return request;
}

/// Which live socket a request asks for: a WebSocket handshake on the feed (`/api/live`), a
/// patient's page (`/api/public/live/{token}`) or a display (`/api/display/live`). Anything else
/// on those paths is the Api's to answer (426).
enum class LiveKind { None, Feed, Page, Display };
constexpr std::string_view kPageLive = "/api/public/live/";

LiveKind liveKind(const HTTPServerRequest& request) {
    if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_GET ||
        Poco::icompare(request.get("Upgrade", ""), "websocket") != 0) {
        return LiveKind::None;
    }
    const std::string& uri = request.getURI();
    const std::string path = uri.substr(0, uri.find('?'));
    if (path == "/api/live") {
        return LiveKind::Feed;
    }
    if (path == "/api/display/live") {
        return LiveKind::Display;
    }
    if (path.rfind(kPageLive, 0) == 0 && path.find('/', kPageLive.size()) == std::string::npos) {
        return LiveKind::Page;
    }
    return LiveKind::None;
}

/// The display's token from the upgrade: `Authorization: Bearer …`, or the subprotocol
/// `sanad.token.<TOKEN>` (browsers cannot send headers on a WebSocket); empty when neither.
/// `offersDisplay`: the client offered the subprotocol `sanad.display` (echoed back).
std::string displayAuthorization(const HTTPServerRequest& in, bool& offersDisplay) {
    offersDisplay = false;
    std::string authorization = in.get("Authorization", "");
    constexpr std::string_view kTokenProtocol = "sanad.token.";
    for (std::string offered : Poco::StringTokenizer(
             in.get("Sec-WebSocket-Protocol", ""), ",",
             Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY)) {
        if (offered == "sanad.display") {
            offersDisplay = true;
        } else if (offered.rfind(kTokenProtocol, 0) == 0 && authorization.empty()) {
            authorization = "Bearer " + offered.substr(kTokenProtocol.size());
        }
    }
    return authorization;
}

class ApiHandler : public HTTPRequestHandler {
public:
    explicit ApiHandler(Api& api) : api_(api) {}

    void handleRequest(HTTPServerRequest& in, HTTPServerResponse& out) override {
        ApiRequest request = head(in);
        std::istream& body = in.stream();
        if (in.hasContentLength() &&
            in.getContentLength64() > static_cast<Poco::Int64>(kMaxBodyBytes)) {
            request.bodyTooLarge = true;
        } else {
            // Read one byte past the limit to notice a chunked body that is too large.
            request.body.resize(kMaxBodyBytes + 1);
            body.read(request.body.data(), static_cast<std::streamsize>(request.body.size()));
            request.body.resize(static_cast<std::size_t>(body.gcount()));
            if (request.body.size() > kMaxBodyBytes) {
                request.bodyTooLarge = true;
                request.body.clear();
            }
        }
        if (request.bodyTooLarge) {
            // Swallow a moderately large body so the client gets to read its 413 instead of a
            // reset while it is still sending; beyond 1 MiB the connection is simply closed.
            char sink[16384];
            std::size_t swallowed = 0;
            while (swallowed < kDrainLimit && body.read(sink, sizeof sink).gcount() > 0) {
                swallowed += static_cast<std::size_t>(body.gcount());
            }
        }
        const ApiResponse response = api_.handle(request);
        if (request.bodyTooLarge) {
            out.setKeepAlive(false);  // the rest of the body was never read
        }
        if (response.status >= 500) {
            logger().warning("%s %s -> %d", request.method, loggable(in.getURI()), response.status);
        } else {
            logger().debug("%s %s -> %d", request.method, loggable(in.getURI()), response.status);
        }
        send(out, response);
    }

private:
    Api& api_;
};

/// A live socket's WebSocket upgrade. After it the socket belongs to the LiveService and this
/// worker thread returns to the pool at once.
class LiveHandler : public HTTPRequestHandler {
public:
    LiveHandler(Api& api, LiveService& live, PageFeed& pages, LiveKind kind)
        : api_(api), live_(live), pages_(pages), kind_(kind) {}

    void handleRequest(HTTPServerRequest& in, HTTPServerResponse& out) override {
        // Every refusal before the upgrade, with the REST calls' bodies: the feed's 401, a
        // page's 404 (a malformed token, a ticket of another day).
        const std::string path = in.getURI().substr(0, in.getURI().find('?'));
        const std::string token = path.substr(std::min(path.size(), kPageLive.size()));
        std::optional<ApiResponse> refusal = api_.admit(head(in));
        if (!refusal && kind_ == LiveKind::Page) {
            refusal = pages_.refusePage(token);
        }
        if (refusal) {
            logger().debug("GET %s -> %d", loggable(in.getURI()), refusal->status);
            send(out, *refusal);
            return;
        }
        bool offersDisplay = false;
        const std::string authorization =
            kind_ == LiveKind::Display ? displayAuthorization(in, offersDisplay) : "";
        if (offersDisplay) {
            out.set("Sec-WebSocket-Protocol", "sanad.display");  // a browser insists on one
        }
        std::optional<Poco::Net::WebSocket> socket;
        try {
            socket.emplace(in, out);  // sends 101 and detaches the socket from the HTTP session
        } catch (const Poco::Net::WebSocketException&) {
            if (!out.sent()) {
                send(out, reply::upgradeRequired());
            }
            return;
        }
        logger().debug("GET %s -> 101", loggable(in.getURI()));
        switch (kind_) {
            case LiveKind::Page:
                live_.adopt(*socket, pageFeed(token));
                break;
            case LiveKind::Display:
                live_.adopt(*socket, displayFeed(authorization));
                break;
            default:
                live_.adopt(*socket);
                break;
        }
    }

private:
    LiveService::Feed pageFeed(const std::string& token) {
        LiveService::Feed feed;
        feed.subscribe = [&pages = pages_, token](std::function<void()> wake) {
            return LiveService::Feed::Subscribed{pages.subscribePage(token, std::move(wake)), {}};
        };
        feed.unsubscribe = [&pages = pages_](const auto& client) { pages.unsubscribe(client); };
        return feed;
    }

    LiveService::Feed displayFeed(const std::string& authorization) {
        LiveService::Feed feed;
        feed.subscribe = [&pages = pages_, authorization](std::function<void()> wake) {
            return LiveService::Feed::Subscribed{
                pages.subscribeDisplay(authorization, std::move(wake)), {}};
        };
        feed.unsubscribe = [&pages = pages_](const auto& client) { pages.unsubscribe(client); };
        feed.onText = [&pages = pages_](const auto& client, std::string text) {
            pages.displayText(client, std::move(text));
        };
        return feed;
    }

    Api& api_;
    LiveService& live_;
    PageFeed& pages_;
    const LiveKind kind_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(Api& api, LiveService& live, PageFeed& pages) : api_(api), live_(live), pages_(pages) {}

    HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& request) override {
        if (const LiveKind kind = liveKind(request); kind != LiveKind::None) {
            return new LiveHandler(api_, live_, pages_, kind);
        }
        return new ApiHandler(api_);
    }

private:
    Api& api_;
    LiveService& live_;
    PageFeed& pages_;
};

}  // namespace

HttpServer::HttpServer(Api& api, LiveHub& hub, PageFeed& pages, const ServerOptions& options)
    : api_(api),
      hub_(hub),
      live_(std::make_unique<LiveService>(
          hub, LiveService::Options{options.liveHeartbeat, options.liveThreads})) {
    const Poco::Net::SocketAddress address(options.bindAddress, options.port);
    std::unique_ptr<Poco::Net::ServerSocket> socket;
    if (!options.tlsCertFile.empty() || !options.tlsKeyFile.empty()) {
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options.tlsKeyFile,
                                   options.tlsCertFile, "", Poco::Net::Context::VERIFY_NONE);
        context->disableProtocols(
            Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
            Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
        socket = std::make_unique<Poco::Net::SecureServerSocket>(address, 256, context);
    } else {
        socket = std::make_unique<Poco::Net::ServerSocket>(address, 256);
    }
    port_ = socket->address().port();
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(options.maxThreads);
    params->setMaxQueued(1024);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(0);  // unlimited
    params->setKeepAliveTimeout(Poco::Timespan(15, 0));
    params->setTimeout(Poco::Timespan(30, 0));
    params->setServerName("sanad-server");
    threadPool_ = std::make_unique<Poco::ThreadPool>(4, options.maxThreads + 8);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(api_, *live_, pages),
                                                      *threadPool_, *socket, params);
}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::start() {
    server_->start();
}

void HttpServer::stop() {
    if (!server_) {
        return;
    }
    server_->stopAll(true);  // no new connections, and idle keep-alive ones are cut
    threadPool_->joinAll();  // the requests under way are answered (no upgrade after this)
    hub_.shutdown();         // later subscribers are closed at once
    live_->stop();           // every live socket gets its close frame
    server_.reset();
}

std::uint16_t HttpServer::port() const {
    return port_;
}

}  // namespace sanad::server
