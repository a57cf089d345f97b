// The console core when things go wrong underneath it: a server away for a while, a disk that
// refuses a write, and what the listener may rely on. Real server, real SQLite, a moved clock.
#include "console_core_fixture.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

namespace sanad::test {
namespace {

using core::ConsoleCore;
using core::Delivery;
using Poco::Data::Keywords::now;

// Issue 13, bug 6 (DESIGN.md, retry policy): 503 from a proxy or a server in maintenance is a
// server away for now. 45 minutes of it (the clock moved, every due row sent again and again)
// burn no attempt and fail nothing; when it answers again, everything goes through once.
TEST_F(ConsoleCoreTest, AServerAwayForAWhileFailsNothingAndLosesNothing) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    const auto before = serverTickets().size();
    proxy->setMode(FaultProxy::Mode::Unavailable);
    for (int i = 0; i < 8; ++i) {
        EXPECT_EQ(core.checkIn(uid(i)).delivery, Delivery::Queued);
    }
    for (int minute = 0; minute < 45; ++minute) {
        clock.advance(1min);
        core.sync();
    }
    EXPECT_EQ(core.store().counts().failed, 0);
    EXPECT_EQ(core.store().counts().pending, 8);
    for (const auto& row : core.store().list({core::OutboxStatus::Retrying})) {
        EXPECT_EQ(row.retryCount, 0) << "an away server burns no attempt";
    }
    proxy->setMode(FaultProxy::Mode::Pass);
    clock.advance(6min);  // past the 5-minute cap of the backoff
    const auto report = core.sync();
    EXPECT_EQ(report.counts.pending, 0);
    EXPECT_EQ(report.counts.failed, 0);
    EXPECT_EQ(serverTickets().size(), before + 8);
}

TEST_F(ConsoleCoreTest, RetryAfterSaysWhenToComeBack) {
    ConsoleCore core(settings(), &recorder);
    ASSERT_TRUE(core.sync().reachable);
    proxy->setMode(FaultProxy::Mode::Unavailable);
    proxy->setRetryAfter(120s);
    const auto tapped = clock.now();
    EXPECT_EQ(core.checkIn(uid(1)).delivery, Delivery::Queued);
    const auto rows = core.store().list({core::OutboxStatus::Retrying});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].retryCount, 0);
    EXPECT_EQ(*rows[0].nextAttemptAt, tapped + 120s);
    EXPECT_EQ(core.nextAttemptAt(), tapped + 120s);
    proxy->setMode(FaultProxy::Mode::Pass);
    clock.advance(119s);
    EXPECT_EQ(core.deliverDue(), 0u) << "not before the server said";
    clock.advance(1s);
    EXPECT_EQ(core.deliverDue(), 1u);
}

// Issue 13, bug 4: a check-in the disk refuses after its number was taken (a trigger another
// program left on the outbox aborts the row's insert, as a full disk would) is reported as not
// stored, leaves no outbox row, and does not use up the leased number: the next check-in gets it.
TEST_F(ConsoleCoreTest, ACheckInTheDiskRefusesIsReportedAndBurnsNoNumber) {
    auto s = settings();
    std::vector<core::CheckInResult> reported;
    struct Listener : Recorder {
        std::vector<core::CheckInResult>* results;
        void checkInDone(const core::CheckInResult& r) override { results->push_back(r); }
    } listener;
    listener.results = &reported;
    ConsoleCore core(s, &listener);
    ASSERT_TRUE(core.sync().reachable);
    proxy->setMode(FaultProxy::Mode::Refuse);  // offline: the number comes from the block
    const auto left = core.store().leasedNumbersLeft("general", core::localDay(clock.now()));
    ASSERT_GT(left, 0u);

    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session other("SQLite", core.store().path());
    other << "CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN "
             "SELECT RAISE(ABORT, 'database or disk is full'); END",
        now;
    const auto refused = core.checkIn(uid(1));
    other << "DROP TRIGGER refuse", now;

    EXPECT_EQ(refused.delivery, Delivery::Failed);
    ASSERT_TRUE(refused.problem);
    EXPECT_EQ(refused.problem->kind, core::ProblemKind::StoreUnavailable);
    ASSERT_EQ(reported.size(), 1u) << "the receptionist is told";
    EXPECT_EQ(reported[0].delivery, Delivery::Failed);
    EXPECT_EQ(core.store().counts().pending, 0);
    EXPECT_EQ(core.store().leasedNumbersLeft("general", core::localDay(clock.now())), left)
        << "the leased number was not used up";

    const auto stored = core.checkIn(uid(1));
    EXPECT_EQ(stored.delivery, Delivery::Queued);
    EXPECT_FALSE(stored.provisionalNumber);
    EXPECT_EQ(core.store().counts().pending, 1);
}

// The listener hears of a change only once it is committed: a second connection to the file
// (the UI's view, sanad-cli) sees it at the moment of the report.
TEST_F(ConsoleCoreTest, ReportsComeAfterTheCommitThatMadeThem) {
    struct Checking : Recorder {
        std::string path;
        std::vector<std::string> seen;  // ticket ids visible when each report came
        void ticketsChanged(const std::string&) override {
            Poco::Data::Session reader("SQLite", path);
            std::vector<std::string> ids;
            reader << "SELECT id FROM tickets WHERE pending = 0", Poco::Data::Keywords::into(ids),
                now;
            seen.insert(seen.end(), ids.begin(), ids.end());
        }
    } listener;
    Poco::Data::SQLite::Connector::registerConnector();
    ConsoleCore core(settings(), &listener);
    listener.path = core.store().path();
    ASSERT_TRUE(core.sync().reachable);
    proxy->setMode(FaultProxy::Mode::Refuse);
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        ids.push_back(core.checkIn(uid(i)).ticket->id);
    }
    proxy->setMode(FaultProxy::Mode::Pass);
    listener.seen.clear();
    // The backlog goes in one round, its answers recorded in one transaction.
    ASSERT_EQ(core.deliverDue(), 3u);
    for (const std::string& id : ids) {
        EXPECT_NE(std::find(listener.seen.begin(), listener.seen.end(), id), listener.seen.end())
            << "synced ticket " << id << " not visible when its change was reported";
    }
}

}  // namespace
}  // namespace sanad::test
