#pragma once

#include "sanad/core/codec.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/WebSocket.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>

namespace sanad::test {

/// A live-feed WebSocket (`/api/live`) of a real server, for tests: frames decoded by core's codec.
/// It behaves like a well-kept client: the server's pings are answered with pongs and skipped.
/// Not thread-safe: one thread at a time.
class LiveSocket {
public:
    /// `handshake`: how long the upgrade may take before it throws Poco::TimeoutException.
    LiveSocket(std::uint16_t port, const std::string& token,
               Poco::Timespan handshake = Poco::Timespan(30, 0))
        : session_("127.0.0.1", port),
          request_(Poco::Net::HTTPRequest::HTTP_GET, "/api/live",
                   Poco::Net::HTTPMessage::HTTP_1_1) {
        session_.setTimeout(handshake);
        request_.set("Authorization", "Bearer " + token);
        socket_ = std::make_unique<Poco::Net::WebSocket>(session_, request_, response_);
        socket_->setReceiveTimeout(Poco::Timespan(3, 0));
    }
    /// The next text frame; throws Poco::TimeoutException after the receive timeout.
    core::LiveFrame next() {
        char buffer[65536];
        for (;;) {
            int flags = 0;
            const int n = socket_->receiveFrame(buffer, sizeof buffer, flags);
            const int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
            if (flags != 0 && opcode == Poco::Net::WebSocket::FRAME_OP_PING) {
                socket_->sendFrame(buffer, n,
                                   static_cast<int>(Poco::Net::WebSocket::FRAME_FLAG_FIN) |
                                       Poco::Net::WebSocket::FRAME_OP_PONG);
                continue;
            }
            if (flags != 0 && opcode == Poco::Net::WebSocket::FRAME_OP_PONG) {
                continue;
            }
            // A text frame, or the end (a close frame, EOF) which does not decode.
            return core::codec::decodeLiveFrame(
                std::string(buffer, static_cast<std::size_t>(std::max(n, 0))));
        }
    }
    Poco::Net::WebSocket& socket() { return *socket_; }

private:
    Poco::Net::HTTPClientSession session_;
    Poco::Net::HTTPRequest request_;
    Poco::Net::HTTPResponse response_;
    std::unique_ptr<Poco::Net::WebSocket> socket_;
};

}  // namespace sanad::test
