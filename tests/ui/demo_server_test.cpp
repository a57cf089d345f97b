// `sanad-reception --demo`'s server: a real sanad-server on a free loopback port with this desk
// registered; gone, with its folder, when the console closes.
#include "sanad/ui/demo_server.h"
#include "server_process.h"

#include <Poco/File.h>
#include <Poco/URI.h>
#include <gtest/gtest.h>

namespace sanad::test {
namespace {

TEST(DemoServer, StartsRegistersThisDeskAndCleansUp) {
    std::string folder;
    {
        ui::DemoServer demo(ServerProcess::binary());
        folder = demo.folder();
        // Everything it makes lives inside its one folder.
        EXPECT_EQ(demo.consoleDataDir().rfind(folder + "/", 0), 0u) << demo.consoleDataDir();
        ASSERT_TRUE(demo.running());
        const Poco::URI uri(demo.url());
        EXPECT_EQ(uri.getHost(), "127.0.0.1");
        ASSERT_NE(uri.getPort(), 0);
        Client client(uri.getPort(), demo.token());
        const auto queues = client.get("/api/queues");
        EXPECT_EQ(queues.status, 200);
        EXPECT_NE(queues.body.find("Allgemeinmedizin"), std::string::npos) << "no demo data";
        Client stranger(uri.getPort(), "not-a-token");
        EXPECT_EQ(stranger.get("/api/queues").status, 401);
    }
    EXPECT_FALSE(Poco::File(folder).exists()) << "the demo folder was left behind";
}

TEST(DemoServer, AMissingServerIsAClearError) {
    try {
        ui::DemoServer demo("/nonexistent/sanad-server");
        FAIL() << "started without a server";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("sanad-server not found"), std::string::npos);
    }
}

}  // namespace
}  // namespace sanad::test
