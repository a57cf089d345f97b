// Results of work on other threads come back to the window on the UI thread, or not at all once
// the window is gone; a failure of the work (an exception, or work that never ran) reaches the
// error path instead of vanishing (issue 13: FuturePump swallowed them).
#include "sanad/ui/then_on_window.h"
#include "temp_dir.h"
#include "ui_test_support.h"

#include "sanad/core/sync_engine.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include <wx/frame.h>
#include <wx/panel.h>
#include <wx/thread.h>

#include <fstream>
#include <future>
#include <thread>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;

class ThenOnWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        frame = new wxFrame(nullptr, wxID_ANY, "then-on-window");
        frame->Show();
    }
    void TearDown() override { closeAllWindows(); }

    /// An engine on a data folder of its own; nothing listens at its server address.
    std::unique_ptr<core::SyncEngine> engine(const std::string& dataDir) {
        core::ConsoleSettings settings;
        settings.client.serverUrl = "http://127.0.0.1:9";
        settings.client.token = "not-used";
        settings.dataDir = dataDir;
        core::SyncEngine::Options options;
        options.periodic = 1h;
        options.liveFeed = false;
        auto e = std::make_unique<core::SyncEngine>(settings, nullptr, options);
        e->start();
        return e;
    }

    wxFrame* frame = nullptr;
    TempDir dir;
};

TEST_F(ThenOnWindowTest, TheResultArrivesOnTheUiThread) {
    int got = 0;
    bool onUiThread = false;
    core::Done<int> done = ui::thenOnWindow<int>(
        *frame,
        [&](int value) {
            got = value;
            onUiThread = wxIsMainThread();
        },
        [&](const std::string& error) { ADD_FAILURE() << "failed: " << error; });
    std::thread([&] { done(core::Completion<int>::success(42)); }).join();
    EXPECT_EQ(got, 0) << "nothing runs on the worker thread";
    ASSERT_TRUE(pumpUntil([&] { return got == 42; }));
    EXPECT_TRUE(onUiThread);
}

TEST_F(ThenOnWindowTest, AResultForADestroyedWindowIsDropped) {
    auto* window = new wxPanel(frame);
    int called = 0;
    const auto count = [&](core::Completion<int>) { ++called; };
    core::Done<int> arrivesBefore = ui::thenOnWindow<int>(*window, count);
    core::Done<int> arrivesAfter = ui::thenOnWindow<int>(*window, count);
    // One result is queued while the window still exists, one after it is gone.
    std::thread([&] { arrivesBefore(core::Completion<int>::success(1)); }).join();
    delete window;
    bool later = false;
    std::thread([&] {
        arrivesAfter(core::Completion<int>::success(2));
        wxTheApp->CallAfter([&] { later = true; });  // queued after both: runs after them
    }).join();
    ASSERT_TRUE(pumpUntil([&] { return later; }));
    EXPECT_EQ(called, 0);
}

TEST_F(ThenOnWindowTest, AnExceptionInTheWorkReachesTheErrorPath) {
    const std::string data = dir.path() + "/console";
    auto e = engine(data);
    // Its store is open and its first pass over once these come back.
    ASSERT_EQ(e->view("general").wait_for(20s), std::future_status::ready);
    ASSERT_EQ(e->syncNow().wait_for(20s), std::future_status::ready);
    // A store that fails under the engine: another connection takes the tickets table away.
    Poco::Data::SQLite::Connector::registerConnector();
    {
        Poco::Data::Session db("SQLite", data + "/console.db");
        db << "ALTER TABLE tickets RENAME TO tickets_gone", Poco::Data::Keywords::now;
    }
    std::string error;
    bool onUiThread = false;
    e->view("general",
            ui::thenOnWindow<core::QueueView>(
                *frame, [](core::QueueView) { ADD_FAILURE() << "a view without tickets"; },
                [&](const std::string& failure) {
                    error = failure;
                    onUiThread = wxIsMainThread();
                }));
    ASSERT_TRUE(pumpUntil([&] { return !error.empty(); })) << "the failure never arrived";
    EXPECT_TRUE(onUiThread);
    EXPECT_NE(error.find("tickets"), std::string::npos) << error;
    e->stop();
}

TEST_F(ThenOnWindowTest, WorkThatNeverRunsFailsToo) {
    // A file where the data folder's parent should be: the engine's core cannot start.
    std::ofstream(dir.path() + "/blocked") << "not a folder";
    auto e = engine(dir.path() + "/blocked/console");
    std::string error;
    e->setQueue("general",
                ui::thenOnWindow<std::monostate>(
                    *frame, [](std::monostate) { ADD_FAILURE() << "done without a core"; },
                    [&](const std::string& failure) { error = failure; }));
    ASSERT_TRUE(pumpUntil([&] { return !error.empty(); })) << "the failure never arrived";
    EXPECT_NE(error.find("not done"), std::string::npos) << error;
    e->stop();
}

}  // namespace
}  // namespace sanad::test
