// The front desk of wire contract v1.1 through the console core, against the real server code in
// this process: every change made offline (walk-in, card registration, edits, a transfer)
// arrives exactly once, also when the first answer is lost on the way back.
#include "console_rules_fixture.h"

namespace sanad::test {
namespace {

using core::Delivery;
using core::Priority;
using core::TicketStatus;

std::size_t countId(const std::vector<core::Ticket>& tickets, const std::string& id) {
    std::size_t n = 0;
    for (const core::Ticket& t : tickets) {
        n += t.id == id ? 1 : 0;
    }
    return n;
}

/// Offline, then the answers lost once (the server acts, the desk hears nothing), then back.
void deliverThroughALostAnswer(InProcessServer& server, core::ConsoleCore& desk) {
    server.setMode(Mode::LoseAnswers);
    desk.deliverDue();
    server.setMode(Mode::Pass);
    desk.sync();
}

TEST_F(ConsoleRules, AWalkInOfflineHasItsNumberAtOnceAndArrivesOnce) {
    auto desk = open("Empfang 1");
    ASSERT_TRUE(desk->sync().reachable);  // leases a block of numbers
    server.setMode(Mode::Down);
    core::WalkIn walkIn;
    walkIn.patient = "Erika Mustermann";
    walkIn.patientId = "4711";
    walkIn.priority = Priority::Urgent;
    walkIn.note = "Rollstuhl";
    const auto r = desk->checkInWalkIn(walkIn);
    ASSERT_EQ(r.delivery, Delivery::Queued);
    EXPECT_FALSE(r.provisionalNumber) << "a number from the leased block";
    const std::string id = r.ticket->id, number = r.ticket->number;
    EXPECT_EQ(r.ticket->source, core::TicketSource::Desk);
    for (const core::CachedTicket& c : desk->view().tickets) {
        if (c.ticket.id == id) {
            EXPECT_EQ(c.ticket.position, 1) << "urgent stands first, offline too";
        }
    }
    EXPECT_EQ(desk->nextWaiting()->id, id) << "and is called first";

    deliverThroughALostAnswer(server, *desk);
    const auto all = onServer();
    EXPECT_EQ(countId(all, id), 1u);
    const auto t = onServerById(id);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->number, number) << "the number given offline is kept";
    EXPECT_EQ(t->source, core::TicketSource::Desk);
    EXPECT_EQ(t->priority, Priority::Urgent);
    EXPECT_EQ(t->patient, "Erika Mustermann");
    EXPECT_EQ(t->patientId, "4711");
    EXPECT_EQ(t->note, "Rollstuhl");
    EXPECT_EQ(t->position, 1);
    EXPECT_EQ(desk->store().counts().pending, 0);
}

TEST_F(ConsoleRules, ACardNamedOfflineNamesTodaysTicketAndLaterTaps) {
    auto desk = open("Empfang 1");
    ASSERT_TRUE(desk->sync().reachable);
    const auto tap = desk->checkIn(card(7));
    ASSERT_EQ(tap.delivery, Delivery::Synced);
    ASSERT_FALSE(tap.ticket->patient) << "an unknown card";
    const std::string ref = *tap.ticket->cardRef;

    server.setMode(Mode::Down);
    const auto reg = desk->registerCard(ref, {"Jürgen Müller", "4711"});
    ASSERT_EQ(reg.delivery, Delivery::Queued);
    EXPECT_EQ(desk->store().ticket(tap.ticket->id)->ticket.patient, "Jürgen Müller")
        << "the ticket takes the name at once";
    EXPECT_EQ(desk->knownCard(ref)->patientId, "4711");

    deliverThroughALostAnswer(server, *desk);
    EXPECT_EQ(onServerById(tap.ticket->id)->patient, "Jürgen Müller");
    EXPECT_EQ(onServerById(tap.ticket->id)->patientId, "4711");

    // another desk, later: the card carries the name (the server knows it now)
    auto other = open("Empfang 2");
    ASSERT_TRUE(other->sync().reachable);
    desk->transition(tap.ticket->id, TicketStatus::Called);
    desk->transition(tap.ticket->id, TicketStatus::Cancelled);
    const auto again = other->checkIn(card(7));
    ASSERT_EQ(again.delivery, Delivery::Synced);
    EXPECT_EQ(again.ticket->patient, "Jürgen Müller");

    // forgotten: the desk's copy goes at once, the server's once it is through
    server.setMode(Mode::Down);
    EXPECT_EQ(desk->forgetCard(ref).delivery, Delivery::Queued);
    EXPECT_FALSE(desk->knownCard(ref));
    deliverThroughALostAnswer(server, *desk);
    EXPECT_EQ(desk->store().counts().pending, 0);
    EXPECT_EQ(desk->store().counts().failed, 0);
}

TEST_F(ConsoleRules, EditsAndATransferOfflineArriveOnceAndKeepTheNumber) {
    auto desk = open("Empfang 1");
    ASSERT_TRUE(desk->sync().reachable);
    const auto tap = desk->checkIn(card(9));
    ASSERT_EQ(tap.delivery, Delivery::Synced);
    const std::string id = tap.ticket->id, number = tap.ticket->number;
    ASSERT_EQ(desk->transition(id, TicketStatus::Called).delivery, Delivery::Synced);

    server.setMode(Mode::Down);
    core::TicketChanges urgent;
    urgent.priority = Priority::Urgent;
    urgent.note = std::optional<std::string>("Blutabnahme nüchtern");
    EXPECT_EQ(desk->edit(id, urgent).delivery, Delivery::Queued);
    core::TicketChanges transfer;
    transfer.queueId = "lab";
    const auto moved = desk->edit(id, transfer);
    EXPECT_EQ(moved.delivery, Delivery::Queued);
    EXPECT_EQ(moved.ticket->queueId, "lab");
    EXPECT_EQ(moved.ticket->status, TicketStatus::Waiting);
    EXPECT_EQ(moved.ticket->number, number);
    const auto inView = [&](const std::string& queueId) {
        std::vector<core::Ticket> tickets;
        for (const core::CachedTicket& c : desk->view(queueId).tickets) {
            tickets.push_back(c.ticket);
        }
        return countId(tickets, id);
    };
    EXPECT_EQ(inView("lab"), 1u) << "the desk shows it in the lab's line at once";
    EXPECT_EQ(inView("general"), 0u);

    deliverThroughALostAnswer(server, *desk);
    const auto t = onServerById(id, "lab");
    ASSERT_TRUE(t) << "the ticket stands in the lab's line now";
    EXPECT_EQ(t->number, number);
    EXPECT_EQ(t->status, TicketStatus::Waiting);
    EXPECT_EQ(t->priority, Priority::Urgent);
    EXPECT_EQ(t->note, "Blutabnahme nüchtern");
    EXPECT_FALSE(t->room);
    EXPECT_EQ(t->version, tap.ticket->version + 3) << "call, edit, transfer: once each";
    EXPECT_FALSE(onServerById(id, "general"));

    const auto history = desk->history(id);
    ASSERT_TRUE(history.history) << (history.problem ? history.problem->detail : "");
    ASSERT_EQ(history.history->history.size(), 4u);
    EXPECT_EQ(history.history->history.front().device, "Empfang 1");
    EXPECT_EQ(history.history->history.back().ticket.queueId, "lab");
}

TEST_F(ConsoleRules, StatsAreFetchedAndOfflineTheCachedOnesComeWithTheirAge) {
    auto desk = open("Empfang 1");
    ASSERT_TRUE(desk->sync().reachable);
    ASSERT_EQ(desk->checkIn(card(11)).delivery, Delivery::Synced);
    const auto fresh = desk->stats();
    ASSERT_TRUE(fresh.stats) << (fresh.problem ? fresh.problem->detail : "");
    EXPECT_FALSE(fresh.cached);
    const core::Timestamp fetched = *fresh.fetchedAt;
    clock.advance(std::chrono::minutes(5));
    server.setMode(Mode::Down);
    const auto cached = desk->stats();
    ASSERT_TRUE(cached.stats);
    EXPECT_TRUE(cached.cached);
    EXPECT_EQ(cached.fetchedAt, fetched);
    EXPECT_EQ(cached.stats, fresh.stats);
    EXPECT_EQ(desk->history(std::string(36, 'x')).problem->kind, core::ProblemKind::NeedsServer);
}

}  // namespace
}  // namespace sanad::test
