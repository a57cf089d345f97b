// The patient's status URL (issue 15): public_url from /api/config, cached in console.db, plus
// "/t/" + the status token computed at the desk, so offline check-ins get their QR code too.
#include "desk_settings.h"
#include "fault_proxy.h"
#include "sanad/core/codec.h"
#include "sanad/core/console_core.h"
#include "server_process.h"

#include <gtest/gtest.h>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
using core::ConsoleCore;
using core::Delivery;

core::Bytes uid(int n) {
    return core::Bytes{0x04, 0x22, static_cast<std::uint8_t>(n), 0x5d, 0x80, 0x01, 0x07};
}

class StatusUrlTest : public ::testing::Test {
protected:
    void start(std::vector<std::string> serverArgs, bool demo = true) {
        server = std::make_unique<ServerProcess>(std::move(serverArgs), "", demo);
        token = server->addDevice("Empfang 1");
        proxy = std::make_unique<FaultProxy>(server->port());
    }
    core::ConsoleSettings settings() {
        return deskSettings(proxy->url(), token, dataDir.path() + "/console", 700ms);
    }
    std::string expectedUrl(const std::string& base, const std::string& ticketId) {
        Client api(server->port(), token);
        const auto key = core::codec::decodeConfigResponse(api.get("/api/config").body).practiceKey;
        return base + "/t/" + core::statusToken(*core::fromHex(key), ticketId);
    }

    TempDir dataDir;
    std::unique_ptr<ServerProcess> server;
    std::string token;
    std::unique_ptr<FaultProxy> proxy;
};

TEST_F(StatusUrlTest, OnlineAndOfflineCheckInsCarryTheirStatusUrl) {
    // A trailing slash on the server's option or in the cache gives no "//t/".
    start({"--public-url", "https://praxis.example/wartezimmer/"});
    const std::string base = "https://praxis.example/wartezimmer";
    std::string offlineId;
    {
        ConsoleCore core(settings());
        ASSERT_TRUE(core.sync().reachable);
        const auto online = core.checkIn(uid(1));
        ASSERT_EQ(online.delivery, Delivery::Synced);
        ASSERT_TRUE(online.statusUrl);
        EXPECT_EQ(*online.statusUrl, expectedUrl(base, online.ticket->id));
        EXPECT_EQ(core.statusUrl(online.ticket->id), online.statusUrl);
        EXPECT_EQ(online.statusUrl->size(), base.size() + 3 + 32);  // "/t/" + 32 hex

        proxy->setMode(FaultProxy::Mode::Refuse);
        const auto offline = core.checkIn(uid(2));
        ASSERT_EQ(offline.delivery, Delivery::Queued);
        ASSERT_TRUE(offline.statusUrl);
        EXPECT_EQ(*offline.statusUrl, expectedUrl(base, offline.ticket->id));
        offlineId = offline.ticket->id;
    }
    // The console started again while the server is still away: the cached public_url.
    ConsoleCore restarted(settings());
    EXPECT_EQ(restarted.statusUrl(offlineId), expectedUrl(base, offlineId));
    const auto walkIn = restarted.checkInWalkIn({});
    ASSERT_EQ(walkIn.delivery, Delivery::Queued);
    ASSERT_TRUE(walkIn.statusUrl);
    EXPECT_EQ(*walkIn.statusUrl, expectedUrl(base, walkIn.ticket->id));
}

TEST_F(StatusUrlTest, NoneWithoutAPublicUrlOrBeforeTheFirstContact) {
    start({}, /*demo=*/false);  // a demo server's public_url is its own address
    ConsoleCore core(settings());
    EXPECT_FALSE(core.statusUrl("0b9f6f1e-3d1c-4c55-9d7e-1f2a3b4c5d6e"));  // nothing cached yet
    ASSERT_TRUE(core.sync().reachable);
    const auto result = core.checkIn(uid(3));
    ASSERT_EQ(result.delivery, Delivery::Synced);
    EXPECT_FALSE(result.statusUrl);  // the server has no public_url
    EXPECT_FALSE(core.statusUrl(result.ticket->id));
}

}  // namespace
}  // namespace sanad::test
