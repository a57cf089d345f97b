#pragma once
// The console window against a real sanad-server (demo data), shared by the window's test files:
// a server with a desk device, an HTTP client on it, and the window's options. UI thread only.
#include "server_process.h"
#include "ui_test_support.h"

#include "sanad/core/codec.h"
#include "sanad/core/demo_cards.h"
#include "sanad/ui/main_frame.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sanad::test {

using namespace std::chrono_literals;

inline const char* const kErikasCard =
    core::demoCards().front().uidHex;  // known to the demo server

class ConsoleWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        server = std::make_unique<ServerProcess>();
        token = server->addDevice("Empfang 1");
        api = std::make_unique<Client>(server->port(), token);
    }

    void TearDown() override {
        closeAllWindows();
        frame = nullptr;
    }

    /// The window, connected straight to the server or through `proxy`.
    ui::MainFrame* open(const std::string& url) {
        frame = new ui::MainFrame(options(url));
        frame->Show();
        EXPECT_TRUE(pumpUntil([&] {
            return frame->viewLoaded() && frame->online() == true && frame->model().size() > 0;
        })) << "the window never showed the server's queue";
        return frame;
    }

    std::string gdtFolder;   // the PVS exchange folder the window watches ("" = none)
    ui::VoiceFactory voice;  // the waiting room's voice (a recorder in the display tests)

    ui::ConsoleOptions options(const std::string& url) {
        ui::ConsoleOptions o;
        o.config.serverUrl = url;
        o.config.token = token;
        o.config.dataDir = dataDir.path() + "/console";
        o.config.queueId = "general";
        o.config.room = "Zimmer 2";
        o.config.deskName = "Empfang 1";
        o.demo = true;
        o.pcscReader = false;
        o.engine.periodic = 1s;
        o.simulatedCards = {*core::fromHex(kErikasCard)};
        o.retry = retry;
        o.configPath = configPath;
        o.config.gdtFolder = gdtFolder;
        o.voice = voice;
        return o;
    }

    std::vector<core::Ticket> serverTickets(const std::string& queue = "general") {
        return core::codec::decodeTicketsResponse(
                   api->get("/api/queues/" + queue + "/tickets?all=1").body)
            .tickets;
    }

    std::optional<core::Ticket> serverTicket(const std::string& id,
                                             const std::string& queue = "general") {
        for (const core::Ticket& t : serverTickets(queue)) {
            if (t.id == id) {
                return t;
            }
        }
        return std::nullopt;
    }

    std::optional<unsigned> rowOf(const std::string& number) {
        for (unsigned i = 0; i < frame->model().size(); ++i) {
            if (frame->model().at(i)->ticket.number == number) {
                return i;
            }
        }
        return std::nullopt;
    }

    TempDir dataDir;
    std::unique_ptr<ServerProcess> server;
    std::string token;
    std::unique_ptr<Client> api;
    ui::MainFrame* frame = nullptr;
    std::optional<core::RetryPolicy> retry;
    std::string configPath;
};

}  // namespace sanad::test
