#include "sanad/core/live_feed_client.h"

#include "sanad/core/codec.h"
#include "sanad/core/error.h"
#include "sanad/core/retry.h"

#include <Poco/Logger.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>

#include <optional>
#include <random>

namespace sanad::core {
namespace {

Poco::Logger& logger() {
    return Poco::Logger::get("sanad.live");
}

}  // namespace

LiveFeedClient::LiveFeedClient(ClientSettings settings, Callbacks callbacks,
                               std::chrono::milliseconds heartbeat)
    : settings_(std::move(settings)), callbacks_(std::move(callbacks)), heartbeat_(heartbeat) {}

LiveFeedClient::~LiveFeedClient() {
    stop();
}

void LiveFeedClient::start() {
    {
        std::lock_guard lock(mutex_);
        stop_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

LiveFeedClient::Handshake::Handshake(LiveFeedClient& client, Poco::Net::HTTPClientSession& session)
    : client_(client) {
    std::lock_guard lock(client_.mutex_);
    started = !client_.stop_;
    if (started) {
        client_.connecting_ = &session;
    }
}

LiveFeedClient::Handshake::~Handshake() {
    {
        std::lock_guard lock(client_.mutex_);
        client_.connecting_ = nullptr;
    }
    client_.wake_.notify_all();
}

void LiveFeedClient::stop() {
    {
        // Under the mutex: the thread is either before its wait (and sees stop_) or in it (and
        // is woken); never in between, where a notify would be lost and a backoff of up to 30 s
        // slept through. A handshake in progress is cut short by shutting its socket, again
        // every 50 ms while it lasts (before the connect there is no socket to shut yet).
        std::unique_lock lock(mutex_);
        stop_ = true;
        wake_.notify_all();
        while (connecting_) {
            try {
                connecting_->socket().shutdown();
            } catch (const Poco::Exception&) {
                // no socket yet, or already closed: try again in a moment
            }
            wake_.wait_for(lock, std::chrono::milliseconds(50));
        }
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

bool LiveFeedClient::waitBeforeRetry(std::chrono::milliseconds delay) {
    std::unique_lock lock(mutex_);
    return !wake_.wait_for(lock, delay, [this] { return stop_.load(); });
}

void LiveFeedClient::run() {
    const RetryPolicy reconnect{1 << 30, 2.0, std::chrono::milliseconds(1000),
                                std::chrono::milliseconds(30000)};
    std::mt19937_64 random(std::random_device{}());
    int failures = 0;
    while (!stop_) {
        bool wasConnected = false;
        try {
            auto session = openSession(settings_);
            Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/live",
                                           Poco::Net::HTTPMessage::HTTP_1_1);
            request.set("Authorization", "Bearer " + settings_.token);
            Poco::Net::HTTPResponse response;
            // The handshake (connect, upgrade) waits as long as the timeouts say; stop() shuts
            // the session's socket to end it early. Once upgraded, the socket is the
            // WebSocket's and the loop below looks at stop_ every tick.
            std::optional<Poco::Net::WebSocket> upgraded;
            {
                Handshake handshake(*this, *session);
                if (!handshake.started) {
                    break;
                }
                upgraded.emplace(*session, request, response);
            }
            Poco::Net::WebSocket& socket = *upgraded;
            // Wake often enough to look at stop_ and to keep the heartbeat.
            const auto tick = std::min<std::chrono::milliseconds>(
                std::chrono::seconds(1), heartbeat_ / 4 + std::chrono::milliseconds(1));
            socket.setReceiveTimeout(Poco::Timespan(
                std::chrono::duration_cast<std::chrono::microseconds>(tick).count()));
            std::string buffer(256 * 1024, '\0');
            auto lastHeard = std::chrono::steady_clock::now();
            auto lastPing = lastHeard;
            const auto ping = [&](const char* payload, int size, int opcode) {
                socket.sendFrame(payload, size,
                                 static_cast<int>(Poco::Net::WebSocket::FRAME_FLAG_FIN) | opcode);
            };
            while (!stop_) {
                // Our heartbeat on a fixed schedule, busy line or not: the server closes a client
                // it has heard nothing from for two of its heartbeats.
                const auto now = std::chrono::steady_clock::now();
                if (now - lastPing >= heartbeat_) {
                    ping("", 0, Poco::Net::WebSocket::FRAME_OP_PING);
                    lastPing = now;
                }
                int flags = 0;
                int n = 0;
                try {
                    n = socket.receiveFrame(buffer.data(), static_cast<int>(buffer.size()), flags);
                } catch (const Poco::TimeoutException&) {
                    const auto silent = std::chrono::steady_clock::now() - lastHeard;
                    if (silent > 2 * heartbeat_) {
                        logger().information(
                            "live feed silent for %Ld ms; reconnecting",
                            static_cast<Poco::Int64>(
                                std::chrono::duration_cast<std::chrono::milliseconds>(silent)
                                    .count()));
                        break;
                    }
                    continue;
                }
                lastHeard = std::chrono::steady_clock::now();
                const int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
                // 0 bytes with no flags is the end of the connection; 0 bytes with flags is an
                // empty frame (the server's pong to our empty ping), which proves the line alive.
                if (n < 0 || (n == 0 && flags == 0) ||
                    opcode == Poco::Net::WebSocket::FRAME_OP_CLOSE) {
                    break;
                }
                if (opcode == Poco::Net::WebSocket::FRAME_OP_PING) {
                    ping(buffer.data(), n, Poco::Net::WebSocket::FRAME_OP_PONG);  // the server's
                    continue;
                }
                if (opcode != Poco::Net::WebSocket::FRAME_OP_TEXT) {
                    // A pong, or anything else: it proved the line is alive.
                    if (opcode == Poco::Net::WebSocket::FRAME_OP_PONG && callbacks_.alive) {
                        callbacks_.alive();
                    }
                    continue;
                }
                try {
                    const LiveFrame frame =
                        codec::decodeLiveFrame(std::string_view(buffer.data(), n));
                    if (frame.type == LiveFrameType::Hello) {
                        logger().information("live feed connected (seq %Ld)", frame.seq);
                        wasConnected = true;
                        failures = 0;
                        if (callbacks_.connected)
                            callbacks_.connected(frame.seq);
                    } else if (callbacks_.change) {
                        callbacks_.change(Change{frame.seq, *frame.ticket});
                    }
                } catch (const CodecError& e) {
                    logger().warning("live frame not understood: %s", e.displayText());
                }
            }
        } catch (const Poco::Exception& e) {
            logger().debug("live feed: %s", e.displayText());
        } catch (const std::exception& e) {
            logger().error("live feed: %s", std::string(e.what()));
        }
        if (wasConnected) {
            logger().information("live feed lost; reconnecting");
        }
        // A lost connection is reported, and so is the first failed attempt of a run of them.
        if ((wasConnected || failures == 0) && callbacks_.disconnected) {
            callbacks_.disconnected();
        }
        if (stop_) {
            break;
        }
        ++failures;
        const auto delay = retryDelay(reconnect, std::min(failures, 30), random);
        // Full jitter may pick ~0: keep a floor so a refusing server is not hammered.
        if (!waitBeforeRetry(
                std::max(std::chrono::milliseconds(100), delay.value_or(reconnect.cap)))) {
            break;
        }
    }
}

}  // namespace sanad::core
