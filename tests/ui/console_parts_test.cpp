// The pure parts of the console window (issue 13): which ticket action is enabled for which
// status, the banner from counts, times and the online flag, the conflict queue, and the
// coalesced view requests. No window; German texts (the ui main installs the catalog).
#include "sanad/ui/banner_state.h"
#include "sanad/ui/conflict_queue.h"
#include "sanad/ui/ticket_actions.h"
#include "sanad/ui/view_requests.h"

#include <gtest/gtest.h>

#include <wx/defs.h>

#include <map>
#include <set>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
using core::TicketStatus;
using ui::BannerState;
using ui::TicketAction;
using A = TicketAction;

TEST(TicketActions, WhatIsEnabledForWhichStatus) {
    const std::map<TicketStatus, std::set<TicketAction>> table = {
        {TicketStatus::Waiting, {A::Call, A::Cancel}},
        {TicketStatus::Called, {A::Recall, A::Start, A::NoShow, A::Cancel, A::BackToQueue}},
        {TicketStatus::InProgress, {A::Complete}},
        {TicketStatus::NoShow, {A::BackToQueue}},
        {TicketStatus::Completed, {}},
        {TicketStatus::Cancelled, {}},
    };
    for (const auto& [status, allowed] : table) {
        for (TicketAction a : ui::kTicketActions) {
            if (a == A::CallNext) {
                continue;
            }
            EXPECT_EQ(ui::isEnabled(a, status, true), allowed.count(a) == 1)
                << "action " << static_cast<int>(a) << " on status " << core::toString(status);
        }
    }
    // Without a selection only "call next", and only when someone waits.
    for (TicketAction a : ui::kTicketActions) {
        EXPECT_EQ(ui::isEnabled(a, std::nullopt, true), a == A::CallNext);
        EXPECT_FALSE(ui::isEnabled(a, std::nullopt, false));
    }
    EXPECT_EQ(ui::targetOf(A::CallNext), TicketStatus::Called);
    EXPECT_EQ(ui::targetOf(A::Recall), TicketStatus::Called);
    EXPECT_EQ(ui::targetOf(A::BackToQueue), TicketStatus::Waiting);
    EXPECT_EQ(ui::acceleratorOf(A::CallNext), "F2");
    EXPECT_EQ(ui::acceleratorOf(A::Call), "F3");
    EXPECT_EQ(ui::labelOf(A::Recall), wxString::FromUTF8("Erneut aufrufen"));
}

class BannerStateTest : public ::testing::Test {
protected:
    BannerState::Step update(std::optional<bool> online, std::int64_t pending,
                             std::optional<core::Timestamp> lastSync) {
        core::OutboxCounts counts;
        counts.pending = pending;
        return banner.update({online, counts, lastSync, 30, now});
    }
    BannerState banner;
    const core::Timestamp now = *core::parseTimestamp("2026-11-25T10:00:00.000Z");
};

TEST_F(BannerStateTest, NoneUntilOfflineThenOfflineOrStaleByTheLastSync) {
    EXPECT_FALSE(update(std::nullopt, 0, std::nullopt).changed);  // connecting
    EXPECT_EQ(banner.kind(), BannerState::Kind::None);
    EXPECT_FALSE(update(true, 0, now - 1min).changed);  // online from the start: no banner
    EXPECT_EQ(banner.kind(), BannerState::Kind::None);

    banner.wentOffline();
    EXPECT_TRUE(update(false, 3, now - 10min).changed);
    EXPECT_EQ(banner.kind(), BannerState::Kind::Offline);
    EXPECT_TRUE(banner.text().StartsWith(wxString::FromUTF8("Offline – letzte Aktualisierung ")))
        << banner.text();
    EXPECT_TRUE(banner.text().Contains(wxString::FromUTF8("3 Änderungen warten"))) << banner.text();
    EXPECT_EQ(banner.icon(), wxICON_WARNING);
    EXPECT_FALSE(update(false, 3, now - 10min).changed);  // the same again: nothing to redo

    EXPECT_TRUE(update(false, 3, now - 31min).changed);  // older than the stale age
    EXPECT_EQ(banner.kind(), BannerState::Kind::Stale);
    EXPECT_EQ(banner.icon(), wxICON_ERROR);
    update(false, 0, std::nullopt);  // never synced is stale too
    EXPECT_EQ(banner.kind(), BannerState::Kind::Stale);
}

TEST_F(BannerStateTest, BackOnlineOnceEverythingIsSentUntilItsTimeEnds) {
    banner.wentOffline();
    update(false, 2, now - 1min);
    // Online with changes still going out: no banner (the status bar counts them).
    EXPECT_TRUE(update(true, 2, now).changed);
    EXPECT_EQ(banner.kind(), BannerState::Kind::None);
    // All sent: "back online", and its timer starts, once.
    const BannerState::Step step = update(true, 0, now);
    EXPECT_TRUE(step.changed);
    EXPECT_TRUE(step.backOnlineStarted);
    EXPECT_EQ(banner.kind(), BannerState::Kind::BackOnline);
    EXPECT_EQ(banner.icon(), wxICON_INFORMATION);
    const BannerState::Step again = update(true, 0, now);
    EXPECT_FALSE(again.changed);
    EXPECT_FALSE(again.backOnlineStarted);
    EXPECT_EQ(banner.kind(), BannerState::Kind::BackOnline);  // until the timer ends it
    EXPECT_TRUE(banner.backOnlineEnded());
    EXPECT_EQ(banner.kind(), BannerState::Kind::None);
    EXPECT_FALSE(banner.backOnlineEnded());
    EXPECT_FALSE(update(true, 0, now).changed);  // and not again without a new offline spell
}

core::ConflictReport conflict(const std::string& rowId) {
    core::ConflictReport c;
    c.rowId = rowId;
    return c;
}

TEST(ConflictQueue, OneAfterAnotherDuplicatesIgnored) {
    ui::ConflictQueue queue;
    EXPECT_FALSE(queue.take());
    EXPECT_TRUE(queue.add(conflict("row-1")));
    EXPECT_TRUE(queue.add(conflict("row-2")));
    EXPECT_FALSE(queue.add(conflict("row-1")));  // reported again by the next pass
    const auto first = queue.take();
    ASSERT_TRUE(first);
    EXPECT_EQ(first->rowId, "row-1");
    EXPECT_FALSE(queue.take()) << "never two dialogs at once";
    EXPECT_FALSE(queue.add(conflict("row-1"))) << "on screen";
    queue.closed();
    EXPECT_FALSE(queue.add(conflict("row-1"))) << "being resolved";
    queue.settled("row-1");
    const auto second = queue.take();
    ASSERT_TRUE(second);
    EXPECT_EQ(second->rowId, "row-2");
    queue.closed();
    queue.settled("row-2");
    EXPECT_FALSE(queue.waiting());
    EXPECT_TRUE(queue.add(conflict("row-1"))) << "settled: a new report is a new conflict";
}

TEST(ViewRequests, OneInFlightTheRestCoalescedAndAFailureEndsTheFlight) {
    ui::ViewRequests views;
    EXPECT_TRUE(views.ask());
    EXPECT_FALSE(views.ask());
    EXPECT_FALSE(views.ask());  // both coalesced into one more
    EXPECT_TRUE(views.answered()) << "asks came meanwhile: ask again";
    EXPECT_TRUE(views.ask());
    // The answer failed: the flight is over all the same.
    EXPECT_FALSE(views.answered());
    EXPECT_FALSE(views.inFlight());
    EXPECT_TRUE(views.ask());
    // A new engine: the old one's request is never answered here.
    views.reset();
    EXPECT_TRUE(views.ask());
    EXPECT_EQ(views.answers(), 2u);
}

}  // namespace
}  // namespace sanad::test
