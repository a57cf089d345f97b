#include "live_service.h"

#include "sanad/core/codec.h"
#include "sanad/server/live_hub.h"

#include <Poco/Logger.h>
#include <Poco/Net/DatagramSocket.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/PollSet.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#ifdef __linux__
#include <pthread.h>
#endif

namespace sanad::server {
namespace {

using Clock = std::chrono::steady_clock;
using Poco::Net::PollSet;
using Poco::Net::Socket;
using Poco::Net::WebSocket;

// A frame is read only once poll says bytes are there, so these only bound a client that sends
// part of a frame and stalls (it is dropped), and a send the kernel could not take whole.
const Poco::Timespan kReceiveTimeout(0, 500 * 1000);
const Poco::Timespan kSendTimeout(1, 0);
constexpr int kMaxFramesPerRead = 16;  // then the other connections get their turn
constexpr int kPingFlags = static_cast<int>(WebSocket::FRAME_FLAG_FIN) | WebSocket::FRAME_OP_PING;
constexpr int kPongFlags = static_cast<int>(WebSocket::FRAME_FLAG_FIN) | WebSocket::FRAME_OP_PONG;

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.live");
}

Poco::Timespan timespan(Clock::duration d) {
    return Poco::Timespan(std::chrono::duration_cast<std::chrono::microseconds>(d).count());
}

/// A loopback UDP socket a worker polls beside its connections: any thread rings it when there
/// is work (frames queued, a connection handed over, stop) and the poll returns at once. (PollSet
/// takes only sockets, and Poco 1.11 has neither a socket pair nor a way to wake a PollSet.)
/// Shared with the hub's clients, so a ring after the worker ended goes nowhere, harmlessly.
class Bell {
public:
    Bell() : in_(Poco::Net::SocketAddress("127.0.0.1", 0), false) {
        in_.setBlocking(false);
        address_ = in_.address();
    }

    /// Any thread; never blocks. One datagram until the worker answers, however many rings.
    void ring() noexcept {
        if (rung_.exchange(true)) {
            return;
        }
        try {
            const char byte = 1;
            out_.sendTo(&byte, 1, address_);
        } catch (...) {
            // the worker still looks at its queues at its next sweep
        }
    }

    /// The worker, before it looks at its queues: later rings wake its next poll.
    void answer() {
        rung_.store(false);
        char buffer[64];
        try {
            while (in_.receiveBytes(buffer, sizeof buffer) > 0) {
            }
        } catch (const Poco::Exception&) {
            // nothing more to read
        }
    }

    const Socket& socket() const { return in_; }

private:
    Poco::Net::DatagramSocket in_;
    Poco::Net::DatagramSocket out_;
    Poco::Net::SocketAddress address_;
    std::atomic<bool> rung_{false};
};

/// Why a connection ends, and the status of the close frame it gets (none: it gets none).
struct Ending {
    const char* why;
    std::optional<Poco::UInt16> closeCode;
};
using Outcome = std::optional<Ending>;  // none: the connection goes on

struct Connection {
    WebSocket socket;
    LiveService::Feed feed;
    std::shared_ptr<LiveHub::Client> client;
    std::deque<std::string> outbox;  // frames taken from the hub, not yet sent
    Clock::time_point lastHeard;
    Clock::time_point lastPing;
    bool wantsWrite = false;  // polled for POLL_WRITE too: the outbox waits for room
};

/// Sends a frame if the socket has room now; false (nothing sent) when it has not.
bool sendIfRoom(WebSocket& socket, const char* data, int length, int flags) {
    if (!socket.poll(Poco::Timespan(0), Socket::SELECT_WRITE)) {
        return false;
    }
    socket.sendFrame(data, length, flags);
    return true;
}

}  // namespace

/// One thread and the connections it owns. Everything but adopt/stop/load runs on that thread.
class LiveService::Worker {
public:
    Worker(std::chrono::milliseconds heartbeat, int index)
        : heartbeat_(heartbeat),
          tick_(std::clamp<Clock::duration>(heartbeat / 4, std::chrono::milliseconds(10),
                                            std::chrono::seconds(1))),
          bell_(std::make_shared<Bell>()) {
        thread_ = std::thread([this, index] {
#ifdef __linux__
            pthread_setname_np(pthread_self(), ("sanad-live-" + std::to_string(index)).c_str());
#else
            (void)index;
#endif
            run();
        });
    }

    ~Worker() {
        stop();
    }

    /// False once stopped (or failed): adopt() would close the socket at once.
    bool serving() const {
        return !stopping_.load();
    }

    void adopt(const WebSocket& socket, LiveService::Feed feed) {
        bool queued = false;
        {
            std::lock_guard lock(mutex_);
            if (!stopping_) {
                ++load_;
                arrivals_.emplace_back(socket, std::move(feed));  // a copy shares the connection
                queued = true;
            }
        }
        if (queued) {
            bell_->ring();
            return;
        }
        try {
            WebSocket(socket).shutdown(WebSocket::WS_ENDPOINT_GOING_AWAY,
                                       "the server is shutting down");
            WebSocket(socket).close();
        } catch (const Poco::Exception&) {
            // gone already
        }
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        bell_->ring();
        if (thread_.joinable()) {
            thread_.join();
        }
    }

    std::size_t load() const {
        return load_.load();
    }

private:
    using Connections = std::map<Socket, Connection>;  // keyed by the socket itself

    void run() {
        try {
            poll_.add(bell_->socket(), PollSet::POLL_READ);
            loop();
        } catch (const std::exception& e) {
            logger().critical("a live service thread failed: %s", std::string(e.what()));
        } catch (...) {
            logger().critical("a live service thread failed");
        }
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;  // no more hand-overs to this thread
        }
        // Whatever ended the loop, every connection is closed and forgotten.
        for (auto it = connections_.begin(); it != connections_.end();) {
            it = forget(it, {"the server stops", WebSocket::WS_ENDPOINT_GOING_AWAY});
        }
        std::lock_guard lock(mutex_);
        for (auto& [socket, feed] : arrivals_) {
            try {
                socket.close();
            } catch (...) {
                // gone already
            }
        }
        arrivals_.clear();
    }

    void loop() {
        Clock::time_point nextSweep = Clock::now() + tick_;
        for (;;) {
            std::vector<std::pair<WebSocket, LiveService::Feed>> arrived;
            bool stopping = false;
            {
                std::lock_guard lock(mutex_);
                arrived.swap(arrivals_);
                stopping = stopping_;
            }
            for (auto& [socket, feed] : arrived) {
                start(socket, std::move(feed));
            }
            if (stopping) {
                return;
            }
            // Whole milliseconds, rounded up: epoll counts in them, and a wait cut to 0 ms would
            // spin until the sweep is due.
            const auto wait = std::chrono::ceil<std::chrono::milliseconds>(
                std::max(Clock::duration::zero(), nextSweep - Clock::now()));
            const PollSet::SocketModeMap ready = poll_.poll(timespan(wait));
            bool rung = false;
            for (const auto& [socket, mode] : ready) {
                if (socket == bell_->socket()) {
                    rung = true;
                    continue;
                }
                const auto it = connections_.find(socket);
                if (it == connections_.end()) {
                    continue;
                }
                Outcome outcome;
                if ((mode & (PollSet::POLL_READ | PollSet::POLL_ERROR)) != 0) {
                    outcome = read(it->second);
                }
                if (!outcome && (mode & PollSet::POLL_WRITE) != 0) {
                    outcome = flush(it->second);
                }
                if (outcome) {
                    forget(it, *outcome);
                }
            }
            if (rung) {
                bell_->answer();
                deliverQueued();
            }
            const Clock::time_point now = Clock::now();
            if (now >= nextSweep) {
                sweep(now);
                nextSweep = now + tick_;
            }
        }
    }

    void start(WebSocket socket, LiveService::Feed feed) {  // a copy: it may be closed below
        try {
            socket.setSendTimeout(kSendTimeout);
            socket.setReceiveTimeout(kReceiveTimeout);
            auto subscribed = feed.subscribe([bell = bell_] { bell->ring(); });
            const Clock::time_point now = Clock::now();
            auto [it, added] = connections_.emplace(
                Socket(socket),
                Connection{socket, std::move(feed), subscribed.client, {}, now, now});
            if (!subscribed.first.empty()) {
                it->second.outbox.push_back(std::move(subscribed.first));
            }
            poll_.add(socket, PollSet::POLL_READ | PollSet::POLL_ERROR);
            if (Outcome outcome = take(it->second); outcome || (outcome = flush(it->second))) {
                forget(it, *outcome);
            }
        } catch (const Poco::Exception& e) {
            // Only a socket that failed at once ends up here (a closed one, an exhausted poll).
            logger().warning("a live client could not be served: %s", e.displayText());
            const auto it = connections_.find(socket);
            if (it != connections_.end()) {
                forget(it, {"it could not be served", std::nullopt});
            } else {
                --load_;
                try {
                    socket.close();
                } catch (...) {
                    // gone already
                }
            }
        }
    }

    /// The frames the hub queued since; sends what the sockets take now.
    void deliverQueued() {
        for (auto it = connections_.begin(); it != connections_.end();) {
            Outcome outcome = take(it->second);
            if (!outcome) {
                outcome = flush(it->second);
            }
            it = outcome ? forget(it, *outcome) : std::next(it);
        }
    }

    /// Answers pings, notices the end; any frame is a sign of life.
    Outcome read(Connection& c) {
        char buffer[1024];
        try {
            for (int i = 0; i < kMaxFramesPerRead; ++i) {
                int flags = 0;
                const int n = c.socket.receiveFrame(buffer, sizeof buffer, flags);
                if (n <= 0 && flags == 0) {
                    return Ending{"the client closed the connection", std::nullopt};
                }
                c.lastHeard = Clock::now();
                const int opcode = flags & WebSocket::FRAME_OP_BITMASK;
                if (opcode == WebSocket::FRAME_OP_CLOSE) {
                    return Ending{"the client said goodbye", WebSocket::WS_NORMAL_CLOSE};
                }
                if (opcode == WebSocket::FRAME_OP_TEXT && c.feed.onText) {
                    c.feed.onText(c.client, std::string(buffer, static_cast<std::size_t>(n)));
                }
                if (opcode == WebSocket::FRAME_OP_PING) {
                    // No room for the pong: the client is not reading either; it is dropped
                    // when its queue overflows or it falls silent.
                    sendIfRoom(c.socket, buffer, n, kPongFlags);
                }
                if (c.socket.available() <= 0) {
                    break;  // (available() also counts what TLS has decrypted but not handed out)
                }
            }
        } catch (const Poco::Exception& e) {
            logger().debug("live client unreadable: %s", e.displayText());
            return Ending{"it sent what cannot be read", std::nullopt};
        }
        return std::nullopt;
    }

    /// Moves the hub's frames for this client into its outbox.
    Outcome take(Connection& c) {
        if (!c.client->take(c.outbox)) {
            if (const auto closing = c.client->closing()) {
                return Ending{closing->second, closing->first};
            }
            return Ending{"the hub closed it", WebSocket::WS_ENDPOINT_GOING_AWAY};
        }
        if (c.outbox.size() > LiveHub::kMaxQueuedFrames) {
            logger().warning("live client fell behind and was dropped");
            return Ending{"it fell behind", std::nullopt};
        }
        return std::nullopt;
    }

    /// Sends from the outbox while the socket has room; else waits to be told it has.
    Outcome flush(Connection& c) {
        try {
            while (!c.outbox.empty()) {
                const std::string& frame = c.outbox.front();
                if (!sendIfRoom(c.socket, frame.data(), static_cast<int>(frame.size()),
                                WebSocket::FRAME_TEXT)) {
                    if (!c.wantsWrite) {
                        poll_.update(c.socket, PollSet::POLL_READ | PollSet::POLL_WRITE |
                                                   PollSet::POLL_ERROR);
                        c.wantsWrite = true;
                    }
                    return std::nullopt;
                }
                c.outbox.pop_front();
            }
            if (c.wantsWrite) {
                poll_.update(c.socket, PollSet::POLL_READ | PollSet::POLL_ERROR);
                c.wantsWrite = false;
            }
        } catch (const Poco::Exception& e) {
            logger().debug("live client unwritable: %s", e.displayText());
            return Ending{"it cannot be written to", std::nullopt};
        }
        return std::nullopt;
    }

    /// The heartbeat: pings who is due, forgets who has been silent for two heartbeats.
    void sweep(Clock::time_point now) {
        for (auto it = connections_.begin(); it != connections_.end();) {
            Connection& c = it->second;
            if (now - c.lastHeard >= 2 * heartbeat_) {
                it = forget(it, {"silent for two heartbeats", WebSocket::WS_NORMAL_CLOSE});
                continue;
            }
            if (now - c.lastPing >= heartbeat_) {
                try {
                    if (sendIfRoom(c.socket, "", 0, kPingFlags)) {
                        c.lastPing = now;
                    }
                } catch (const Poco::Exception&) {
                    it = forget(it, {"it cannot be pinged", std::nullopt});
                    continue;
                }
            }
            ++it;
        }
    }

    Connections::iterator forget(Connections::iterator it, const Ending& ending) {
        Connection& c = it->second;
        logger().debug("live client closed: %s", std::string(ending.why));
        try {
            poll_.remove(c.socket);
        } catch (const Poco::Exception&) {
            // not (or no longer) polled
        }
        try {
            if (ending.closeCode && c.socket.poll(Poco::Timespan(0), Socket::SELECT_WRITE)) {
                c.socket.shutdown(*ending.closeCode, ending.why);
            }
        } catch (const Poco::Exception&) {
            // the goodbye is a courtesy
        }
        try {
            c.socket.close();
        } catch (const Poco::Exception&) {
            // gone already
        }
        if (c.feed.unsubscribe) {
            c.feed.unsubscribe(c.client);
        }
        --load_;
        return connections_.erase(it);
    }

    const std::chrono::milliseconds heartbeat_;
    const Clock::duration tick_;  // how often the heartbeat looks at the connections
    const std::shared_ptr<Bell> bell_;

    std::mutex mutex_;  // guards arrivals_ and the setting of stopping_
    std::vector<std::pair<WebSocket, LiveService::Feed>> arrivals_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::size_t> load_{0};  // connections owned or on their way

    // The worker thread only.
    PollSet poll_;
    Connections connections_;

    std::thread thread_;
};

LiveService::LiveService(LiveHub& hub, Options options) : hub_(hub) {
    const int threads = std::max(1, options.threads);
    for (int i = 0; i < threads; ++i) {
        workers_.push_back(std::make_unique<Worker>(options.heartbeat, i));
    }
}

LiveService::~LiveService() {
    stop();
}

void LiveService::adopt(const Poco::Net::WebSocket& socket) {
    Feed feed;
    feed.subscribe = [this](std::function<void()> wake) {
        std::int64_t helloSeq = 0;
        auto client = hub_.subscribe(helloSeq, std::move(wake));
        // Before anything the hub queues for it: the hello names the seq the frames follow.
        return Feed::Subscribed{client, core::codec::encode(core::LiveFrame{
                                            core::LiveFrameType::Hello, helloSeq, std::nullopt})};
    };
    feed.unsubscribe = [this](const std::shared_ptr<LiveHub::Client>& client) {
        hub_.unsubscribe(client);
    };
    adopt(socket, std::move(feed));
}

void LiveService::adopt(const Poco::Net::WebSocket& socket, Feed feed) {
    Worker* least = nullptr;
    for (const auto& worker : workers_) {
        if (worker->serving() && (least == nullptr || worker->load() < least->load())) {
            least = worker.get();
        }
    }
    // (closes it if stopped)
    (least != nullptr ? least : workers_.front().get())->adopt(socket, std::move(feed));
}

void LiveService::stop() {
    for (const auto& worker : workers_) {
        worker->stop();
    }
}

}  // namespace sanad::server
