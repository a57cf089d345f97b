#pragma once

#include "sanad/core/outcome.h"

#include <chrono>
#include <memory>
#include <string>

namespace Poco::Net {
class HTTPClientSession;
}

namespace sanad::core {

struct ClientSettings {
    std::string serverUrl;  // "http://host:port" or "https://host:port"
    std::string token;
    std::string caFile;  // PEM of the CA to trust for https; empty: the system's CAs
    std::chrono::milliseconds connectTimeout{3000};
    std::chrono::milliseconds readTimeout{10000};
};

/// A new HTTP(S) session to the server of `settings` with its timeouts and TLS verification (the
/// API client's and the live feed's). Throws Error for an address that is not
/// http(s)://host[:port].
std::unique_ptr<Poco::Net::HTTPClientSession> openSession(const ClientSettings& settings);

/// One answer, classified. `errorCode`/`message` come from the contract's error body when there
/// is one; for NetworkLoss `message` says what went wrong on the way.
struct HttpOutcome {
    OutcomeClass outcome = OutcomeClass::NetworkLoss;
    int status = 0;
    std::string body;
    std::string errorCode;
    std::string message;
    bool replayed = false;  // Idempotent-Replayed: true
};

/// The console's HTTP(S) client for the wire contract: keep-alive, connect and read timeouts, TLS
/// with certificate verification always on (a CA file can be given; there is no insecure mode),
/// `Authorization` and `X-Idempotency-Key` headers. Never throws for a network or server problem:
/// everything comes back as an HttpOutcome. Thread-safety: one instance per thread.
class ApiClient {
public:
    explicit ApiClient(ClientSettings settings);
    ~ApiClient();
    ApiClient(const ApiClient&) = delete;
    ApiClient& operator=(const ApiClient&) = delete;

    HttpOutcome get(const std::string& path);
    HttpOutcome post(const std::string& path, const std::string& body,
                     const std::string& idempotencyKey = "");
    HttpOutcome request(const std::string& method, const std::string& path, const std::string& body,
                        const std::string& idempotencyKey);

    const ClientSettings& settings() const { return settings_; }

private:
    ClientSettings settings_;
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
};

}  // namespace sanad::core
