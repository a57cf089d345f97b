#pragma once

#include "sanad/core/outcome.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace sanad::core {

/// One answer, classified. `errorCode`/`message` come from the contract's error body when there
/// is one; for NetworkLoss `message` says what went wrong on the way.
struct HttpOutcome {
    OutcomeClass outcome = OutcomeClass::NetworkLoss;
    int status = 0;
    std::string body;
    std::string errorCode;
    std::string message;
    bool replayed = false;                           // Idempotent-Replayed: true
    std::optional<std::chrono::seconds> retryAfter;  // Retry-After in seconds, when given
};

/// Turns a received answer into an HttpOutcome: the error body's code and message, the class,
/// Retry-After (delta-seconds; an HTTP date or garbage is ignored). Shared by every transport so
/// they classify alike.
HttpOutcome classifyAnswer(int status, std::string body, bool replayed,
                           const std::string& retryAfter);

/// How the console core reaches the server: one request in, one classified answer out; never
/// throws for a network or server problem. ApiClient is the real one (HTTP over TCP/TLS); the
/// tests have an in-process loopback that hands requests to the server's Api directly.
/// Thread-safety: one instance per thread.
class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    virtual HttpOutcome request(const std::string& method, const std::string& path,
                                const std::string& body, const std::string& idempotencyKey) = 0;

    HttpOutcome get(const std::string& path) { return request("GET", path, "", ""); }
    HttpOutcome post(const std::string& path, const std::string& body,
                     const std::string& idempotencyKey = "") {
        return request("POST", path, body, idempotencyKey);
    }
};

/// Makes a transport for one thread (the console core keeps one per parallel send lane).
using TransportFactory = std::function<std::unique_ptr<HttpTransport>()>;

}  // namespace sanad::core
