#pragma once

#include <Poco/Net/WebSocket.h>

#include <chrono>
#include <memory>
#include <vector>

namespace sanad::server {

class LiveHub;

/// The live feed's connections once the WebSocket upgrade is done, served off the HTTP worker
/// pool: the HTTP thread hands the socket over and returns at once, so REST keeps its threads
/// whatever the number of live clients. A few threads of its own each own a share of the
/// connections and poll them together (Poco::Net::PollSet). Per connection: the hello frame, then
/// the change frames LiveHub queues for it; the client's pings are answered with pongs; the server
/// pings every heartbeat, and a client that sent nothing (no pong, no frame) for two heartbeats is
/// closed and forgotten. Sends never wait for a client: a frame goes out only when the socket can
/// take it, and a client that falls behind is dropped (it catches up through /api/changes).
/// Thread-safety: adopt() from any thread; stop() from one thread.
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

    /// Takes over an upgraded socket. Returns at once; after stop() the socket is closed at once.
    void adopt(const Poco::Net::WebSocket& socket);

    /// Closes every connection (a close frame "going away") and ends the threads.
    void stop();

private:
    class Worker;
    std::vector<std::unique_ptr<Worker>> workers_;
};

}  // namespace sanad::server
