// The pure parts of the console window (issue 13): which ticket action is enabled for which
// status, the banner from counts, times and the online flag, the conflict queue, and the
// coalesced view requests. No window; German texts (the ui main installs the catalog).
#include "sanad/ui/banner_state.h"
#include "sanad/ui/conflict_queue.h"
#include "sanad/ui/desk_commands.h"
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

TEST(DeskCommands, WhatIsEnabledForWhichTicket) {
    using D = ui::DeskCommand;
    core::Ticket card;
    card.cardRef = std::string(64, 'a');
    core::Ticket walkIn;
    walkIn.source = core::TicketSource::Desk;
    core::Ticket done = card;
    done.status = TicketStatus::Completed;
    EXPECT_TRUE(ui::isEnabled(D::WalkIn, nullptr, 1));
    EXPECT_TRUE(ui::isEnabled(D::Statistics, nullptr, 1));
    for (D d :
         {D::RegisterCard, D::ForgetCard, D::ToggleUrgent, D::EditNote, D::Transfer, D::History}) {
        EXPECT_FALSE(ui::isEnabled(d, nullptr, 2)) << static_cast<int>(d);
    }
    EXPECT_TRUE(ui::isEnabled(D::RegisterCard, &card, 1));
    EXPECT_FALSE(ui::isEnabled(D::RegisterCard, &walkIn, 1));  // no card to register
    EXPECT_FALSE(ui::isEnabled(D::ForgetCard, &walkIn, 1));
    EXPECT_TRUE(ui::isEnabled(D::ToggleUrgent, &walkIn, 1));
    EXPECT_FALSE(ui::isEnabled(D::ToggleUrgent, &done, 1));  // a closed ticket keeps what it has
    EXPECT_FALSE(ui::isEnabled(D::Transfer, &card, 1));      // one queue: nowhere to go
    EXPECT_TRUE(ui::isEnabled(D::Transfer, &card, 2));
    EXPECT_FALSE(ui::isEnabled(D::Transfer, &done, 2));
    EXPECT_TRUE(ui::isEnabled(D::History, &done, 1));
    EXPECT_EQ(ui::acceleratorOf(D::WalkIn), "F4");
    EXPECT_EQ(ui::acceleratorOf(D::RegisterCard), "F6");
    EXPECT_EQ(ui::labelOf(D::WalkIn), wxString::FromUTF8("Ohne Karte anmelden …"));
    EXPECT_EQ(ui::labelOf(D::Transfer), wxString::FromUTF8("Weiterleiten an …"));
}

TEST(DeskCommands, TheEditHoldsOnlyWhatDiffers) {
    core::Ticket t;
    t.queueId = "general";
    t.patient = "Erika";
    t.note = "alt";
    ui::EditValues v{false, "alt", "Erika", "", "general"};
    EXPECT_TRUE(ui::changesFor(t, v).empty());
    v.urgent = true;
    v.note = "  ";         // blank clears
    v.patientId = " 42 ";  // trimmed
    v.queueId = "lab";     // a transfer
    const core::TicketChanges c = ui::changesFor(t, v);
    EXPECT_EQ(c.priority, core::Priority::Urgent);
    ASSERT_TRUE(c.note.has_value());
    EXPECT_FALSE(c.note->has_value());
    EXPECT_FALSE(c.patient.has_value());
    EXPECT_EQ(c.patientId, core::Patch<std::string>(std::string("42")));
    EXPECT_EQ(c.queueId, std::optional<std::string>("lab"));
    const core::WalkIn w = ui::walkInOf(" ", "", true, "Rollstuhl");
    EXPECT_FALSE(w.patient);
    EXPECT_EQ(w.priority, core::Priority::Urgent);
    EXPECT_EQ(w.note, std::optional<std::string>("Rollstuhl"));
}

TEST(DeskCommands, TheHistorySaysWhatChangedBetweenVersions) {
    const core::Timestamp now = core::now();
    core::Ticket v1;
    v1.queueId = "general";
    v1.source = core::TicketSource::Desk;
    core::Ticket v2 = v1;
    v2.status = TicketStatus::Called;
    v2.room = "2";
    core::Ticket v3 = v2;
    v3.queueId = "lab";
    v3.status = TicketStatus::Waiting;
    v3.room.reset();
    v3.priority = core::Priority::Urgent;
    v3.note = "Labor bitte";
    core::HistoryResponse h{{{1, now - 10min, "Empfang 1", v1},
                             {2, now - 5min, "Empfang 2", v2},
                             {3, now, "Empfang 1", v3}}};
    const auto names = [](const std::string& id) {
        return id == "lab" ? wxString("Labor") : wxString("Allgemeinmedizin");
    };
    const auto rows = ui::historyRows(h, names, now);
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].what, "Angemeldet (ohne Karte)");
    EXPECT_EQ(rows[0].desk, "Empfang 1");
    EXPECT_EQ(rows[1].what, wxString::FromUTF8("Status: Wartet → Aufgerufen, Zimmer 2"));
    EXPECT_EQ(rows[2].what, wxString::FromUTF8("Weitergeleitet an Labor, Status: Aufgerufen → "
                                               "Wartet, Zimmer entfernt, Dringend, Notiz: "
                                               "„Labor bitte“"));
    EXPECT_EQ(ui::describeChanges(v3, v3, names), wxString::FromUTF8("—"));
    EXPECT_EQ(ui::estimateText(15), "ca. 15 Min.");
    EXPECT_EQ(ui::estimateText(std::nullopt), "");  // null-safe: nothing
    EXPECT_EQ(ui::roomText("Zimmer 3"), "Zimmer 3");
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
