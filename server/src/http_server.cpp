#include "sanad/server/http_server.h"

#include "sanad/core/codec.h"
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

void send(HTTPServerResponse& out, const ApiResponse& response) {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    out.setContentType("application/json");
    for (const auto& [name, value] : response.headers) {
        out.set(name, value);
    }
    out.sendBuffer(response.body.data(), response.body.size());
}

class ApiHandler : public HTTPRequestHandler {
public:
    explicit ApiHandler(Api& api) : api_(api) {}

    void handleRequest(HTTPServerRequest& in, HTTPServerResponse& out) override {
        ApiRequest request;
        request.method = in.getMethod();
        request.uri = in.getURI();
        request.authorization = in.get("Authorization", "");
        if (in.has("X-Idempotency-Key")) {
            request.idempotencyKey = in.get("X-Idempotency-Key");
        }
        if (in.has("Content-Type")) {
            request.contentType = in.getContentType();
        }
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
            logger().warning("%s %s -> %d", request.method, in.getURI(), response.status);
        }
        send(out, response);
    }

private:
    Api& api_;
};

class LiveHandler : public HTTPRequestHandler {
public:
    LiveHandler(Api& api, LiveHub& hub) : api_(api), hub_(hub) {}

    void handleRequest(HTTPServerRequest& in, HTTPServerResponse& out) override {
        const auto device = api_.authenticate(in.get("Authorization", ""));
        if (!device) {
            ApiResponse r{401,
                          core::codec::encode(core::ErrorResponse{
                              "unauthorized", "a valid device token is required"}),
                          {{"WWW-Authenticate", "Bearer"}}};
            send(out, r);
            return;
        }
        if (in.getMethod() != "GET") {
            send(out, ApiResponse{
                          405,
                          core::codec::encode(core::ErrorResponse{"method_not_allowed", "use GET"}),
                          {{"Allow", "GET"}}});
            return;
        }
        std::unique_ptr<Poco::Net::WebSocket> socket;
        try {
            socket = std::make_unique<Poco::Net::WebSocket>(in, out);
        } catch (const Poco::Net::WebSocketException&) {
            if (!out.sent()) {
                send(out, ApiResponse{426,
                                      core::codec::encode(core::ErrorResponse{
                                          "upgrade_required", "/api/live is a WebSocket"}),
                                      {{"Upgrade", "websocket"}}});
            }
            return;
        }
        serve(*socket);
    }

private:
    void serve(Poco::Net::WebSocket& socket) {
        socket.setSendTimeout(Poco::Timespan(2, 0));
        socket.setReceiveTimeout(Poco::Timespan(1, 0));
        std::int64_t helloSeq = 0;
        const auto client = hub_.subscribe(helloSeq);
        try {
            sendText(socket, core::codec::encode(core::LiveFrame{core::LiveFrameType::Hello,
                                                                 helloSeq, std::nullopt}));
            bool open = true;
            while (open) {
                for (const std::string& frame :
                     client->take(std::chrono::milliseconds(200), open)) {
                    sendText(socket, frame);
                }
                if (open && socket.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
                    open = readControl(socket);
                }
            }
            socket.shutdown();
        } catch (const Poco::Exception& e) {
            logger().debug("live client gone: %s", e.displayText());
        }
        hub_.unsubscribe(client);
    }

    static void sendText(Poco::Net::WebSocket& socket, const std::string& text) {
        socket.sendFrame(text.data(), static_cast<int>(text.size()),
                         Poco::Net::WebSocket::FRAME_TEXT);
    }

    // Answers pings and notices a close; returns false when the client is gone.
    static bool readControl(Poco::Net::WebSocket& socket) {
        char buffer[1024];
        int flags = 0;
        const int n = socket.receiveFrame(buffer, sizeof buffer, flags);
        const int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
        if (n <= 0 && flags == 0) {
            return false;  // the end of the connection (an empty frame has flags)
        }
        if (opcode == Poco::Net::WebSocket::FRAME_OP_CLOSE) {
            return false;
        }
        if (opcode == Poco::Net::WebSocket::FRAME_OP_PING) {
            socket.sendFrame(buffer, n,
                             static_cast<int>(Poco::Net::WebSocket::FRAME_FLAG_FIN) |
                                 Poco::Net::WebSocket::FRAME_OP_PONG);
        }
        return true;
    }

    Api& api_;
    LiveHub& hub_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(Api& api, LiveHub& hub) : api_(api), hub_(hub) {}

    HTTPRequestHandler* createRequestHandler(const HTTPServerRequest& request) override {
        const std::string& uri = request.getURI();
        if (uri == "/api/live" || uri.rfind("/api/live?", 0) == 0) {
            return new LiveHandler(api_, hub_);
        }
        return new ApiHandler(api_);
    }

private:
    Api& api_;
    LiveHub& hub_;
};

}  // namespace

HttpServer::HttpServer(Api& api, LiveHub& hub, const ServerOptions& options)
    : api_(api), hub_(hub) {
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
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(api_, hub_), *threadPool_,
                                                      *socket, params);
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
    hub_.shutdown();         // live sockets end their loops
    server_->stopAll(true);  // and idle keep-alive connections are cut
    threadPool_->joinAll();
    server_.reset();
}

std::uint16_t HttpServer::port() const {
    return port_;
}

}  // namespace sanad::server
