// The console core against a real sanad-server, through a fault-injecting proxy.
#include "console_core_fixture.h"
#include "sanad/core/uuid.h"

#include <Poco/Process.h>
#include <gtest/gtest.h>

#include <csignal>
#include <thread>

namespace sanad::test {
namespace {

using core::ConsoleCore;
using core::Delivery;
using core::TicketStatus;
namespace codec = core::codec;

TEST_F(ConsoleCoreTest, OnlineCheckInIsSyncedWithTheHmacOfTheCard) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    const auto result = core.checkIn(uid(1));
    ASSERT_EQ(result.delivery, Delivery::Synced) << (result.problem ? result.problem->detail : "");
    EXPECT_EQ(result.outcome, core::CheckInOutcome::Created);
    EXPECT_EQ(result.ticket->number, "A004");
    EXPECT_EQ(result.ticket->cardRef, core::cardRef(*core::fromHex(practiceKey()), uid(1)));
    EXPECT_EQ(serverTickets().size(), 4u);
    EXPECT_EQ(core.store().counts().pending, 0);
    // The same card again at this desk: the same ticket, nothing sent.
    const auto again = core.checkIn(uid(1));
    EXPECT_EQ(again.outcome, core::CheckInOutcome::Existing);
    EXPECT_EQ(again.ticket->id, result.ticket->id);
    EXPECT_EQ(serverTickets().size(), 4u);
}

TEST_F(ConsoleCoreTest, ADeskThatNeverConnectedSaysSoInsteadOfGuessing) {
    proxy->setMode(FaultProxy::Mode::Refuse);
    ConsoleCore core(settings(), &recorder);
    const auto result = core.checkIn(uid(1));
    EXPECT_EQ(result.delivery, Delivery::Failed);
    ASSERT_TRUE(result.problem);
    EXPECT_EQ(result.problem->kind, core::ProblemKind::NeverConnected);
    EXPECT_NE(result.problem->detail.find("never reached the server"), std::string::npos);
    EXPECT_EQ(core.store().counts().pending, 0);
}

TEST_F(ConsoleCoreTest, AnOutageQueuesEverythingAndDeliversItExactlyOnce) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);  // config, queue, a leased number block
    const auto before = serverTickets().size();

    proxy->setMode(FaultProxy::Mode::Refuse);
    std::vector<core::CheckInResult> taps;
    for (int i = 0; i < 3; ++i) {
        taps.push_back(core.checkIn(uid(10 + i)));
        ASSERT_EQ(taps.back().delivery, Delivery::Queued);
        EXPECT_FALSE(taps.back().provisionalNumber) << "numbers come from the leased block";
    }
    const auto first = core.nextWaiting();
    ASSERT_TRUE(first);
    const auto called = core.transition(first->id, TicketStatus::Called);
    EXPECT_EQ(called.delivery, Delivery::Queued);
    EXPECT_EQ(core.store().ticket(first->id)->ticket.status, TicketStatus::Called);
    EXPECT_TRUE(core.store().ticket(first->id)->pending);
    EXPECT_FALSE(core.online());

    // A long outage, many sync passes, blackholed and refused: no attempt is burned.
    proxy->setMode(FaultProxy::Mode::Blackhole);
    core.sync();
    proxy->setMode(FaultProxy::Mode::Refuse);
    for (int i = 0; i < 5; ++i)
        core.sync();
    for (const auto& row : core.store().list({core::OutboxStatus::Pending})) {
        EXPECT_EQ(row.retryCount, 0);
    }
    EXPECT_EQ(core.store().counts().pending, 4);

    proxy->setMode(FaultProxy::Mode::Pass);
    const auto report = core.sync();
    EXPECT_TRUE(report.reachable);
    EXPECT_EQ(report.delivered, 4u);
    EXPECT_EQ(report.counts.pending, 0);
    EXPECT_TRUE(core.online());
    core.sync();  // and again: nothing twice
    const auto tickets = serverTickets();
    EXPECT_EQ(tickets.size(), before + 3);
    for (const auto& tap : taps) {
        const auto it = std::find_if(tickets.begin(), tickets.end(),
                                     [&](const core::Ticket& t) { return t.id == tap.ticket->id; });
        ASSERT_NE(it, tickets.end());
        EXPECT_EQ(it->number, tap.ticket->number) << "the leased number stays";
    }
    EXPECT_EQ(std::find_if(tickets.begin(), tickets.end(),
                           [&](const core::Ticket& t) { return t.id == first->id; })
                  ->status,
              TicketStatus::Called);
    EXPECT_FALSE(core.store().ticket(first->id)->pending);
    EXPECT_EQ(recorder.connectivity.back(), true);
}

TEST_F(ConsoleCoreTest, AnAnswerLostOnTheWayIsReplayedNotRepeated) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    const auto before = serverTickets().size();
    proxy->setMode(FaultProxy::Mode::ResetMidResponse);
    const auto result = core.checkIn(uid(1));
    EXPECT_EQ(result.delivery, Delivery::Queued);
    EXPECT_EQ(serverTickets().size(), before + 1) << "the server did the work";
    proxy->setMode(FaultProxy::Mode::Pass);
    EXPECT_EQ(core.sync().counts.pending, 0);
    EXPECT_EQ(serverTickets().size(), before + 1) << "and the retry did not do it again";
}

TEST_F(ConsoleCoreTest, ServerFailuresBackOffAndGiveUpWithoutBlockingOthers) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    proxy->setMode(FaultProxy::Mode::ServerError);  // 500: this request fails on this server
    const auto result = core.checkIn(uid(1));
    EXPECT_EQ(result.delivery, Delivery::Queued);
    auto row = core.store().list({core::OutboxStatus::Retrying});
    ASSERT_EQ(row.size(), 1u);
    EXPECT_EQ(row[0].retryCount, 1);
    EXPECT_NE(row[0].lastError->find("500"), std::string::npos);
    EXPECT_EQ(core.deliverDue(), 0u);
    EXPECT_EQ(core.store().find(row[0].id)->retryCount, 1) << "not due before its backoff ends";
    for (int i = 0; i < 4; ++i) {
        clock.advance(5min);  // past any backoff of the policy
        core.sync();
    }
    row = core.store().list({core::OutboxStatus::Failed});
    ASSERT_EQ(row.size(), 1u);
    EXPECT_NE(row[0].lastError->find("gave up after 3 attempts"), std::string::npos);

    // A failed row holds back nobody else; retried, it goes through.
    proxy->setMode(FaultProxy::Mode::Pass);
    const auto next = core.checkIn(uid(2));
    EXPECT_EQ(next.delivery, Delivery::Synced) << (next.problem ? next.problem->detail : "");
    EXPECT_TRUE(core.retryRow(row[0].id));
    EXPECT_EQ(core.sync().counts.failed, 0);
    EXPECT_EQ(core.store().find(row[0].id)->status, core::OutboxStatus::Synced);
}

TEST_F(ConsoleCoreTest, AGarbageAnswerIsNotTrusted) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    proxy->setMode(FaultProxy::Mode::Garbage);
    const auto result = core.checkIn(uid(1));
    EXPECT_EQ(result.delivery, Delivery::Queued);
    const auto rows = core.store().list({core::OutboxStatus::Retrying});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_NE(rows[0].lastError->find("not understood"), std::string::npos);
    proxy->setMode(FaultProxy::Mode::Pass);
    clock.advance(5min);
    EXPECT_EQ(core.sync().counts.pending, 0);
}

TEST_F(ConsoleCoreTest, APermanentErrorFailsOneTicketOnly) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    core::Ticket ghost = core.nextWaiting().value();
    ghost.id = core::newUuidV4();  // a ticket the server never heard of
    core.store().upsertTicket(ghost, false);
    const auto r = core.transition(ghost.id, TicketStatus::Called);
    EXPECT_EQ(r.delivery, Delivery::Failed);
    ASSERT_TRUE(r.problem);
    EXPECT_EQ(r.problem->kind, core::ProblemKind::ChangeRefused);
    EXPECT_NE(r.problem->detail.find("404"), std::string::npos);
    EXPECT_EQ(core.checkIn(uid(3)).delivery, Delivery::Synced);
    EXPECT_EQ(core.store().counts().failed, 1);
    ASSERT_FALSE(recorder.errors.empty());
}

TEST_F(ConsoleCoreTest, ConflictsAreParkedAndResolvedBothWays) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    const auto line = serverTickets();
    const core::Ticket a = line[0], b = line[1];
    // Desk 2 puts both patients into treatment while this desk is offline and cancels them.
    for (const core::Ticket& t : {a, b}) {
        auto r = other->post("/api/tickets/" + t.id + "/transitions",
                             codec::encode(core::Transition{TicketStatus::Called, 1, core::now(),
                                                            std::nullopt, false}),
                             core::newUuidV4());
        const auto v = codec::decodeTransitionResponse(r.body).ticket.version;
        other->post("/api/tickets/" + t.id + "/transitions",
                    codec::encode(core::Transition{TicketStatus::InProgress, v, core::now(),
                                                   std::nullopt, false}),
                    core::newUuidV4());
    }
    proxy->setMode(FaultProxy::Mode::Refuse);
    EXPECT_EQ(core.transition(a.id, TicketStatus::Cancelled).delivery, Delivery::Queued);
    EXPECT_EQ(core.transition(b.id, TicketStatus::Cancelled).delivery, Delivery::Queued);
    proxy->setMode(FaultProxy::Mode::Pass);
    const auto report = core.sync();
    EXPECT_EQ(report.counts.conflict, 2);
    ASSERT_EQ(recorder.conflicts.size(), 2u);
    EXPECT_EQ(recorder.conflicts[0].server.status, TicketStatus::InProgress);
    EXPECT_EQ(recorder.conflicts[0].requested.to, TicketStatus::Cancelled);

    // "In Behandlung behalten": the server's ticket stands.
    core.resolveConflict(recorder.conflicts[0].rowId, core::ConflictChoice::TakeServers);
    EXPECT_EQ(core.store().ticket(a.id)->ticket.status, TicketStatus::InProgress);
    // "Storniert lassen": re-sent with force and the server's version.
    core.resolveConflict(recorder.conflicts[1].rowId, core::ConflictChoice::KeepMine);
    EXPECT_EQ(core.store().counts().conflict, 0);
    EXPECT_EQ(core.store().counts().pending, 0);
    const auto after = serverTickets();
    auto status = [&](const std::string& id) {
        return std::find_if(after.begin(), after.end(),
                            [&](const core::Ticket& t) { return t.id == id; })
            ->status;
    };
    EXPECT_EQ(status(a.id), TicketStatus::InProgress);
    EXPECT_EQ(status(b.id), TicketStatus::Cancelled);
}

TEST(ConsoleCoreTls, VerifiesTheServerCertificateAndHasNoInsecureMode) {
    TempDir certs;
    const auto [cert, key] = makeTestCertificate(certs.path());
    ServerProcess tls({"--tls-cert", cert, "--tls-key", key});
    core::ConsoleSettings s;
    s.client.serverUrl = "https://localhost:" + std::to_string(tls.port());
    s.client.token = tls.addDevice("Empfang TLS");
    s.dataDir = certs.path() + "/trusting";
    s.client.caFile = cert;
    {
        ConsoleCore trusting(s);
        EXPECT_TRUE(trusting.sync().reachable);
        EXPECT_EQ(trusting.checkIn(uid(1)).delivery, Delivery::Synced);
    }
    // Without the CA the certificate is not trusted, and nothing goes over the wire.
    s.client.caFile.clear();
    s.dataDir = certs.path() + "/untrusting";
    Recorder recorder;
    ConsoleCore untrusting(s, &recorder);
    EXPECT_FALSE(untrusting.sync().reachable);
    EXPECT_EQ(untrusting.checkIn(uid(2)).delivery, Delivery::Failed);
}

// --- sanad-cli as a process ---


TEST_F(ConsoleCoreTest, CliExitCodesFollowTheDesign) {
    const std::vector<std::string> base{"--server", proxy->url(), "--token",
                                        token,      "--data",     dataDir.path() + "/cli",
                                        "--room",   "Zimmer 1"};
    auto with = [&](std::vector<std::string> more) {
        std::vector<std::string> args = base;
        args.insert(args.end(), more.begin(), more.end());
        return args;
    };
    EXPECT_EQ(cli(with({"status"})).rc, 0);
    ProcessResult r = cli(with({"check-in", "--card-uid", "04a1b2c3d4"}));
    EXPECT_EQ(r.rc, 0) << r.out;
    EXPECT_NE(r.out.find("checked in: A004"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("04a1b2c3d4"), std::string::npos) << "never the raw UID";

    proxy->setMode(FaultProxy::Mode::Refuse);
    r = cli(with({"check-in", "--card-uid", "04a1b2c3d5"}));
    EXPECT_EQ(r.rc, 3) << r.out;
    EXPECT_NE(r.out.find("stored offline"), std::string::npos);
    EXPECT_EQ(cli(with({"call-next"})).rc, 3);
    EXPECT_EQ(cli(with({"sync"})).rc, 3);
    r = cli(with({"outbox", "list"}));
    EXPECT_EQ(r.rc, 0);
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;

    proxy->setMode(FaultProxy::Mode::Pass);
    r = cli(with({"sync"}));
    EXPECT_EQ(r.rc, 0) << r.out;
    EXPECT_EQ(cli(with({"outbox", "list"})).out, "");

    EXPECT_EQ(cli(with({"transition", serverTickets().back().id, "completed"})).rc, 4);
    EXPECT_EQ(cli(with({"frobnicate"})).rc, 2);
    EXPECT_EQ(cli(with({"check-in"})).rc, 2);
    EXPECT_EQ(cli(with({"transition", "x", "sideways"})).rc, 2);
    EXPECT_EQ(cli({"--server", proxy->url(), "status"}).rc, 2) << "no token";
}

TEST_F(ConsoleCoreTest, CliSaysAWrongTokenIsRefusedNotThatTheServerIsAway) {
    const std::string wrong = "not-the-token-of-any-desk";
    const std::vector<std::string> base{"--server", proxy->url(), "--token",
                                        wrong,      "--data",     dataDir.path() + "/wrong"};
    auto with = [&](const std::string& verb) {
        std::vector<std::string> args = base;
        args.push_back(verb);
        return cli(args);
    };
    ProcessResult r = with("status");
    EXPECT_EQ(r.rc, 4) << "failed, not 'stored offline' (3): waiting will not help" << r.out;
    EXPECT_NE(r.out.find("refused: HTTP 401"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("HTTP 401"), std::string::npos) << "said on stderr too: " << r.err;
    EXPECT_EQ(r.out.find(wrong), std::string::npos) << "never the token";
    EXPECT_EQ(r.err.find(wrong), std::string::npos) << "never the token";
    r = with("sync");
    EXPECT_EQ(r.rc, 4) << r.out;
    EXPECT_NE(r.out.find("refused: HTTP 401"), std::string::npos) << r.out;
}

TEST_F(ConsoleCoreTest, KillingASyncingConsoleThenSyncingAgainIsExactlyOnce) {
    const std::string data = dataDir.path() + "/killed";
    constexpr int kTaps = 400;
    {
        auto s = settings();
        s.dataDir = data;
        ConsoleCore core(s, &recorder);
        ASSERT_TRUE(core.sync().reachable);
        proxy->setMode(FaultProxy::Mode::Refuse);
        for (int i = 0; i < kTaps; ++i) {
            ASSERT_EQ(core.checkIn(uid(100 + i)).delivery, Delivery::Queued);
        }
    }
    const auto before = serverTickets().size();
    proxy->setMode(FaultProxy::Mode::Delay);
    proxy->setDelay(15ms);
    Poco::ProcessHandle h = Poco::Process::launch(
        SANAD_CLI_BINARY, {"--server", proxy->url(), "--token", token, "--data", data, "sync"});
    // Killed mid-sync: once the server has some of the check-ins (not after a guessed time, when
    // nothing or everything may have gone through).
    const auto sentSome = [&] { return serverTickets().size() > before; };
    for (int i = 0; i < 2000 && !sentSome(); ++i) {
        std::this_thread::sleep_for(5ms);
    }
    ::kill(h.id(), SIGKILL);
    h.wait();
    const auto midway = serverTickets().size() - before;
    ASSERT_GT(midway, 0u) << "the kill came before the sync sent anything";
    proxy->setMode(FaultProxy::Mode::Pass);
    const ProcessResult again =
        cli({"--server", proxy->url(), "--token", token, "--data", data, "sync"});
    EXPECT_EQ(again.rc, 0) << again.out;
    EXPECT_EQ(serverTickets().size(), before + kTaps);
    RecordProperty("delivered_before_kill", static_cast<int>(midway));
    EXPECT_LT(midway, static_cast<std::size_t>(kTaps)) << "the kill came too late to test anything";
}

}  // namespace
}  // namespace sanad::test
