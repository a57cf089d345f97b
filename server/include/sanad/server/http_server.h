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
class LiveService;
class PageFeed;

/// The Poco::Net HTTP(S) front of the Api and the live feed. Reads at most 64 KiB of a body,
/// upgrades `/api/live` to a WebSocket after the token check (and the patient's page's and the
/// display's sockets, fed from the PageFeed) and hands the socket to its LiveService, so live
/// connections never hold a REST worker. Thread-safety: start/stop from one thread; requests run on
/// Poco's worker pool, live sockets on the LiveService's threads.
class HttpServer {
public:
    HttpServer(Api& api, LiveHub& hub, PageFeed& pages, const ServerOptions& options);
    ~HttpServer();

    void start();
    /// Stops accepting, waits for running requests, then closes the live sockets.
    void stop();
    /// The bound port (useful with --port 0).
    std::uint16_t port() const;

private:
    Api& api_;
    LiveHub& hub_;
    std::unique_ptr<LiveService> live_;
    std::unique_ptr<Poco::ThreadPool> threadPool_;  // outlives server_
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    std::uint16_t port_ = 0;
};

}  // namespace sanad::server
