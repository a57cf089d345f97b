// The fast tier (label `inprocess`): the console core's rules against the real server code in
// this process, through the loopback transport: no sockets, no processes, a clock the tests move.
// Beside the real-process integration tier, which checks the same paths over HTTP.
#include "console_rules_fixture.h"

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
using core::ConsoleCore;
using core::Delivery;
using core::TicketStatus;

TEST_F(ConsoleRules, ATapOnlineIsSyncedAndTheSameCardAgainIsTheSameTicket) {
    auto core = open("Empfang 1");
    ASSERT_TRUE(core->sync().reachable);
    const auto first = core->checkIn(card(1));
    ASSERT_EQ(first.delivery, Delivery::Synced);
    EXPECT_EQ(first.outcome, core::CheckInOutcome::Created);
    const int handled = server.handled();
    const auto again = core->checkIn(card(1));
    EXPECT_EQ(again.outcome, core::CheckInOutcome::Existing);
    EXPECT_EQ(again.ticket->id, first.ticket->id);
    EXPECT_EQ(server.handled(), handled) << "decided at the desk, nothing sent";
}

TEST_F(ConsoleRules, AnAnswerLostAfterTheServerActedIsReplayedNotRepeated) {
    auto core = open("Empfang 1");
    ASSERT_TRUE(core->sync().reachable);
    const auto before = onServer().size();
    server.setMode(Mode::LoseAnswers);
    const auto tap = core->checkIn(card(2));
    EXPECT_EQ(tap.delivery, Delivery::Queued);
    EXPECT_EQ(onServer().size(), before + 1) << "the server made the ticket";
    server.setMode(Mode::Pass);
    EXPECT_EQ(core->sync().counts.pending, 0);
    EXPECT_EQ(onServer().size(), before + 1) << "the resend was a replay";
    EXPECT_EQ(core->view().tickets.size(), before + 1);
}

TEST_F(ConsoleRules, AMorningOfflineArrivesExactlyOnceWithTheLeasedNumbers) {
    auto core = open("Empfang 1");
    ASSERT_TRUE(core->sync().reachable);
    const auto before = onServer().size();
    server.setMode(Mode::Down);
    std::vector<std::string> numbers;
    for (int i = 0; i < 15; ++i) {
        const auto r = core->checkIn(card(100 + i));
        ASSERT_EQ(r.delivery, Delivery::Queued);
        EXPECT_FALSE(r.provisionalNumber);
        numbers.push_back(r.ticket->number);
        clock.advance(1min);
    }
    EXPECT_FALSE(core->online());
    server.setMode(Mode::Pass);
    const auto report = core->sync();
    EXPECT_EQ(report.counts.pending, 0);
    const auto tickets = onServer();
    EXPECT_EQ(tickets.size(), before + 15);
    for (const std::string& number : numbers) {
        EXPECT_EQ(std::count_if(tickets.begin(), tickets.end(),
                                [&](const auto& t) { return t.number == number; }),
                  1)
            << number << " kept by the server";
    }
}

TEST_F(ConsoleRules, AServerInMaintenanceFailsNothing) {
    auto core = open("Empfang 1");
    ASSERT_TRUE(core->sync().reachable);
    server.setMode(Mode::Unavailable);
    for (int i = 0; i < 8; ++i) {
        EXPECT_EQ(core->checkIn(card(200 + i)).delivery, Delivery::Queued);
    }
    for (int minute = 0; minute < 60; ++minute) {
        clock.advance(1min);
        core->deliverDue();
    }
    EXPECT_EQ(core->store().counts().failed, 0);
    EXPECT_EQ(core->store().counts().pending, 8);
    server.setMode(Mode::Pass);
    clock.advance(6min);
    EXPECT_EQ(core->deliverDue(), 8u);
}

/// This desk cancels a ticket offline while the other desk starts its treatment: the conflict
/// the receptionist decides (DESIGN.md, status conflict rules, first row).
class OfflineCancelMeetsTreatment : public ConsoleRules {
protected:
    void SetUp() override {
        mine = open("Empfang 1");
        theirs = open("Empfang 2");
        ASSERT_TRUE(mine->sync().reachable);
        id = mine->checkIn(card(300)).ticket->id;
        ASSERT_TRUE(theirs->sync().reachable);
        ASSERT_EQ(theirs->transition(id, TicketStatus::Called).delivery, Delivery::Synced);
        mine->sync();
        server.setMode(Mode::Down);
        ASSERT_EQ(mine->transition(id, TicketStatus::Cancelled).delivery, Delivery::Queued);
        server.setMode(Mode::Pass);
        ASSERT_EQ(theirs->transition(id, TicketStatus::InProgress).delivery, Delivery::Synced);
        mine->sync();
        const auto unsent = mine->unsentChanges();
        ASSERT_EQ(unsent.size(), 1u);
        ASSERT_EQ(unsent[0].status, core::OutboxStatus::Conflict);
        conflictRow = unsent[0].id;
    }
    std::unique_ptr<ConsoleCore> mine, theirs;
    std::string id, conflictRow;
};

TEST_F(OfflineCancelMeetsTreatment, TakingTheServersVersionKeepsTheTreatment) {
    mine->resolveConflict(conflictRow, core::ConflictChoice::TakeServers);
    EXPECT_TRUE(mine->unsentChanges().empty());
    EXPECT_EQ(mine->store().ticket(id)->ticket.status, TicketStatus::InProgress);
    EXPECT_EQ(onServerById(id)->status, TicketStatus::InProgress);
}

TEST_F(OfflineCancelMeetsTreatment, KeepingMineCancelsOnTheServer) {
    mine->resolveConflict(conflictRow, core::ConflictChoice::KeepMine);
    mine->sync();
    EXPECT_TRUE(mine->unsentChanges().empty());
    EXPECT_EQ(onServerById(id)->status, TicketStatus::Cancelled);
}

TEST_F(ConsoleRules, ATicketsOfflineStepsGoOutInOrder) {
    auto core = open("Empfang 1");
    ASSERT_TRUE(core->sync().reachable);
    const std::string id = core->checkIn(card(500)).ticket->id;
    server.setMode(Mode::Down);
    for (const auto to :
         {TicketStatus::Called, TicketStatus::InProgress, TicketStatus::Completed}) {
        EXPECT_EQ(core->transition(id, to).delivery, Delivery::Queued);
        clock.advance(3min);
    }
    server.setMode(Mode::Pass);
    EXPECT_EQ(core->sync().counts.pending, 0);
    EXPECT_EQ(onServerById(id)->status, TicketStatus::Completed);
}

}  // namespace
}  // namespace sanad::test
