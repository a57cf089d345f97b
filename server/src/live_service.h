#pragma once

#include <Poco/Net/WebSocket.h>

#include "sanad/server/live_hub.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace sanad::server {

/// The live feed's connections once the WebSocket upgrade is done, served off the HTTP worker
/// pool: the HTTP thread hands the socket over and returns at once, so REST keeps its threads
/// whatever the number of live clients. A few threads of its own each own a share of the
/// connections and poll them together (Poco::Net::PollSet). Per connection: the hello frame, then
/// the change frames LiveHub queues for it; the client's pings are answered with pongs; the server
/// pings every heartbeat, and a client that sent nothing (no pong, no frame) for two heartbeats is
/// closed and forgotten. The same machinery serves the patient's pages and the displays, fed from
/// the PageFeed instead of the hub (Feed). Sends never wait for a client: a frame goes out only
/// when the socket can take it, and a client that falls behind is dropped (it catches up through
/// /api/changes). Thread-safety: adopt() from any thread; stop() from one thread.
class LiveService {
public:
    struct Options {
        std::chrono::milliseconds heartbeat{10000};
        int threads = 2;
    };

    LiveService(LiveHub& hub, Options options);
    ~LiveService();
    LiveService(const LiveService&) = delete;
    LiveService& operator=(const LiveService&) = delete;

    /// What a connection is fed from: the live feed (`/api/live`: the hub, a hello first), or
    /// the PageFeed (a patient's page, a display). The functions run on the connection's thread
    /// and must not block.
    struct Feed {
        struct Subscribed {
            std::shared_ptr<LiveHub::Client> client;
            std::string first;  // a frame to send before the client's (may be empty)
        };
        /// Registers the connection; `wake` rings its thread.
        std::function<Subscribed(std::function<void()> wake)> subscribe;
        std::function<void(const std::shared_ptr<LiveHub::Client>&)> unsubscribe;
        /// A text frame from the client (none: they are ignored).
        std::function<void(const std::shared_ptr<LiveHub::Client>&, std::string)> onText;
    };

    /// Takes over an upgraded socket of the live feed (`/api/live`). Returns at once; after
    /// stop() the socket is closed at once.
    void adopt(const Poco::Net::WebSocket& socket);
    /// The same for a socket fed from `feed`.
    void adopt(const Poco::Net::WebSocket& socket, Feed feed);

    /// Closes every connection (a close frame "going away") and ends the threads.
    void stop();

private:
    class Worker;
    LiveHub& hub_;
    std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace sanad::server
