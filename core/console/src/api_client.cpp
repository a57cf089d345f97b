#include "sanad/core/api_client.h"

#include "sanad/core/codec.h"
#include "sanad/core/error.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <mutex>

namespace sanad::core {
namespace {

void initializeSslOnce() {
    static std::once_flag once;
    std::call_once(once, [] { Poco::Net::initializeSSL(); });
}

constexpr std::size_t kMaxAnswerBytes = 16 * 1024 * 1024;

}  // namespace

HttpOutcome classifyAnswer(int status, std::string body, bool replayed,
                           const std::string& retryAfter) {
    HttpOutcome out;
    out.status = status;
    out.replayed = replayed;
    out.body = std::move(body);
    if (status >= 300) {
        try {
            const ErrorResponse error = codec::decodeErrorResponse(out.body);
            out.errorCode = error.error;
            out.message = error.message;
        } catch (const CodecError&) {
            out.message = "HTTP " + std::to_string(status) + " without an error body";
        }
    }
    unsigned seconds = 0;
    if (!retryAfter.empty() && Poco::NumberParser::tryParseUnsigned(retryAfter, seconds)) {
        out.retryAfter = std::chrono::seconds(seconds);
    }
    out.outcome = classifyHttp(status, out.errorCode);
    return out;
}

std::unique_ptr<Poco::Net::HTTPClientSession> openSession(const ClientSettings& settings) {
    Poco::URI uri;
    try {
        uri = Poco::URI(settings.serverUrl);
    } catch (const Poco::Exception& e) {
        throw Error("the server address '" + settings.serverUrl + "' is not a URL: " + e.message());
    }
    if ((uri.getScheme() != "http" && uri.getScheme() != "https") || uri.getHost().empty()) {
        throw Error(
            "the server address must look like http://host:port or https://host:port, not '" +
            settings.serverUrl + "'");
    }
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (uri.getScheme() == "https") {
        initializeSslOnce();
        // Verification is always on: with a CA file, that CA; else the system's trust store.
        Poco::Net::Context::Ptr context =
            new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", settings.caFile,
                                   Poco::Net::Context::VERIFY_STRICT, 9, settings.caFile.empty());
        session =
            std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
    } else {
        session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    }
    const auto us = [](std::chrono::milliseconds ms) {
        return Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(ms).count());
    };
    session->setKeepAlive(true);
    session->setTimeout(us(settings.connectTimeout), us(settings.readTimeout),
                        us(settings.readTimeout));
    return session;
}

ApiClient::ApiClient(ClientSettings settings) : settings_(std::move(settings)) {
    openSession(settings_);  // refuses a bad address now rather than at the first request
}

ApiClient::~ApiClient() = default;

HttpOutcome ApiClient::request(const std::string& method, const std::string& path,
                               const std::string& body, const std::string& idempotencyKey) {
    HttpOutcome out;
    // A kept-alive connection the server has closed meanwhile fails at once: one fresh try.
    for (int attempt = 0; attempt < 2; ++attempt) {
        const bool reused = session_ != nullptr;
        try {
            if (!session_) {
                session_ = openSession(settings_);
            }
            Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            req.setKeepAlive(true);
            req.set("Authorization", "Bearer " + settings_.token);
            if (!idempotencyKey.empty()) {
                req.set("X-Idempotency-Key", idempotencyKey);
            }
            if (method == "POST" || method == "PUT") {
                req.setContentType("application/json");
                req.setContentLength64(static_cast<Poco::Int64>(body.size()));
            }
            std::ostream& os = session_->sendRequest(req);
            os.write(body.data(), static_cast<std::streamsize>(body.size()));
            Poco::Net::HTTPResponse res;
            std::istream& is = session_->receiveResponse(res);
            std::string answer;
            char buffer[8192];
            while (is.read(buffer, sizeof buffer) || is.gcount() > 0) {
                answer.append(buffer, static_cast<std::size_t>(is.gcount()));
                if (answer.size() > kMaxAnswerBytes) {
                    session_.reset();
                    out.outcome = OutcomeClass::ServerFailure;
                    out.status = static_cast<int>(res.getStatus());
                    out.message = "the server's answer is too large";
                    return out;
                }
            }
            return classifyAnswer(static_cast<int>(res.getStatus()), std::move(answer),
                                  res.get("Idempotent-Replayed", "") == "true",
                                  res.get("Retry-After", ""));
        } catch (const Poco::Net::SSLException& e) {
            session_.reset();
            out = HttpOutcome{};
            out.outcome = OutcomeClass::NetworkLoss;
            out.message = "TLS failed: " + e.message();
            return out;  // a certificate problem does not go away by trying again now
        } catch (const Poco::Exception& e) {
            session_.reset();
            out = HttpOutcome{};
            out.outcome = OutcomeClass::NetworkLoss;
            out.message = e.displayText();
            if (!reused) {
                return out;
            }
        }
    }
    return out;
}

}  // namespace sanad::core
