#pragma once

#include "sanad/core/http_transport.h"

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

/// The console's HTTP(S) client for the wire contract: keep-alive, connect and read timeouts, TLS
/// with certificate verification always on (a CA file can be given; there is no insecure mode),
/// `Authorization` and `X-Idempotency-Key` headers. Never throws for a network or server problem:
/// everything comes back as an HttpOutcome. Thread-safety: one instance per thread.
class ApiClient final : public HttpTransport {
public:
    explicit ApiClient(ClientSettings settings);
    ~ApiClient() override;
    ApiClient(const ApiClient&) = delete;
    ApiClient& operator=(const ApiClient&) = delete;

    HttpOutcome request(const std::string& method, const std::string& path, const std::string& body,
                        const std::string& idempotencyKey) override;

    const ClientSettings& settings() const { return settings_; }

private:
    ClientSettings settings_;
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
};

}  // namespace sanad::core
