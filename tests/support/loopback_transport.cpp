#include "loopback_transport.h"

#include "sanad/server/api.h"
#include "sanad/server/database.h"
#include "sanad/server/options.h"
#include "sanad/server/writer.h"

namespace sanad::test {

/// One console connection: hands each request to the server's Api as the HTTP layer would.
class LoopbackTransport final : public core::HttpTransport {
public:
    LoopbackTransport(InProcessServer& server, std::string token)
        : server_(server), token_(std::move(token)) {}

    core::HttpOutcome request(const std::string& method, const std::string& path,
                              const std::string& body, const std::string& idempotencyKey) override {
        const InProcessServer::Mode mode = server_.mode_;
        if (mode == InProcessServer::Mode::Down) {
            return lost("connection refused (in-process server down)");
        }
        if (mode == InProcessServer::Mode::Unavailable) {
            return core::classifyAnswer(503, R"({"error":"unavailable","message":"try later"})",
                                        false, "");
        }
        server::ApiRequest request;
        request.method = method;
        request.uri = path;
        request.authorization = "Bearer " + token_;
        if (!idempotencyKey.empty()) {
            request.idempotencyKey = idempotencyKey;
        }
        if (method == "POST" || method == "PUT") {  // as ApiClient does
            request.contentType = "application/json";
        }
        request.body = body;
        const server::ApiResponse response = server_.api_->handle(request);
        ++server_.handled_;
        if (mode == InProcessServer::Mode::LoseAnswers) {
            return lost("connection reset after the request (in-process)");
        }
        std::string replayed, retryAfter;
        for (const auto& [name, value] : response.headers) {
            if (name == "Idempotent-Replayed") {
                replayed = value;
            } else if (name == "Retry-After") {
                retryAfter = value;
            }
        }
        return core::classifyAnswer(response.status, response.body, replayed == "true", retryAfter);
    }

private:
    static core::HttpOutcome lost(std::string why) {
        core::HttpOutcome out;
        out.outcome = core::OutcomeClass::NetworkLoss;
        out.message = std::move(why);
        return out;
    }

    InProcessServer& server_;
    std::string token_;
};

InProcessServer::InProcessServer(bool demo) {
    database_ = server::openDatabase(dir_.path(), "");
    writer_ = std::make_unique<server::Writer>(*database_, nullptr);
    server::seedInitialData(*database_, *writer_, demo);
    server::ServerOptions options;
    options.dataDir = dir_.path();
    options.demo = demo;
    api_ = std::make_unique<server::Api>(*database_, *writer_, options, "in-process");
}

InProcessServer::~InProcessServer() {
    api_.reset();
    writer_.reset();
}

std::string InProcessServer::addDevice(const std::string& name) {
    return server::addDevice(*database_, name);
}

core::TransportFactory InProcessServer::transports(const std::string& token) {
    return [this, token] { return std::make_unique<LoopbackTransport>(*this, token); };
}

}  // namespace sanad::test
