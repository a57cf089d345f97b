#pragma once

#include "front_desk_fixture.h"
#include "sanad/core/crypto.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/WebSocket.h>

#include <map>
#include <memory>
#include <string>

namespace sanad::test {

/// A WebSocket of the patient's page or a display (`/api/public/live/…`, `/api/display/live`),
/// frames as JSON objects. Answers the server's pings and skips them. One thread at a time.
class PageSocket {
public:
    PageSocket(std::uint16_t port, const std::string& path,
               const std::map<std::string, std::string>& headers = {})
        : session_("127.0.0.1", port),
          request_(Poco::Net::HTTPRequest::HTTP_GET, path, Poco::Net::HTTPMessage::HTTP_1_1) {
        session_.setTimeout(Poco::Timespan(10, 0));
        for (const auto& [name, value] : headers) {
            request_.set(name, value);
        }
        socket_ = std::make_unique<Poco::Net::WebSocket>(session_, request_, response_);
        socket_->setReceiveTimeout(Poco::Timespan(5, 0));
    }

    /// The next text frame as an object; throws at a close frame or after 5 s of nothing.
    Poco::JSON::Object::Ptr next() {
        const std::string text = nextText();
        Poco::JSON::Parser parser;
        return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
    }

    /// Waits for the server's close frame (skipping text frames) and returns its status code.
    int closeCode() {
        for (;;) {
            int flags = 0;
            const int n = receive(flags);
            if ((flags & Poco::Net::WebSocket::FRAME_OP_BITMASK) ==
                Poco::Net::WebSocket::FRAME_OP_CLOSE) {
                return n >= 2 ? (static_cast<unsigned char>(buffer_[0]) << 8) |
                                    static_cast<unsigned char>(buffer_[1])
                              : 0;
            }
            if (n <= 0 && flags == 0) {
                return -1;  // the connection ended without a close frame
            }
        }
    }

    void sendText(const std::string& text) {
        socket_->sendFrame(text.data(), static_cast<int>(text.size()),
                           Poco::Net::WebSocket::FRAME_TEXT);
    }
    const Poco::Net::HTTPResponse& response() const { return response_; }

private:
    int receive(int& flags) {
        for (;;) {
            flags = 0;
            const int n = socket_->receiveFrame(buffer_, sizeof buffer_, flags);
            const int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
            if (flags != 0 && opcode == Poco::Net::WebSocket::FRAME_OP_PING) {
                socket_->sendFrame(buffer_, n,
                                   static_cast<int>(Poco::Net::WebSocket::FRAME_FLAG_FIN) |
                                       Poco::Net::WebSocket::FRAME_OP_PONG);
                continue;
            }
            if (flags != 0 && opcode == Poco::Net::WebSocket::FRAME_OP_PONG) {
                continue;
            }
            return n;
        }
    }

    std::string nextText() {
        int flags = 0;
        const int n = receive(flags);
        if ((flags & Poco::Net::WebSocket::FRAME_OP_BITMASK) !=
            Poco::Net::WebSocket::FRAME_OP_TEXT) {
            throw std::runtime_error("the server closed the socket instead of sending a frame");
        }
        return std::string(buffer_, static_cast<std::size_t>(n));
    }

    Poco::Net::HTTPClientSession session_;
    Poco::Net::HTTPRequest request_;
    Poco::Net::HTTPResponse response_;
    std::unique_ptr<Poco::Net::WebSocket> socket_;
    char buffer_[65536];
};

/// FrontDeskTest plus the patient's page and the displays: status tokens, a display of `lab`,
/// a client without a token, and a WebSocket upgrade that may be refused.
class PagesTest : public FrontDeskTest {
protected:
    void SetUp() override {
        FrontDeskTest::SetUp();
        key = *core::fromHex(
            core::codec::decodeConfigResponse(a->get("/api/config").body).practiceKey);
        displayToken =
            server->addDevice("Wartezimmer Labor", {"--role", "display", "--queues", "lab"});
        anyone = std::make_unique<Client>(server->port());
    }

    std::string tokenOf(const std::string& ticketId) const {
        return core::statusToken(key, ticketId);
    }

    static Poco::JSON::Object::Ptr parse(const std::string& body) {
        Poco::JSON::Parser parser;
        return parser.parse(body).extract<Poco::JSON::Object::Ptr>();
    }

    /// The public body of a ticket (must answer 200).
    Poco::JSON::Object::Ptr publicTicket(const std::string& token) {
        const HttpResult r = anyone->get("/api/public/tickets/" + token);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse(r.body);
    }

    /// A WebSocket handshake sent as a plain request: the refusal before the upgrade.
    HttpResult upgrade(const std::string& path) {
        return anyone->request("GET", path, "",
                               {{"Upgrade", "websocket"},
                                {"Connection", "Upgrade"},
                                {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                                {"Sec-WebSocket-Version", "13"}});
    }

    /// A transition of `t` to `to` in `room`, which must answer 200.
    core::Ticket moveTo(const core::Ticket& t, core::TicketStatus to,
                        std::optional<std::string> room = std::nullopt) {
        const HttpResult r =
            a->post("/api/tickets/" + t.id + "/transitions",
                    core::codec::encode(core::Transition{to, t.version, core::now(), room, false}),
                    core::newUuidV4());
        EXPECT_EQ(r.status, 200) << r.body;
        return core::codec::decodeTransitionResponse(r.body).ticket;
    }

    core::Bytes key;
    std::string displayToken;
    std::unique_ptr<Client> anyone;
};

}  // namespace sanad::test
