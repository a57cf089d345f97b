// The live feed's connections (issue 13): served off the REST worker pool, kept by a server-side
// heartbeat, closed on shutdown; against a real sanad-server process.
#include "live_socket.h"
#include "server_fixture.h"
#include "tls_server.h"

#include <Poco/Net/NetException.h>

#include <future>
#include <iostream>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
using Poco::Net::WebSocket;
using Clock = std::chrono::steady_clock;

constexpr int kHeartbeatMs = 300;

/// A server with a short heartbeat, so the idle timeout shows within a second.
class LiveHeartbeatTest : public ServerTest {
protected:
    std::vector<std::string> serverArgs() override {
        return {"--live-heartbeat-ms", std::to_string(kHeartbeatMs)};
    }
};

/// Sockets that never answer the server's pings (they only read when asked) stay open for the
/// whole test, however slow a loaded machine makes it: a heartbeat far beyond its length.
class IdleLiveSocketsTest : public ServerTest {
protected:
    std::vector<std::string> serverArgs() override { return {"--live-heartbeat-ms", "600000"}; }
};

/// One frame as it came: its opcode, or none when the connection ended (EOF, reset).
struct RawFrame {
    std::optional<int> opcode;
    std::string payload;
};

RawFrame receive(WebSocket& socket) {
    char buffer[4096];
    int flags = 0;
    int n = 0;
    try {
        n = socket.receiveFrame(buffer, sizeof buffer, flags);
    } catch (const Poco::TimeoutException&) {
        throw;
    } catch (const Poco::Exception&) {
        return {};  // reset by the server: the end as well
    }
    if (n <= 0 && flags == 0) {
        return {};
    }
    return {flags & WebSocket::FRAME_OP_BITMASK,
            std::string(buffer, static_cast<std::size_t>(std::max(n, 0)))};
}

int ms(Clock::duration d) {
    return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(d).count());
}

// More idle live sockets than the HTTP server has worker threads (128): REST still answers.
// Before issue 13 each socket held a worker for as long as it was open, so the 129th upgrade and
// every REST call after it waited for a thread that never came free.
TEST_F(IdleLiveSocketsTest, HundredsOfIdleLiveSocketsLeaveRestItsThreads) {
    constexpr int kSockets = 300;
    std::vector<std::unique_ptr<LiveSocket>> live;
    const auto openStart = Clock::now();
    for (int i = 0; i < kSockets; ++i) {
        try {
            live.push_back(
                std::make_unique<LiveSocket>(server->port(), tokenA, Poco::Timespan(20, 0)));
            ASSERT_EQ(live.back()->next().type, core::LiveFrameType::Hello) << "socket " << i;
        } catch (const Poco::Exception& e) {
            FAIL() << "live socket " << i << " was not served: " << e.displayText();
        }
    }
    const auto opened = Clock::now() - openStart;

    Client anonymous(server->port());
    Client desk(server->port(), tokenA);
    for (Client* c : {&anonymous, &desk}) {
        c->setTimeout(Poco::Timespan(5, 0));  // the failure condition, not a latency threshold
    }
    const auto restStart = Clock::now();
    constexpr int kCalls = 20;
    for (int i = 0; i < kCalls; ++i) {
        ASSERT_EQ(anonymous.get("/api/health").status, 200);
        ASSERT_EQ(desk.get("/api/queues").status, 200);
    }
    const auto rest = Clock::now() - restStart;
    // New connections too (each needs a worker of its own while it is served).
    for (int i = 0; i < 10; ++i) {
        Client fresh(server->port(), tokenB);
        fresh.setTimeout(Poco::Timespan(5, 0));
        ASSERT_EQ(fresh.get("/api/queues").status, 200);
    }

    // And every one of the sockets still gets the changes.
    const core::Ticket t = createTicket(*b, 1);
    for (int i = 0; i < kSockets; ++i) {
        const core::LiveFrame change = live[static_cast<std::size_t>(i)]->next();
        ASSERT_EQ(change.type, core::LiveFrameType::Change) << "socket " << i;
        ASSERT_TRUE(change.ticket);
        EXPECT_EQ(change.ticket->id, t.id) << "socket " << i;
    }
    std::cout << "[ figures  ] " << kSockets << " live sockets opened in " << ms(opened)
              << " ms; then " << 2 * kCalls << " REST calls in " << ms(rest) << " ms\n";
}

TEST_F(LiveHeartbeatTest, AClientThatNeverAnswersIsClosedAfterTwoHeartbeats) {
    LiveSocket silent(server->port(), tokenA);
    ASSERT_EQ(silent.next().type, core::LiveFrameType::Hello);
    const auto start = Clock::now();
    silent.socket().setReceiveTimeout(Poco::Timespan(1, 0));
    int pings = 0;
    std::optional<RawFrame> end;
    while (!end && Clock::now() - start < 20s) {
        RawFrame frame;
        try {
            frame = receive(silent.socket());  // read, never answer
        } catch (const Poco::TimeoutException&) {
            continue;
        }
        if (frame.opcode == WebSocket::FRAME_OP_PING) {
            ++pings;
        } else if (!frame.opcode || frame.opcode == WebSocket::FRAME_OP_CLOSE) {
            end = frame;
        }
    }
    const auto waited = Clock::now() - start;
    ASSERT_TRUE(end) << "still open after " << ms(waited) << " ms of silence";
    EXPECT_GE(pings, 1) << "the server pinged before it gave up";
    // Two heartbeats of silence, counted from the upgrade (a little before the hello arrived).
    EXPECT_GE(ms(waited), 2 * kHeartbeatMs - 200);
    EXPECT_LT(ms(waited), 2 * kHeartbeatMs + 5000);
    std::cout << "[ figures  ] closed " << ms(waited) << " ms after the hello, " << pings
              << " pings unanswered (heartbeat " << kHeartbeatMs << " ms)\n";
}

/// Reads `rounds` heartbeats of the server on `socket`, answering each server ping with `answer`
/// (a pong, or a ping of our own as the console's LiveFeedClient does); returns the pongs seen.
int keepAlive(WebSocket& socket, int rounds, int answer) {
    int pongs = 0;
    for (int serverPings = 0; serverPings < rounds;) {
        const RawFrame frame = receive(socket);  // throws after 3 s without a frame
        if (!frame.opcode) {
            ADD_FAILURE() << "closed after " << serverPings << " heartbeats";
            return pongs;
        }
        if (*frame.opcode == WebSocket::FRAME_OP_PING) {
            ++serverPings;
            socket.sendFrame(frame.payload.data(), static_cast<int>(frame.payload.size()),
                             static_cast<int>(WebSocket::FRAME_FLAG_FIN) | answer);
        } else if (*frame.opcode == WebSocket::FRAME_OP_PONG) {
            ++pongs;
        }
    }
    return pongs;
}

void expectNextChangeIs(LiveSocket& live, const core::Ticket& t) {
    const core::LiveFrame change = live.next();
    EXPECT_EQ(change.type, core::LiveFrameType::Change);
    ASSERT_TRUE(change.ticket);
    EXPECT_EQ(change.ticket->id, t.id);
}

constexpr int kRounds = 8;  // four times the idle limit

TEST_F(LiveHeartbeatTest, AClientThatAnswersPingsIsKept) {
    LiveSocket live(server->port(), tokenA);
    ASSERT_EQ(live.next().type, core::LiveFrameType::Hello);
    keepAlive(live.socket(), kRounds, WebSocket::FRAME_OP_PONG);
    expectNextChangeIs(live, createTicket(*b, 1));
}

// The console's LiveFeedClient never answers the server's pings: it pings on its own, every
// heartbeat, and takes the pong (an empty one too) as life. That keeps it connected.
TEST_F(LiveHeartbeatTest, AClientThatPingsIsAnsweredAndKept) {
    LiveSocket console(server->port(), tokenA);
    ASSERT_EQ(console.next().type, core::LiveFrameType::Hello);
    const int pongs = keepAlive(console.socket(), kRounds, WebSocket::FRAME_OP_PING);
    EXPECT_GE(pongs, kRounds - 1) << "every ping is answered";
    expectNextChangeIs(console, createTicket(*b, 1));
}

TEST_F(ServerTest, APingsPayloadComesBackInThePong) {
    LiveSocket live(server->port(), tokenA);
    ASSERT_EQ(live.next().type, core::LiveFrameType::Hello);
    const std::string payload = "are you there";
    live.socket().sendFrame(payload.data(), static_cast<int>(payload.size()),
                            static_cast<int>(WebSocket::FRAME_FLAG_FIN) | WebSocket::FRAME_OP_PING);
    RawFrame frame;
    do {
        frame = receive(live.socket());
        ASSERT_TRUE(frame.opcode) << "closed instead of a pong";
    } while (*frame.opcode != WebSocket::FRAME_OP_PONG);
    EXPECT_EQ(frame.payload, payload);
}

TEST_F(ServerTest, ShutdownClosesLiveSockets) {
    LiveSocket live(server->port(), tokenA);
    ASSERT_EQ(live.next().type, core::LiveFrameType::Hello);
    auto stopped = std::async(std::launch::async, [&] { return server->stop(); });
    std::optional<RawFrame> end;
    const auto start = Clock::now();
    while (!end && Clock::now() - start < 30s) {
        try {
            RawFrame frame = receive(live.socket());
            if (!frame.opcode || frame.opcode == WebSocket::FRAME_OP_CLOSE) {
                end = frame;
            }
        } catch (const Poco::TimeoutException&) {
        }
    }
    EXPECT_TRUE(end) << "the live socket stayed open while the server stopped";
    EXPECT_EQ(stopped.get(), 0) << "a graceful stop";
}

TEST_F(ServerTest, LiveFeedOverTls) {
    TlsServer tls;
    Poco::Net::HTTPSClientSession session("localhost", tls.port(), tls.trusting());
    Poco::Net::HTTPRequest upgrade(Poco::Net::HTTPRequest::HTTP_GET, "/api/live",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    upgrade.set("Authorization", "Bearer " + tls.token());
    Poco::Net::HTTPResponse upgraded;
    WebSocket live(session, upgrade, upgraded);
    live.setReceiveTimeout(Poco::Timespan(3, 0));
    const RawFrame hello = receive(live);
    ASSERT_EQ(hello.opcode, WebSocket::FRAME_OP_TEXT);
    const core::LiveFrame helloFrame = core::codec::decodeLiveFrame(hello.payload);
    EXPECT_EQ(helloFrame.type, core::LiveFrameType::Hello);

    // A ping over TLS is answered as over plain TCP.
    live.sendFrame("", 0, static_cast<int>(WebSocket::FRAME_FLAG_FIN) | WebSocket::FRAME_OP_PING);
    EXPECT_EQ(receive(live).opcode, WebSocket::FRAME_OP_PONG);

    const HttpResult created =
        tls.request("POST", "/api/nfc/check-in", checkInBody(core::newUuidV4(), cardRefOf(1)),
                    {{"Content-Type", "application/json"}, {"X-Idempotency-Key", "tls-1"}});
    ASSERT_EQ(created.status, 201) << created.body;
    const RawFrame change = receive(live);
    ASSERT_EQ(change.opcode, WebSocket::FRAME_OP_TEXT);
    const core::LiveFrame frame = core::codec::decodeLiveFrame(change.payload);
    EXPECT_EQ(frame.type, core::LiveFrameType::Change);
    EXPECT_EQ(frame.seq, helloFrame.seq + 1);
}

}  // namespace
}  // namespace sanad::test
