// The front desk of wire contract v1.1 through the console core against a real sanad-server,
// with the fault proxy between them: each change made offline (walk-in, card registration and
// forgetting, edits, a transfer) arrives exactly once, also when the line breaks after the server
// acted and before its answer arrived.
#include "console_core_fixture.h"

namespace sanad::test {
namespace {

using core::ConsoleCore;
using core::Delivery;
using core::Priority;
using core::TicketStatus;

std::vector<core::Ticket> ticketsOf(Client& api, const std::string& queueId) {
    return core::codec::decodeTicketsResponse(
               api.get("/api/queues/" + queueId + "/tickets?all=1").body)
        .tickets;
}

std::optional<core::Ticket> find(const std::vector<core::Ticket>& tickets, const std::string& id) {
    std::optional<core::Ticket> found;
    for (const core::Ticket& t : tickets) {
        if (t.id == id) {
            EXPECT_FALSE(found) << "one ticket per id";
            found = t;
        }
    }
    return found;
}

class ConsoleCoreFrontDesk : public ConsoleCoreTest {
protected:
    /// Offline (refused), then the server acts but the answer is cut off, then the line is back.
    void deliverThroughABrokenLine(ConsoleCore& core) {
        proxy->setMode(FaultProxy::Mode::ResetMidResponse);
        core.deliverDue();
        proxy->setMode(FaultProxy::Mode::Pass);
        clock.advance(10min);  // past any backoff
        const auto report = core.sync();
        EXPECT_EQ(report.counts.pending, 0);
        EXPECT_EQ(report.counts.failed, 0);
    }
};

TEST_F(ConsoleCoreFrontDesk, AWalkInMadeOfflineArrivesOnceWithItsNumber) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    const auto before = serverTickets().size();
    proxy->setMode(FaultProxy::Mode::Refuse);
    core::WalkIn walkIn;
    walkIn.patient = "Erika Mustermann";
    walkIn.priority = Priority::Urgent;
    walkIn.note = "Rollstuhl";
    const auto r = core.checkInWalkIn(walkIn);
    ASSERT_EQ(r.delivery, Delivery::Queued);
    ASSERT_FALSE(r.provisionalNumber);
    deliverThroughABrokenLine(core);
    const auto all = serverTickets();
    EXPECT_EQ(all.size(), before + 1);
    const auto t = find(all, r.ticket->id);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->number, r.ticket->number);
    EXPECT_EQ(t->source, core::TicketSource::Desk);
    EXPECT_FALSE(t->cardRef);
    EXPECT_EQ(t->priority, Priority::Urgent);
    EXPECT_EQ(t->note, "Rollstuhl");
    EXPECT_EQ(t->version, 1);
}

TEST_F(ConsoleCoreFrontDesk, ACardRegisteredAndForgottenOfflineArrivesOnceEach) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    const auto tap = core.checkIn(uid(41));
    ASSERT_EQ(tap.delivery, Delivery::Synced);
    const std::string ref = *tap.ticket->cardRef;
    proxy->setMode(FaultProxy::Mode::Refuse);
    ASSERT_EQ(core.registerCard(ref, {"Zoë Groß-Bäcker", "A-0815"}).delivery, Delivery::Queued);
    deliverThroughABrokenLine(core);
    const auto named = find(serverTickets(), tap.ticket->id);
    ASSERT_TRUE(named);
    EXPECT_EQ(named->patient, "Zoë Groß-Bäcker");
    EXPECT_EQ(named->version, tap.ticket->version + 1) << "one change, however often sent";
    const auto card = api->get("/api/cards/" + ref);
    EXPECT_EQ(card.status, 200);
    EXPECT_EQ(core::codec::decodeCardResponse(card.body).card.patientId, "A-0815");

    proxy->setMode(FaultProxy::Mode::Refuse);
    ASSERT_EQ(core.forgetCard(ref).delivery, Delivery::Queued);
    deliverThroughABrokenLine(core);
    EXPECT_EQ(api->get("/api/cards/" + ref).status, 404);
    EXPECT_EQ(find(serverTickets(), tap.ticket->id)->patient, "Zoë Groß-Bäcker")
        << "tickets keep what they have";
}

TEST_F(ConsoleCoreFrontDesk, EditsAndATransferMadeOfflineArriveOnceInOrder) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    const auto tap = core.checkIn(uid(42));
    ASSERT_EQ(tap.delivery, Delivery::Synced);
    const std::string id = tap.ticket->id;
    proxy->setMode(FaultProxy::Mode::Refuse);
    ASSERT_EQ(core.transition(id, TicketStatus::Called).delivery, Delivery::Queued);
    core::TicketChanges changes;
    changes.priority = Priority::Urgent;
    changes.patient = std::optional<std::string>("Anna Schmidt");
    ASSERT_EQ(core.edit(id, changes).delivery, Delivery::Queued);
    core::TicketChanges transfer;
    transfer.queueId = "lab";
    const auto moved = core.edit(id, transfer);
    ASSERT_EQ(moved.delivery, Delivery::Queued);
    EXPECT_TRUE(moved.waitsForEarlierChange);
    // three changes of one ticket: each round sends only the first, so the cut-off answer of
    // one and the replays of the rest go through the broken line in order
    deliverThroughABrokenLine(core);
    const auto lab = ticketsOf(*api, "lab");
    const auto t = find(lab, id);
    ASSERT_TRUE(t) << "transferred";
    EXPECT_EQ(t->number, tap.ticket->number) << "the number stays";
    EXPECT_EQ(t->status, TicketStatus::Waiting);
    EXPECT_EQ(t->priority, Priority::Urgent);
    EXPECT_EQ(t->patient, "Anna Schmidt");
    EXPECT_EQ(t->version, tap.ticket->version + 3);
    EXPECT_FALSE(find(serverTickets(), id));
    const auto history = core.history(id);
    ASSERT_TRUE(history.history);
    EXPECT_EQ(history.history->history.size(), 4u);
    for (const auto& entry : history.history->history) {
        EXPECT_EQ(entry.device, "Empfang 1");
    }
}

// The command lines the issue names, with the exit codes of DESIGN.md: 0 done, 2 usage, 3 stored
// offline and queued, 4 failed; --json on the reading commands.
TEST_F(ConsoleCoreFrontDesk, CliFrontDeskCommandsAndTheirExitCodes) {
    const std::vector<std::string> base{"--server", proxy->url(), "--token",
                                        token,      "--data",     dataDir.path() + "/cli"};
    auto with = [&](std::vector<std::string> more) {
        std::vector<std::string> args = base;
        args.insert(args.end(), more.begin(), more.end());
        return cli(args);
    };
    ProcessResult r = with({"check-in", "--walk-in", "--name", "Erika Mustermann", "--patient-id",
                            "4711", "--urgent", "--note", "Rollstuhl"});
    ASSERT_EQ(r.rc, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("checked in: A"), std::string::npos) << r.out;
    const auto walkIn = serverTickets();
    std::string walkInId;
    for (const auto& t : walkIn) {
        if (t.source == core::TicketSource::Desk) {
            walkInId = t.id;
            EXPECT_EQ(t.priority, Priority::Urgent);
            EXPECT_EQ(t.patientId, "4711");
        }
    }
    ASSERT_FALSE(walkInId.empty());

    r = with({"card", "register", "--card-uid", "04a1b2c3d4e5f6", "--name", "Jürgen Müller",
              "--patient-id", "4712"});
    EXPECT_EQ(r.rc, 0) << r.out << r.err;
    r = with({"check-in", "--card-uid", "04a1b2c3d4e5f6"});
    EXPECT_EQ(r.rc, 0) << r.out;
    EXPECT_EQ(r.out.find("04a1b2c3d4e5f6"), std::string::npos) << "never the raw UID";

    r = with({"edit", walkInId, "--normal", "--note", "", "--queue", "lab"});
    EXPECT_EQ(r.rc, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("queue=lab"), std::string::npos) << r.out;
    r = with({"history", walkInId});
    EXPECT_EQ(r.rc, 0) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;
    r = with({"history", walkInId, "--json"});
    EXPECT_EQ(r.rc, 0);
    EXPECT_EQ(core::codec::decodeHistoryResponse(r.out).history.size(), 2u) << r.out;
    r = with({"stats", "--json"});
    EXPECT_EQ(r.rc, 0) << r.out << r.err;
    EXPECT_FALSE(core::codec::decodeStatsResponse(r.out).queues.empty()) << r.out;
    EXPECT_EQ(with({"stats", "--day", "2026-13-01"}).rc, 4) << "a day the server refuses";

    proxy->setMode(FaultProxy::Mode::Refuse);
    EXPECT_EQ(with({"check-in", "--walk-in"}).rc, 3);
    EXPECT_EQ(with({"edit", walkInId, "--urgent"}).rc, 3);
    EXPECT_EQ(with({"card", "forget", "--card-uid", "04a1b2c3d4e5f6"}).rc, 3);
    EXPECT_EQ(with({"history", walkInId}).rc, 4) << "history needs the server";
    r = with({"stats"});
    EXPECT_EQ(r.rc, 0) << "the cached figures, said to be cached";
    EXPECT_NE(r.out.find("(cached)"), std::string::npos) << r.out;

    EXPECT_EQ(with({"edit", walkInId}).rc, 2) << "nothing to change";
    EXPECT_EQ(with({"edit", walkInId, "--urgent", "--normal"}).rc, 2);
    EXPECT_EQ(with({"card", "register", "--card-uid", "04a1b2c3d4e5f6"}).rc, 2) << "no name";
    EXPECT_EQ(with({"card", "shred", "--card-uid", "04a1b2c3d4e5f6"}).rc, 2);
    EXPECT_EQ(with({"check-in", "--walk-in", "--card-uid", "04a1b2c3d4"}).rc, 2);
}

}  // namespace
}  // namespace sanad::test
