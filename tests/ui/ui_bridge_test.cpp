// The core→UI seam: reports from worker threads arrive on the UI thread, or not at all once the
// window detached.
#include "sanad/ui/ui_bridge.h"
#include "ui_test_support.h"

#include <gtest/gtest.h>

#include <wx/app.h>
#include <wx/thread.h>

#include <chrono>
#include <thread>

namespace sanad::ui {
namespace {

using test::pumpUntil;

class RecordingSink : public UiSink {
public:
    void onConnectivity(bool online) override { record("online=" + std::to_string(online)); }
    void onTicketsChanged(const std::string& q) override { record("tickets " + q); }
    void onOutbox(const core::OutboxCounts& c) override {
        record("outbox " + std::to_string(c.pending));
    }
    void onConflict(const core::ConflictReport& c) override { record("conflict " + c.rowId); }
    void onCheckIn(const core::CheckInResult& r) override {
        record("checkin " + std::string(core::toString(r.delivery)));
    }
    void onProblem(const core::Problem& p) override { record("problem " + p.detail); }
    void onReaderState(const core::ReaderState& s) override { record("reader " + s.readerName); }
    void onCardTapped(const std::string& r, const std::string& c) override {
        record("tap " + r + " " + c);
    }
    std::vector<std::string> calls;
    bool allOnUiThread = true;

private:
    void record(std::string call) {
        allOnUiThread = allOnUiThread && wxIsMainThread();
        calls.push_back(std::move(call));
    }
};

TEST(UiBridge, WorkerThreadReportsArriveOnTheUiThreadInOrder) {
    RecordingSink sink;
    UiBridge bridge(sink);
    std::thread worker([&] {  // as the sync and card-reader threads would
        bridge.connectivityChanged(true);
        bridge.ticketsChanged("general");
        bridge.outboxChanged(core::OutboxCounts{3, 0, 0, std::nullopt});
        core::CheckInResult result;
        result.delivery = core::Delivery::Queued;
        bridge.checkInDone(result);
        bridge.readerStateChanged({core::ReaderStatus::Ready, "ACS ACR122U", ""});
        bridge.cardTapped("ACS ACR122U", std::string(64, 'a'));
        bridge.problemReported(core::Problem{core::ProblemKind::Internal, "boom"});
        bridge.conflictReported(core::ConflictReport{"row-1", {}, {}, {}});
    });
    worker.join();
    EXPECT_TRUE(sink.calls.empty()) << "nothing runs on the worker thread";
    ASSERT_TRUE(pumpUntil([&] { return sink.calls.size() == 8; }));
    EXPECT_TRUE(sink.allOnUiThread);
    EXPECT_EQ(sink.calls.front(), "online=1");
    EXPECT_EQ(sink.calls[1], "tickets general");
    EXPECT_EQ(sink.calls[2], "outbox 3");
    EXPECT_EQ(sink.calls[3], "checkin queued");
    EXPECT_EQ(sink.calls.back(), "conflict row-1");
}

TEST(UiBridge, ReportsForAClosedWindowAreDropped) {
    RecordingSink sink;
    auto bridge = std::make_unique<UiBridge>(sink);
    bool later = false;
    std::thread worker([&] {
        bridge->ticketsChanged("general");
        wxTheApp->CallAfter([&] { later = true; });  // queued after the report: runs after it
    });
    worker.join();
    bridge->detach();  // the window closes before the queued call runs
    bridge.reset();    // and the bridge goes too; the queued call must still be safe
    ASSERT_TRUE(pumpUntil([&] { return later; }));
    EXPECT_TRUE(sink.calls.empty());
}

}  // namespace
}  // namespace sanad::ui
