// Exactly once under concurrency and crashes, the live feed, TLS, retention.
#include "live_socket.h"
#include "server_fixture.h"
#include "tls_server.h"

#include <Poco/Data/Session.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <fstream>
#include <numeric>
#include <random>
#include <set>
#include <thread>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
namespace codec = core::codec;

std::size_t ticketCount(Client& client) {
    std::size_t n = 0;
    for (const char* q : {"general", "lab"}) {
        n += codec::decodeTicketsResponse(
                 client.get(std::string("/api/queues/") + q + "/tickets?all=1").body)
                 .tickets.size();
    }
    return n;
}

TEST_F(ServerTest, ConcurrentDuplicateKeysMakeExactlyOneTicketEach) {
    constexpr int kThreads = 32;
    constexpr int kKeys = 16;
    std::vector<std::string> keys, bodies;
    for (int k = 0; k < kKeys; ++k) {
        keys.push_back(core::newUuidV4());
        bodies.push_back(checkInBody(core::newUuidV4(), cardRefOf(100 + k)));
    }
    const std::size_t before = ticketCount(*a);
    std::vector<std::vector<std::string>> answers(kKeys);
    std::mutex answersMutex;
    std::atomic<int> inFlightSeen{0}, unexpected{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            Client client(server->port(), tokenA);
            std::vector<int> order(kKeys);
            std::iota(order.begin(), order.end(), 0);
            std::shuffle(order.begin(), order.end(), std::mt19937(t));
            for (int k : order) {
                for (int attempt = 0; attempt < 200; ++attempt) {
                    const HttpResult r = client.post("/api/nfc/check-in", bodies[k], keys[k]);
                    if (r.status == 409) {
                        ++inFlightSeen;
                        EXPECT_EQ(r.headers.count("Retry-After"), 1u);
                        std::this_thread::sleep_for(2ms);
                        continue;
                    }
                    if (r.status != 201) {
                        ++unexpected;
                    }
                    std::lock_guard lock(answersMutex);
                    answers[k].push_back(r.body);
                    break;
                }
            }
        });
    }
    for (auto& th : threads)
        th.join();
    EXPECT_EQ(unexpected.load(), 0);
    EXPECT_EQ(ticketCount(*a), before + kKeys) << "exactly one ticket per key";
    for (int k = 0; k < kKeys; ++k) {
        ASSERT_EQ(answers[k].size(), static_cast<std::size_t>(kThreads));
        EXPECT_EQ(std::set<std::string>(answers[k].begin(), answers[k].end()).size(), 1u)
            << "every answer for a key is the same answer";
    }
    RecordProperty("in_flight_409s", inFlightSeen.load());
}

TEST_F(ServerTest, SigkillUnderLoadThenReplayIsExactlyOnce) {
    constexpr int kThreads = 8;
    const std::size_t before = ticketCount(*a);  // the demo's tickets
    struct Sent {
        std::string key, body, answer;
        bool answered = false;
    };
    std::vector<std::vector<Sent>> sent(kThreads);
    std::atomic<bool> stop{false};
    std::atomic<int> answeredSoFar{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            Client client(server->port(), tokenA);
            for (int i = 0; !stop && i < 5000; ++i) {
                Sent s{core::newUuidV4(), checkInBody(core::newUuidV4(), cardRefOf(1000 * t + i)),
                       "", false};
                try {
                    const HttpResult r = client.post("/api/nfc/check-in", s.body, s.key);
                    s.answered = r.status == 201;
                    s.answer = r.body;
                    answeredSoFar += s.answered ? 1 : 0;
                } catch (const Poco::Exception&) {
                    // the server died under us: this one may or may not have been committed
                }
                sent[t].push_back(std::move(s));
                if (!s.answered && stop)
                    break;
            }
        });
    }
    // Kill once the load is going (by answers, not by time: PostgreSQL on a busy CI machine can
    // take a while for its first answers), at a moment no request sees coming.
    const auto patience = std::chrono::steady_clock::now() + 30s;
    while (answeredSoFar < 40 && std::chrono::steady_clock::now() < patience) {
        std::this_thread::sleep_for(5ms);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::random_device()() % 50));
    server->kill();
    stop = true;
    for (auto& th : threads)
        th.join();

    server->restart();
    Client client(server->port(), tokenA);
    const std::size_t afterCrash = ticketCount(client);
    std::size_t total = 0, answered = 0;
    for (auto& list : sent) {
        for (const Sent& s : list) {
            ++total;
            const HttpResult r = client.post("/api/nfc/check-in", s.body, s.key);
            ASSERT_TRUE(r.status == 201) << r.status << " " << r.body;
            if (s.answered) {
                ++answered;
                EXPECT_EQ(r.body, s.answer) << "a committed answer replays byte for byte";
                EXPECT_EQ(r.headers.at("Idempotent-Replayed"), "true");
            }
        }
    }
    ASSERT_GT(answered, 20u) << "the load did not get going before the kill";
    EXPECT_GE(afterCrash, before + answered) << "every answered check-in survived the crash";
    EXPECT_EQ(ticketCount(client), before + total) << "exactly one ticket per key after replay";
}

TEST_F(ServerTest, GracefulShutdownOnSigterm) {
    EXPECT_EQ(server->stop(), 0);
}

// The console's demo server: it must end with the console, even one killed with SIGKILL.
TEST(ServerLifeline, StopsGracefullyWhenItsStandardInputCloses) {
    TempDir dir;
    Poco::Pipe in, out;
    Poco::ProcessHandle h = Poco::Process::launch(
        ServerProcess::binary(),
        {"--port", "0", "--data", dir.path() + "/data", "--stop-on-stdin-eof"}, &in, &out, nullptr);
    Poco::PipeInputStream stream(out);
    std::string line;
    ASSERT_TRUE(std::getline(stream, line));
    EXPECT_NE(line.find("listening on"), std::string::npos) << line;
    in.writeBytes("anything\n", 9);  // input is ignored; only its end counts
    std::this_thread::sleep_for(300ms);
    EXPECT_TRUE(Poco::Process::isRunning(h)) << "it serves while its input is open";
    in.close();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    int rc = -1;
    while ((rc = h.tryWait()) == -1 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(20ms);  // tryWait, not isRunning: a zombie still "runs"
    }
    if (rc == -1) {
        Poco::Process::kill(h);
        h.wait();
        FAIL() << "still running 10 s after its standard input closed";
    }
    EXPECT_EQ(rc, 0) << "a graceful stop";
}

TEST_F(ServerTest, RefusesADamagedDatabase) {
    if (server->onPostgres()) {
        GTEST_SKIP() << "a damaged SQLite file; PostgreSQL guards its own files";
    }
    const std::string dir = server->dataDir();
    server->stop();
    {
        std::ofstream db(dir + "/sanad.db", std::ios::binary | std::ios::trunc);
        db << std::string(8192, 'x');
    }
    std::remove((dir + "/sanad.db-wal").c_str());
    std::remove((dir + "/sanad.db-shm").c_str());
    EXPECT_THROW(ServerProcess({}, dir), std::runtime_error);
    std::ifstream db(dir + "/sanad.db", std::ios::binary);
    std::string content((std::istreambuf_iterator<char>(db)), {});
    EXPECT_EQ(content, std::string(8192, 'x')) << "the damaged file is left as it was";
}

TEST_F(ServerTest, LiveFeedSaysHelloThenPushesEveryChange) {
    LiveSocket live(server->port(), tokenA);
    const core::LiveFrame hello = live.next();
    EXPECT_EQ(hello.type, core::LiveFrameType::Hello);
    EXPECT_EQ(hello.seq, latestSeq(*a));

    const core::Ticket t = createTicket(*b, 1);  // another desk's check-in
    const core::LiveFrame change = live.next();  // within the socket's 3 s receive timeout
    EXPECT_EQ(change.type, core::LiveFrameType::Change);
    EXPECT_EQ(change.seq, hello.seq + 1);
    ASSERT_TRUE(change.ticket);
    EXPECT_EQ(change.ticket->id, t.id);

    move(*b, t, core::TicketStatus::Called);
    const core::LiveFrame called = live.next();
    EXPECT_EQ(called.seq, hello.seq + 2);
    EXPECT_EQ(called.ticket->status, core::TicketStatus::Called);
}

TEST_F(ServerTest, LiveFeedRefusesAWrongTokenBeforeTheUpgrade) {
    try {
        LiveSocket live(server->port(), "wrong");
        FAIL() << "upgraded without a valid token";
    } catch (const Poco::Net::WebSocketException& e) {
        EXPECT_EQ(e.code(), Poco::Net::WebSocket::WS_ERR_UNAUTHORIZED) << e.displayText();
    }
    Client plain(server->port());
    EXPECT_EQ(plain.get("/api/live").status, 401);
}

TEST_F(ServerTest, ASlowLiveClientBlocksNobody) {
    LiveSocket stuck(server->port(), tokenB);  // never reads a frame
    stuck.socket().setReceiveBufferSize(4096);
    LiveSocket live(server->port(), tokenA);
    const std::int64_t helloSeq = live.next().seq;
    constexpr int kChanges = 300;
    for (int i = 0; i < kChanges; ++i) {
        ASSERT_EQ(checkIn(*a, cardRefOf(500 + i)).status, 201);
    }
    for (int i = 1; i <= kChanges; ++i) {
        EXPECT_EQ(live.next().seq, helloSeq + i);
    }
}

TEST_F(ServerTest, TlsServesTheSameApi) {
    TlsServer tls;
    const HttpResult queues = tls.request("GET", "/api/queues");
    EXPECT_EQ(queues.status, 200);
    EXPECT_EQ(codec::decodeQueuesResponse(queues.body).queues.size(), 2u);

    // A client that does not trust the certificate gets nothing.
    Poco::Net::Context::Ptr untrusting =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                               Poco::Net::Context::VERIFY_STRICT, 9, false);
    Poco::Net::HTTPSClientSession refused("localhost", tls.port(), untrusting);
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/api/queues",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + tls.token());
    EXPECT_ANY_THROW({
        refused.sendRequest(request);
        Poco::Net::HTTPResponse r;
        refused.receiveResponse(r);
    });
    // Plain HTTP to the TLS port is not served.
    Client plain(tls.port(), tls.token());
    EXPECT_ANY_THROW(plain.get("/api/queues"));
}

class RetentionTest : public ServerTest {
protected:
    std::vector<std::string> serverArgs() override {
        return {"--retention-hours", "1", "--purge-interval", "1"};
    }
};

TEST_F(RetentionTest, ExpiredKeysArePurgedAndTheTicketIdStillGuardsAgainstDuplicates) {
    const std::string id = core::newUuidV4();
    const std::string body = checkInBody(id, cardRefOf(1));
    ASSERT_EQ(a->post("/api/nfc/check-in", body, "old-key").status, 201);
    EXPECT_EQ(a->post("/api/nfc/check-in", body, "old-key").headers.at("Idempotent-Replayed"),
              "true");
    server->execSql("UPDATE idempotency SET created_at = created_at - 2 * 3600 * 1000");
    std::this_thread::sleep_for(2500ms);
    const HttpResult again = a->post("/api/nfc/check-in", body, "old-key");
    EXPECT_EQ(again.status, 200) << again.body;
    EXPECT_FALSE(again.has("Idempotent-Replayed")) << "the record was purged";
    EXPECT_EQ(codec::decodeCheckInResponse(again.body).outcome, core::CheckInOutcome::Existing);
    EXPECT_EQ(codec::decodeCheckInResponse(again.body).ticket.id, id);
}

}  // namespace
}  // namespace sanad::test
