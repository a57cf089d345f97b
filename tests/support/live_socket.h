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
class LiveSocket {
public:
    LiveSocket(std::uint16_t port, const std::string& token)
        : session_("127.0.0.1", port),
          request_(Poco::Net::HTTPRequest::HTTP_GET, "/api/live",
                   Poco::Net::HTTPMessage::HTTP_1_1) {
        request_.set("Authorization", "Bearer " + token);
        socket_ = std::make_unique<Poco::Net::WebSocket>(session_, request_, response_);
        socket_->setReceiveTimeout(Poco::Timespan(3, 0));
    }
    /// The next frame; throws Poco::TimeoutException after the receive timeout.
    core::LiveFrame next() {
        char buffer[65536];
        int flags = 0;
        const int n = socket_->receiveFrame(buffer, sizeof buffer, flags);
        return core::codec::decodeLiveFrame(
            std::string(buffer, static_cast<std::size_t>(std::max(n, 0))));
    }
    Poco::Net::WebSocket& socket() { return *socket_; }

private:
    Poco::Net::HTTPClientSession session_;
    Poco::Net::HTTPRequest request_;
    Poco::Net::HTTPResponse response_;
    std::unique_ptr<Poco::Net::WebSocket> socket_;
};

}  // namespace sanad::test
