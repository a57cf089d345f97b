// The sync thread and the live feed against a real sanad-server.
#include "sanad/core/sync_engine.h"
#include "desk_settings.h"
#include "fault_proxy.h"
#include "sanad/core/card_reader.h"
#include "sanad/core/codec.h"
#include "sanad/core/live_feed_client.h"
#include "sanad/core/uuid.h"
#include "server_process.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include <atomic>

#include <condition_variable>
#include <mutex>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
namespace codec = core::codec;

/// Collects listener calls (they arrive on the sync thread) for the test thread to wait on.
class WaitingListener : public core::ConsoleListener {
public:
    void connectivityChanged(bool online) override {
        std::lock_guard lock(mutex_);
        online_ = online;
        offlineReports_ += online ? 0 : 1;
        changed_.notify_all();
    }
    void ticketsChanged(const std::string& queueId) override {
        std::lock_guard lock(mutex_);
        ticketEvents_.push_back(queueId);
        changed_.notify_all();
    }
    void outboxChanged(const core::OutboxCounts& counts) override {
        std::lock_guard lock(mutex_);
        counts_ = counts;
        changed_.notify_all();
    }
    template <typename Predicate>
    bool waitFor(Predicate predicate, std::chrono::milliseconds timeout = 10s) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return predicate(*this); });
    }
    bool online_ = false;
    int offlineReports_ = 0;
    std::vector<std::string> ticketEvents_;
    core::OutboxCounts counts_;

private:
    std::mutex mutex_;
    std::condition_variable changed_;
};

class SyncEngineTest : public ::testing::Test {
protected:
    void SetUp() override {
        server = std::make_unique<ServerProcess>();
        token = server->addDevice("Empfang 1");
        proxy = std::make_unique<FaultProxy>(server->port());
        other = std::make_unique<Client>(server->port(), server->addDevice("Empfang 2"));
    }
    core::ConsoleSettings settings() {
        return deskSettings(proxy->url(), token, dir.path() + "/console", 1000ms);
    }
    TempDir dir;
    std::unique_ptr<ServerProcess> server;
    std::string token;
    std::unique_ptr<FaultProxy> proxy;
    std::unique_ptr<Client> other;
    WaitingListener listener;
};

TEST_F(SyncEngineTest, AnotherDesksCheckInReachesThisDesksListenerAndCache) {
    core::SyncEngine engine(settings(), &listener, {30s, true, 500ms});
    engine.start();
    ASSERT_TRUE(listener.waitFor([](auto& l) { return l.online_; }));
    ASSERT_TRUE(engine.syncNow().get().reachable);
    const std::size_t eventsBefore = [&] {
        std::size_t n = 0;
        listener.waitFor([&](auto& l) {
            n = l.ticketEvents_.size();
            return true;
        });
        return n;
    }();
    const std::string id = core::newUuidV4();
    ASSERT_EQ(other
                  ->post("/api/nfc/check-in",
                         codec::encode(core::CheckIn{id, "general", core::sha256Hex("b"),
                                                     core::now(), std::nullopt}),
                         core::newUuidV4())
                  .status,
              201);
    ASSERT_TRUE(listener.waitFor([&](auto& l) { return l.ticketEvents_.size() > eventsBefore; }));
    engine.stop();
    core::ConsoleStore store(settings().dataDir);
    ASSERT_TRUE(store.ticket(id)) << "the pushed ticket is in this desk's cache";
    EXPECT_EQ(store.ticket(id)->ticket.deviceId, "Empfang 2");
}

TEST_F(SyncEngineTest, ChangesMadeOfflineGoOutByThemselvesWhenTheNetworkReturns) {
    core::SyncEngine engine(settings(), &listener, {60s, true, 500ms});
    engine.start();
    ASSERT_TRUE(engine.syncNow().get().reachable);
    proxy->setMode(FaultProxy::Mode::Refuse);
    ASSERT_TRUE(listener.waitFor([](auto& l) { return !l.online_; }));
    const auto result = engine.checkIn(core::Bytes{1, 2, 3, 4}).get();
    EXPECT_EQ(result.delivery, core::Delivery::Queued);
    EXPECT_TRUE(listener.waitFor([](auto& l) { return l.counts_.pending == 1; }));
    // No syncNow: the live feed's reconnect triggers the catch-up and the delivery.
    proxy->setMode(FaultProxy::Mode::Pass);
    EXPECT_TRUE(listener.waitFor([](auto& l) { return l.online_ && l.counts_.pending == 0; }, 15s));
    const auto tickets =
        codec::decodeTicketsResponse(other->get("/api/queues/general/tickets").body).tickets;
    EXPECT_EQ(std::count_if(tickets.begin(), tickets.end(),
                            [&](const core::Ticket& t) { return t.id == result.ticket->id; }),
              1);
}

/// The console's wiring: a reader's taps go to the engine as card_refs.
class TapToEngine : public core::CardReaderListener {
public:
    explicit TapToEngine(core::SyncEngine& engine) : engine_(engine) {}
    void cardTapped(const std::string&, const std::string& cardRef) override {
        results.push_back(engine_.checkInCard(cardRef));
    }
    std::vector<std::future<core::CheckInResult>> results;

private:
    core::SyncEngine& engine_;
};

TEST_F(SyncEngineTest, AReaderTapBecomesACheckInWithThePracticeKeysCardRef) {
    core::SyncEngine engine(settings(), &listener, {30s, true, 500ms});
    engine.start();
    ASSERT_TRUE(engine.syncNow().get().reachable);
    TapToEngine wiring(engine);
    core::SimulatedCardReader reader(engine.cardRefMaker(), &wiring);
    reader.start();
    const core::Bytes uid{0x04, 0x99, 0x88, 0x77, 0x66, 0x55, 0x44};
    for (int i = 0; i < 50 && wiring.results.empty(); ++i) {
        reader.tap(uid);  // the key reaches the reader thread right after the first sync pass
        if (wiring.results.back().wait_for(5s) == std::future_status::ready) {
            const core::CheckInResult r = wiring.results.back().get();
            if (r.delivery == core::Delivery::Synced) {
                const auto key = *core::fromHex(
                    codec::decodeConfigResponse(other->get("/api/config").body).practiceKey);
                EXPECT_EQ(r.ticket->cardRef, core::cardRef(key, uid));
                return;
            }
        }
        wiring.results.clear();
        std::this_thread::sleep_for(100ms);
    }
    FAIL() << "no synced check-in from the simulated reader";
}

TEST_F(SyncEngineTest, ASilentLineIsNoticedByTheHeartbeat) {
    core::SyncEngine engine(settings(), &listener, {60s, true, 300ms});
    engine.start();
    ASSERT_TRUE(listener.waitFor([](auto& l) { return l.online_; }));
    proxy->setMode(FaultProxy::Mode::Blackhole);  // no reset, no answer: a pulled cable
    ASSERT_TRUE(listener.waitFor([](auto& l) { return !l.online_; }, 10s));
    proxy->setMode(FaultProxy::Mode::Pass);
    EXPECT_TRUE(listener.waitFor([](auto& l) { return l.online_; }, 10s));
}

TEST_F(SyncEngineTest, AHealthyIdleLineStaysOnlineAcrossHeartbeats) {
    // The server answers each ping with an empty pong: a frame of 0 bytes that is not the end of
    // the connection (the console used to take it for one and went offline at every ping).
    // 500 ms: the server looks at client frames every 200 ms, so a pong may take that long.
    core::SyncEngine engine(settings(), &listener, {60s, true, 500ms});
    engine.start();
    ASSERT_TRUE(listener.waitFor([](auto& l) { return l.online_; }));
    int before = 0;
    listener.waitFor([&](auto& l) { return (before = l.offlineReports_), true; });
    EXPECT_FALSE(listener.waitFor([&](auto& l) { return l.offlineReports_ > before; }, 4s))
        << "went offline on an idle, healthy line (8 heartbeats)";
}

TEST_F(SyncEngineTest, StopsPromptlyEvenWhileTheServerIsAway) {
    proxy->setMode(FaultProxy::Mode::Blackhole);
    core::SyncEngine engine(settings(), &listener, {30s, true, 500ms});
    engine.start();
    // Both threads are in a request nobody answers: the sync pass and the live feed's handshake.
    for (int i = 0; i < 400 && proxy->accepted() < 2; ++i) {
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_GE(proxy->accepted(), 2);
    const auto start = std::chrono::steady_clock::now();
    engine.stop();
    // The sync pass ends with its read timeout (1 s here); the live feed at once.
    EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

// Issue 13, bug 7: stop() returns within about a second, even in the middle of a handshake that
// would wait out a 10 s read timeout, and even in a long backoff.
TEST_F(SyncEngineTest, TheLiveFeedStopsWithinASecond) {
    proxy->setMode(FaultProxy::Mode::Blackhole);
    auto client = settings().client;
    client.readTimeout = 10s;
    core::LiveFeedClient live(client, {}, 10s);
    live.start();
    for (int i = 0; i < 400 && proxy->accepted() < 1; ++i) {
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_GE(proxy->accepted(), 1) << "the handshake never started";
    std::this_thread::sleep_for(100ms);  // well inside the handshake's wait
    auto start = std::chrono::steady_clock::now();
    live.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms) << "in a handshake";

    // Refused at once, five times: the backoff's ceiling is 16 s now (1 s doubling, full
    // jitter), so a stop that slept through it would show.
    proxy->setMode(FaultProxy::Mode::Refuse);
    const int before = proxy->accepted();
    core::LiveFeedClient refused(settings().client, {}, 10s);
    refused.start();
    for (int i = 0; i < 6000 && proxy->accepted() < before + 5; ++i) {
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_GE(proxy->accepted(), before + 5);
    start = std::chrono::steady_clock::now();
    refused.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms) << "in a backoff";
}

// Issue 13, bug 2: a store that fails under the running engine (here another program dropped a
// table of console.db) is reported; the sync thread carries on instead of std::terminate.
TEST_F(SyncEngineTest, AStoreThatFailsUnderTheEngineIsReportedNotFatal) {
    struct Problems : WaitingListener {
        std::atomic<int> problems{0};
        void problemReported(const core::Problem&) override { ++problems; }
    } problems;
    core::SyncEngine engine(settings(), &problems, {60s, false, 500ms});
    engine.start();
    ASSERT_TRUE(engine.syncNow().get().reachable);
    {
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::Session other("SQLite", settings().dataDir + "/console.db");
        other << "DROP TABLE meta", Poco::Data::Keywords::now;
    }
    auto pass = engine.syncNow();
    EXPECT_THROW(pass.get(), Poco::Exception) << "the failure reaches the caller";
    // The engine still works after its failed passes: a later request is answered.
    EXPECT_EQ(engine.unsentChanges().wait_for(10s), std::future_status::ready);
    engine.stop();
    EXPECT_GT(problems.problems.load(), 0);
}

}  // namespace
}  // namespace sanad::test
