// Wire contract v1.1 against a real sanad-server, the day as a whole: the waiting estimate, the
// day's statistics on a seeded day, a ticket's history, public_url, and a v1 data folder that
// opens and carries on (SQLite file, or PostgreSQL database, whichever the suite runs on).
#include "front_desk_fixture.h"

#include <Poco/FileStream.h>
#include <Poco/StreamCopier.h>

#include <ctime>

namespace sanad::test {
namespace {

using core::TicketStatus;
using std::chrono::minutes;

core::Ticket transitionAt(Client& client, const core::Ticket& t, TicketStatus to,
                          core::Timestamp at) {
    const HttpResult r =
        client.post("/api/tickets/" + t.id + "/transitions",
                    core::codec::encode(core::Transition{to, t.version, at, std::nullopt, false}),
                    core::newUuidV4());
    EXPECT_EQ(r.status, 200) << r.body;
    return core::codec::decodeTransitionResponse(r.body).ticket;
}

std::int64_t localHour(core::Timestamp t) {
    const std::time_t s =
        std::chrono::system_clock::to_time_t(std::chrono::time_point_cast<std::chrono::seconds>(t));
    std::tm local{};
    localtime_r(&s, &local);
    return local.tm_hour;
}

// --- the waiting estimate ---

TEST_F(FrontDeskTest, EstimateIsNullBeforeThreeCallsThenAheadTimesTheMedianInterval) {
    const core::Timestamp base = core::now() - minutes(60);
    std::vector<core::Ticket> t;
    for (int i = 0; i < 6; ++i) {
        t.push_back(tapTicket(*a, 40 + i, base + minutes(i)));
    }
    callAt(*a, t[0], base + minutes(10));
    callAt(*a, t[1], base + minutes(14));
    EXPECT_EQ(fetch(*a, t[5].id).estimatedWaitMin, std::nullopt);  // two calls so far
    const core::Ticket third = callAt(*a, t[2], base + minutes(20));
    // A recall is no first call: the intervals stay 4 and 6 minutes (median 5), not 4, 6, 1.
    callAt(*a, third, base + minutes(21));
    // t0..t2 are called, so they still stand in the line: three ahead of t3.
    const core::Ticket t3 = fetch(*a, t[3].id);
    EXPECT_EQ(t3.waitingAhead, 3);
    EXPECT_EQ(t3.estimatedWaitMin, 15);
    EXPECT_EQ(fetch(*a, t[5].id).estimatedWaitMin, 25);
    move(*a, move(*a, fetch(*a, t[0].id), TicketStatus::InProgress), TicketStatus::Completed);
    const auto general = line(*b, "general");
    ASSERT_EQ(general.size(), 5u);  // t0 is completed: not listed
    for (const core::Ticket& ticket : general) {
        if (ticket.status == TicketStatus::Waiting) {
            EXPECT_EQ(ticket.estimatedWaitMin, 5 * *ticket.waitingAhead) << ticket.number;
        } else {
            EXPECT_EQ(ticket.estimatedWaitMin, std::nullopt) << ticket.number;
        }
    }
    // Another queue has had no calls: no estimate there.
    EXPECT_EQ(walkInTicket(*a, walkIn("lab")).estimatedWaitMin, std::nullopt);
}

// --- GET /api/stats ---

TEST_F(FrontDeskTest, StatsOfASeededDay) {
    const core::Timestamp base = core::now() - minutes(180);
    const core::Ticket t1 = tapTicket(*a, 51, base);
    const core::Ticket t2 = tapTicket(*a, 52, base + minutes(5));
    const core::Ticket t3 = tapTicket(*b, 53, base + minutes(10));
    const core::Ticket t4 = walkInTicket(*b, walkIn("general", base + minutes(15)));
    const core::Ticket t5 = walkInTicket(*a, walkIn("general", base + minutes(70)));
    // t1 waits 10 min and is seen; t2 waits 20, is recalled later and does not come; t3 waits
    // 30 and leaves; t4 still waits; t5 is sent to the lab (counted there) and waits.
    core::Ticket c1 = callAt(*a, t1, base + minutes(10));
    transitionAt(*a, transitionAt(*a, c1, TicketStatus::InProgress, base + minutes(11)),
                 TicketStatus::Completed, base + minutes(20));
    const core::Ticket c2 = callAt(*a, t2, base + minutes(25));
    transitionAt(*a, callAt(*a, c2, base + minutes(60)), TicketStatus::NoShow, base + minutes(65));
    transitionAt(*a, callAt(*b, t3, base + minutes(40)), TicketStatus::Cancelled,
                 base + minutes(41));
    core::TicketEdit toLab;
    toLab.baseVersion = t5.version;
    toLab.queueId = "lab";
    edited(*a, t5.id, toLab);

    const HttpResult r = a->get("/api/stats?day=" + core::localDay(core::now()));
    ASSERT_EQ(r.status, 200) << r.body;
    const core::StatsResponse stats = core::codec::decodeStatsResponse(r.body);
    EXPECT_EQ(stats.day, core::localDay(core::now()));
    ASSERT_EQ(stats.queues.size(), 2u);  // every queue
    const core::QueueStats& g = stats.queues[0];
    EXPECT_EQ(g.queueId, "general");
    EXPECT_EQ(g.checkedIn, 4);
    EXPECT_EQ(g.completed, 1);
    EXPECT_EQ(g.noShow, 1);
    EXPECT_EQ(g.cancelled, 1);
    EXPECT_EQ(g.open, 1);
    EXPECT_EQ(g.waitMedianMin, 20.0);  // 10, 20, 30: first calls only
    EXPECT_EQ(g.waitP90Min, 30.0);     // nearest rank: the 3rd of 3
    std::map<std::int64_t, std::int64_t> hours;
    for (const core::Ticket& t : {t1, t2, t3, t4}) {
        ++hours[localHour(t.checkedInAt)];
    }
    ASSERT_EQ(g.byHour.size(), hours.size());
    for (const core::HourStats& h : g.byHour) {
        EXPECT_EQ(h.checkedIn, hours[h.hour]) << h.hour;
    }
    const core::QueueStats& lab = stats.queues[1];
    EXPECT_EQ(lab.queueId, "lab");
    EXPECT_EQ(lab.checkedIn, 1);
    EXPECT_EQ(lab.open, 1);
    EXPECT_EQ(lab.waitMedianMin, std::nullopt);
    ASSERT_EQ(lab.byHour.size(), 1u);
    EXPECT_EQ(lab.byHour[0].hour, localHour(t5.checkedInAt));

    // A missing day is today; queue_id narrows to one queue.
    EXPECT_EQ(core::codec::decodeStatsResponse(a->get("/api/stats").body), stats);
    const auto one = core::codec::decodeStatsResponse(a->get("/api/stats?queue_id=lab").body);
    ASSERT_EQ(one.queues.size(), 1u);
    EXPECT_EQ(one.queues[0], lab);
    // Another day: every queue, nothing counted.
    const auto empty = core::codec::decodeStatsResponse(a->get("/api/stats?day=2020-02-29").body);
    ASSERT_EQ(empty.queues.size(), 2u);
    EXPECT_EQ(empty.queues[0].checkedIn, 0);
    EXPECT_EQ(empty.queues[0].waitMedianMin, std::nullopt);
    EXPECT_TRUE(empty.queues[0].byHour.empty());
}

TEST_F(FrontDeskTest, StatsRefuseAMalformedDayAndAnUnknownQueue) {
    for (const char* bad : {"2026-13-01", "2026-02-30", "26-01-01", "2026-1-01", "today", ""}) {
        const HttpResult r = a->get(std::string("/api/stats?day=") + bad);
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_EQ(errorCode(r), "invalid_field") << bad;
    }
    EXPECT_EQ(a->get("/api/stats?day=2020-02-30&queue_id=nowhere").status, 400);  // 400 first
    EXPECT_EQ(a->get("/api/stats?queue_id=nowhere").status, 404);
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.get("/api/stats").status, 401);
}

// --- GET /api/tickets/{id}/history ---

TEST_F(FrontDeskTest, HistoryListsEveryVersionWithTheDevicesName) {
    const core::Ticket v1 = tapTicket(*a, 61);
    const core::Ticket v2 = move(*b, v1, TicketStatus::Called);
    core::TicketEdit note;
    note.baseVersion = v2.version;
    note.note.emplace("Befund mitbringen");
    const core::Ticket v3 = edited(*a, v1.id, note).ticket;
    ASSERT_EQ(putCard(*b, cardRefOf(61), R"({"patient":"Erika"})").status, 200);
    tapTicket(*a, 62);  // another ticket's versions stay out

    const HttpResult r = b->get("/api/tickets/" + v1.id + "/history");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto history = core::codec::decodeHistoryResponse(r.body).history;
    ASSERT_EQ(history.size(), 4u);
    const char* devices[] = {"Empfang 1", "Empfang 2", "Empfang 1", "Empfang 2"};
    for (std::size_t i = 0; i < history.size(); ++i) {
        EXPECT_EQ(history[i].device, devices[i]) << i;
        EXPECT_EQ(history[i].ticket.version, static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(history[i].at, history[i].ticket.updatedAt);
        if (i > 0) {
            EXPECT_GT(history[i].seq, history[i - 1].seq);
        }
    }
    EXPECT_EQ(history[0].ticket, v1);  // as committed
    EXPECT_EQ(history[1].ticket, v2);
    EXPECT_EQ(history[2].ticket, v3);
    EXPECT_EQ(history[3].ticket.patient, "Erika");
}

// --- GET /api/config: public_url ---

TEST_F(FrontDeskTest, PublicUrlIsNullUnlessSet) {
    EXPECT_EQ(core::codec::decodeConfigResponse(a->get("/api/config").body).publicUrl,
              std::nullopt);
    EXPECT_NE(a->get("/api/config").body.find("\"public_url\":null"), std::string::npos);
}

class PublicUrlTest : public FrontDeskTest {
protected:
    std::vector<std::string> serverArgs() override {
        return {"--public-url", "https://praxis.example:8443/"};
    }
};

TEST_F(PublicUrlTest, PublicUrlComesFromTheOption) {
    EXPECT_EQ(
        core::codec::decodeConfigResponse(a->get("/api/config").body).publicUrl,
        "https://praxis.example:8443");  // without the trailing slash: the console adds "/t/…"
}

// A demo server's pages point at the server itself, so the demo's QR codes work on this PC.
TEST(DemoServer, PublicUrlIsTheServersOwnAddress) {
    ServerProcess server({}, "", /*demo=*/true);
    Client desk(server.port(), server.addDevice("Demo-Empfang"));
    EXPECT_EQ(core::codec::decodeConfigResponse(desk.get("/api/config").body).publicUrl,
              server.baseUrl());
}

// --- a v1 data folder ---

std::string v1Fixture(const std::string& int64Type) {
    Poco::FileInputStream in(std::string(SANAD_TEST_FIXTURES) + "/sanad_v1.sql");
    std::string script;
    Poco::StreamCopier::copyToString(in, script);
    for (std::size_t at = script.find("INT64"); at != std::string::npos;
         at = script.find("INT64", at)) {
        script.replace(at, 5, int64Type);
    }
    return script;
}

constexpr const char* kV1Token = "5dd46f48e08721ce573b5d61e1b51c311c4a646a0f01e8511c79509915f90171";
constexpr const char* kV1Ticket = "11111111-1111-4111-8111-111111111111";
constexpr const char* kErikasCard =
    "1a01daffb87a493ebb6c16c624edd0628a784c14c877fe415fa3b34b353c6906";

TEST(V1DataFolder, OpensAndCarriesOnWithTheV11Defaults) {
    // The v1 database as the v1 server left it, on this suite's engine.
    std::unique_ptr<TestDatabase> pg;
    TempDir dir;
    std::vector<std::string> args;
    if (!testDatabaseCluster().empty()) {
        pg = std::make_unique<TestDatabase>(testDatabaseCluster());
        pg->exec(v1Fixture("BIGINT") +
                 "CREATE TABLE schema_version (version INTEGER NOT NULL);"
                 "INSERT INTO schema_version (version) VALUES (1);");
        args = {"--db", pg->url()};
    } else {
        const ProcessResult r =
            runProcess("sqlite3", {dir.path() + "/sanad.db",
                                   // not "-- …" first: sqlite3 would take the script for an option
                                   "PRAGMA user_version = 1;\n" + v1Fixture("INTEGER")});
        ASSERT_EQ(r.rc, 0) << r.out << r.err;
    }
    auto server = std::make_unique<ServerProcess>(args, dir.path(), /*demo=*/false);
    Client desk(server->port(), kV1Token);

    HttpResult r = desk.get(std::string("/api/tickets/") + kV1Ticket);
    ASSERT_EQ(r.status, 200) << r.body;
    const core::Ticket t = core::codec::decodeTicketResponse(r.body).ticket;
    EXPECT_EQ(t.number, "A004");
    EXPECT_EQ(t.status, TicketStatus::Called);
    EXPECT_EQ(t.version, 2);
    EXPECT_EQ(t.room, "2");
    EXPECT_EQ(t.priority, core::Priority::Normal);
    EXPECT_EQ(t.source, core::TicketSource::Card);
    EXPECT_EQ(t.note, std::nullopt);
    EXPECT_EQ(t.patientId, std::nullopt);
    EXPECT_EQ(t.queuedAt, t.checkedInAt);
    EXPECT_EQ(core::formatTimestamp(t.queuedAt), "2026-12-03T08:00:00.000Z");
    EXPECT_EQ(t.position, 1);  // the earliest of the line

    // The feed written by v1 comes in the v1.1 shape.
    r = desk.get("/api/changes?since=0");
    const auto feed = core::codec::decodeChangesResponse(r.body);
    ASSERT_EQ(feed.changes.size(), 6u);
    EXPECT_NE(r.body.find("\"queued_at\":\"2026-12-03T08:00:00.000Z\""), std::string::npos);
    EXPECT_EQ(r.body.find("\"queued_at\":\"1970"), std::string::npos);
    // Its history: the first version's device is known, the later one's was not recorded.
    const auto history = core::codec::decodeHistoryResponse(
                             desk.get(std::string("/api/tickets/") + kV1Ticket + "/history").body)
                             .history;
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].device, "Empfang 1");
    EXPECT_EQ(history[1].ticket.status, TicketStatus::Called);
    // Known cards keep their names; the first call was backfilled (10 minutes' wait).
    r = desk.get(std::string("/api/cards/") + kErikasCard);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(core::codec::decodeCardResponse(r.body).card.patient, "Erika Mustermann");
    const auto stats = core::codec::decodeStatsResponse(desk.get("/api/stats?day=2026-12-03").body);
    ASSERT_EQ(stats.queues.size(), 2u);
    EXPECT_EQ(stats.queues[0].checkedIn, 4);
    EXPECT_EQ(stats.queues[0].waitMedianMin, 10.0);

    // And it carries on: a call of the old ticket, a new check-in, a tap of a known card.
    const core::Ticket started = transitionAt(desk, t, TicketStatus::InProgress, core::now());
    EXPECT_EQ(started.version, 3);
    r = desk.post("/api/nfc/check-in",
                  core::codec::encode(core::CheckIn{core::newUuidV4(), "general", kErikasCard,
                                                    core::now(), std::nullopt}),
                  core::newUuidV4());
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(core::codec::decodeCheckInResponse(r.body).ticket.patient, "Erika Mustermann");
    // A restart does not migrate again.
    server->restart();
    Client again(server->port(), kV1Token);
    EXPECT_EQ(
        core::codec::decodeTicketResponse(again.get(std::string("/api/tickets/") + kV1Ticket).body)
            .ticket.version,
        3);
}

}  // namespace
}  // namespace sanad::test
