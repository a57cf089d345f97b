#pragma once

#include "sanad/server/options.h"

#include <cstdint>
#include <memory>

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace sanad::server {

class Api;
class LiveHub;

/// The Poco::Net HTTP(S) front of the Api and the live feed. Reads at most 64 KiB of a body,
/// upgrades `/api/live` to a WebSocket after the token check. Thread-safety: start/stop from one
/// thread; requests run on Poco's worker pool.
class HttpServer {
public:
    HttpServer(Api& api, LiveHub& hub, const ServerOptions& options);
    ~HttpServer();

    void start();
    /// Stops accepting, closes live sockets, and waits for running requests.
    void stop();
    /// The bound port (useful with --port 0).
    std::uint16_t port() const;

private:
    Api& api_;
    LiveHub& hub_;
    std::unique_ptr<Poco::ThreadPool> threadPool_;  // outlives server_
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    std::uint16_t port_ = 0;
};

}  // namespace sanad::server
