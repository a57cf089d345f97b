// The patient's page and the waiting-room displays on a real server (issue 15): the public body,
// the display's calls, the pages and their headers, the live sockets, and no token in the log.
#include "pages_fixture.h"

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

namespace sanad::test {
namespace {

using core::TicketStatus;

core::DeskCheckIn privateWalkIn(const std::string& queueId = "general") {
    core::DeskCheckIn in;
    in.ticketId = core::newUuidV4();
    in.queueId = queueId;
    in.checkedInAt = core::now();
    in.patient = "Erika Mustermann";
    in.patientId = "PVS-4711";
    in.note = "Allergie gegen Penicillin";
    return in;
}

/// The member names, sorted.
std::vector<std::string> keysOf(const Poco::JSON::Object::Ptr& o) {
    std::vector<std::string> keys;
    for (const auto& [name, value] : *o) {
        keys.push_back(name);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

TEST_F(PagesTest, PublicTicketShowsTheLineButNoNameNoteOrPatientId) {
    walkInTicket(*a, walkIn());
    const core::DeskCheckIn in = privateWalkIn();
    const core::Ticket t = walkInTicket(*a, in);
    const HttpResult r = anyone->get("/api/public/tickets/" + tokenOf(t.id));  // no token
    ASSERT_EQ(r.status, 200) << r.body;
    for (const std::string& secret : {std::string("Erika"), std::string("PVS-4711"),
                                      std::string("Penicillin"), t.id, std::string("Empfang")}) {
        EXPECT_EQ(r.body.find(secret), std::string::npos) << secret << " in " << r.body;
    }
    const auto o = parse(r.body);
    EXPECT_EQ(keysOf(o), (std::vector<std::string>{"called_at", "estimated_wait_min", "number",
                                                   "position", "queue", "room", "server_time",
                                                   "status", "updated_at", "waiting_ahead"}));
    EXPECT_EQ(o->getValue<std::string>("number"), t.number);
    EXPECT_EQ(o->getValue<std::string>("queue"), "Allgemeinmedizin");  // the name, not the id
    EXPECT_EQ(o->getValue<std::string>("status"), "waiting");
    EXPECT_EQ(o->getValue<int>("position"), 2);
    EXPECT_EQ(o->getValue<int>("waiting_ahead"), 1);
    EXPECT_TRUE(o->isNull("estimated_wait_min"));
    EXPECT_TRUE(o->isNull("room"));
    EXPECT_TRUE(o->isNull("called_at"));
    EXPECT_EQ(r.headers.at("X-Robots-Tag"), "noindex");
    EXPECT_EQ(r.headers.at("Referrer-Policy"), "no-referrer");
}

TEST_F(PagesTest, PublicTicketFollowsTheCallIntoItsRoom) {
    const core::Ticket t = walkInTicket(*a, walkIn());
    moveTo(t, TicketStatus::Called, "2");
    const auto o = publicTicket(tokenOf(t.id));
    EXPECT_EQ(o->getValue<std::string>("status"), "called");
    EXPECT_EQ(o->getValue<std::string>("room"), "2");
    EXPECT_FALSE(o->isNull("called_at"));
    EXPECT_TRUE(o->isNull("waiting_ahead"));
}

TEST_F(PagesTest, MalformedUnknownAndPastDayTokensAre404) {
    const core::Ticket t = walkInTicket(*a, walkIn());
    const std::string token = tokenOf(t.id);
    std::string upper = token;
    for (char& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    for (const std::string& bad : {std::string("abc"), upper, token + "0", token.substr(1) + "g"}) {
        const HttpResult r = anyone->get("/api/public/tickets/" + bad);
        EXPECT_EQ(r.status, 404) << bad;
        EXPECT_EQ(anyone->get("/t/" + bad).status, 404) << bad;
    }
    const HttpResult unknown = anyone->get("/api/public/tickets/" + tokenOf(core::newUuidV4()));
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(errorCode(unknown), "not_found");
    server->execSql("UPDATE tickets SET day = '2000-01-01' WHERE id = '" + t.id + "'");
    const HttpResult expired = anyone->get("/api/public/tickets/" + token);
    EXPECT_EQ(expired.status, 404);
    EXPECT_EQ(errorCode(expired), "expired");
    EXPECT_EQ(upgrade("/api/public/live/" + token).status, 404);  // before the upgrade
    EXPECT_EQ(upgrade("/api/public/live/nonsense").status, 404);
}

TEST_F(PagesTest, TheTokenOfACheckInAnsweredExistingShowsTheExistingTicket) {
    const core::Ticket first = tapTicket(*a, 1);
    const std::string droppedId = core::newUuidV4();  // the console's local ticket, on the QR
    const HttpResult again = a->post(
        "/api/nfc/check-in", checkInBody(droppedId, cardRefOf(1), core::now()), core::newUuidV4());
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(core::codec::decodeCheckInResponse(again.body).ticket.id, first.id);
    EXPECT_EQ(publicTicket(tokenOf(droppedId))->getValue<std::string>("number"), first.number);
}

TEST_F(PagesTest, ExistingTicketsGetTheirTokenFromTheMigration) {
    const core::Ticket t = walkInTicket(*a, walkIn());
    server->stop();
    // Back to schema 3, as a server before issue 15 left it.
    server->execSql(server->onPostgres() ? "UPDATE schema_version SET version = 3"
                                         : "PRAGMA user_version = 3");
    for (const char* sql :
         {"DROP INDEX tickets_by_status_token", "DROP INDEX aliases_by_status_token",
          "ALTER TABLE tickets DROP COLUMN status_token",
          "ALTER TABLE ticket_aliases DROP COLUMN status_token", "DROP TABLE calls"}) {
        server->execSql(sql);
    }
    server->restart(true);
    anyone = std::make_unique<Client>(server->port());
    EXPECT_EQ(publicTicket(tokenOf(t.id))->getValue<std::string>("number"), t.number);
}

TEST_F(PagesTest, DisplayCallsAreTheLastFiveOfItsQueuesNewestFirst) {
    std::vector<core::Ticket> lab;
    for (int i = 0; i < 7; ++i) {
        lab.push_back(walkInTicket(*a, walkIn("lab")));
    }
    const core::Ticket general = walkInTicket(*a, walkIn("general"));
    for (int i = 0; i < 6; ++i) {
        lab[static_cast<std::size_t>(i)] =
            moveTo(lab[static_cast<std::size_t>(i)], TicketStatus::Called, std::to_string(i));
    }
    moveTo(general, TicketStatus::Called, "9");
    Client display(server->port(), displayToken);
    HttpResult r = display.get("/api/display/calls");
    ASSERT_EQ(r.status, 200) << r.body;
    auto calls = parse(r.body)->getArray("calls");
    ASSERT_EQ(calls->size(), 5u);
    for (std::size_t i = 0; i < 5; ++i) {
        const auto call = calls->getObject(static_cast<unsigned>(i));
        EXPECT_EQ(call->getValue<std::string>("number"), lab[5 - i].number);
        EXPECT_EQ(call->getValue<std::string>("queue"), "Labor");
        EXPECT_EQ(call->getValue<std::string>("room"), std::to_string(5 - i));
        EXPECT_EQ(call->getValue<std::string>("priority"), "normal");
        EXPECT_EQ(keysOf(call),
                  (std::vector<std::string>{"called_at", "number", "priority", "queue", "room"}));
    }
    // A recall moves its ticket to the top; the call stays as it was when the ticket moves on.
    const core::Ticket recalled = moveTo(lab[1], TicketStatus::Called, "7");
    moveTo(recalled, TicketStatus::InProgress);
    calls = parse(display.get("/api/display/calls").body)->getArray("calls");
    EXPECT_EQ(calls->getObject(0)->getValue<std::string>("number"), lab[1].number);
    EXPECT_EQ(calls->getObject(0)->getValue<std::string>("room"), "7");
    EXPECT_EQ(calls->getObject(1)->getValue<std::string>("number"), lab[5].number);
    // A desk reads every queue's calls; nobody without a token; the display nothing else.
    calls = parse(a->get("/api/display/calls").body)->getArray("calls");
    EXPECT_EQ(calls->getObject(1)->getValue<std::string>("number"), general.number);
    EXPECT_EQ(anyone->get("/api/display/calls").status, 401);
    EXPECT_EQ(display.get("/api/queues").status, 403);
}

TEST_F(PagesTest, PagesAndFilesComeFromTheBinaryWithPrivacyHeaders) {
    const std::string token = tokenOf(core::newUuidV4());  // any well-formed token has a page
    for (const auto& [path, type] : std::vector<std::pair<std::string, std::string>>{
             {"/t/" + token, "text/html; charset=utf-8"},
             {"/display", "text/html; charset=utf-8"},
             {"/web/status.js", "application/javascript; charset=utf-8"},
             {"/web/style.css", "text/css; charset=utf-8"},
             {"/web/status-sw.js", "application/javascript; charset=utf-8"}}) {
        const HttpResult r = anyone->get(path);
        ASSERT_EQ(r.status, 200) << path;
        EXPECT_EQ(r.headers.at("Content-Type"), type) << path;
        EXPECT_EQ(r.headers.at("X-Robots-Tag"), "noindex") << path;
        EXPECT_EQ(r.headers.at("Referrer-Policy"), "no-referrer") << path;
        EXPECT_EQ(r.headers.at("X-Content-Type-Options"), "nosniff") << path;
        EXPECT_EQ(r.headers.at("Cache-Control"), "no-cache") << path;
        const std::string csp = r.headers.at("Content-Security-Policy");
        EXPECT_EQ(csp.rfind("default-src 'self'; connect-src 'self' ws://127.0.0.1:", 0), 0u)
            << csp;
        EXPECT_EQ(r.has("Service-Worker-Allowed"), path == "/web/status-sw.js") << path;
    }
    std::ifstream file(std::string(SANAD_WEB_ASSETS) + "/status.html", std::ios::binary);
    const std::string html((std::istreambuf_iterator<char>(file)), {});
    EXPECT_EQ(anyone->get("/t/" + token).body, html);
    EXPECT_EQ(anyone->get("/web/status-sw.js").headers.at("Service-Worker-Allowed"), "/t/");
    const HttpResult head = anyone->request("HEAD", "/t/" + token, "", {});
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(anyone->get("/web/nothing.js").status, 404);
}

TEST_F(PagesTest, LivePageSeesItsCallAndTheLineAheadMove) {
    const core::Ticket head = walkInTicket(*a, walkIn());
    const core::Ticket mine = walkInTicket(*a, privateWalkIn());
    PageSocket page(server->port(), "/api/public/live/" + tokenOf(mine.id));
    auto frame = page.next();
    EXPECT_EQ(frame->getValue<std::string>("type"), "status");
    EXPECT_EQ(frame->getValue<int>("position"), 2);
    EXPECT_FALSE(frame->has("patient"));
    // The line ahead moves: the head is called (no move: a called ticket keeps its place), then
    // starts treatment (it leaves the line): one frame, position 1.
    const core::Ticket called = moveTo(head, TicketStatus::Called, "1");
    moveTo(called, TicketStatus::InProgress);
    frame = page.next();
    EXPECT_EQ(frame->getValue<int>("position"), 1);
    EXPECT_EQ(frame->getValue<int>("waiting_ahead"), 0);
    const core::Ticket mineNow = fetch(*a, mine.id);
    moveTo(mineNow, TicketStatus::Called, "3");
    frame = page.next();
    EXPECT_EQ(frame->getValue<std::string>("status"), "called");
    EXPECT_EQ(frame->getValue<std::string>("room"), "3");
    EXPECT_EQ(frame->getValue<std::string>("queue"), "Allgemeinmedizin");
}

TEST_F(PagesTest, LivePageOfAnUnknownTokenTurnsIntoTheStatusWhenTheCheckInArrives) {
    core::DeskCheckIn in = walkIn();  // checked in offline: its QR is out, the server knows nothing
    PageSocket page(server->port(), "/api/public/live/" + tokenOf(in.ticketId));
    EXPECT_EQ(page.next()->getValue<std::string>("type"), "unknown");
    const core::Ticket t = walkInTicket(*a, in);  // the outbox delivers it
    const auto frame = page.next();
    EXPECT_EQ(frame->getValue<std::string>("type"), "status");
    EXPECT_EQ(frame->getValue<std::string>("number"), t.number);
}

TEST_F(PagesTest, LivePageOfAnAliasTurnsIntoTheExistingTicket) {
    const core::Ticket first = tapTicket(*a, 2);
    const std::string droppedId = core::newUuidV4();
    PageSocket page(server->port(), "/api/public/live/" + tokenOf(droppedId));
    EXPECT_EQ(page.next()->getValue<std::string>("type"), "unknown");
    ASSERT_EQ(a->post("/api/nfc/check-in", checkInBody(droppedId, cardRefOf(2), core::now()),
                      core::newUuidV4())
                  .status,
              200);
    EXPECT_EQ(page.next()->getValue<std::string>("number"), first.number);
}

TEST_F(PagesTest, LiveDisplayTakesItsTokenThreeWaysAndSeesOnlyItsQueues) {
    const core::Ticket earlier = walkInTicket(*a, walkIn("lab"));
    moveTo(earlier, TicketStatus::Called, "1");
    PageSocket byHeader(server->port(), "/api/display/live",
                        {{"Authorization", "Bearer " + displayToken}});
    PageSocket byProtocol(
        server->port(), "/api/display/live",
        {{"Sec-WebSocket-Protocol", "sanad.display, sanad.token." + displayToken}});
    EXPECT_EQ(byProtocol.response().get("Sec-WebSocket-Protocol", ""), "sanad.display");
    PageSocket byFrame(server->port(), "/api/display/live");
    byFrame.sendText(R"({"type":"auth","token":")" + displayToken + R"("})");
    for (PageSocket* socket : {&byHeader, &byProtocol, &byFrame}) {
        const auto first = socket->next();
        EXPECT_EQ(first->getValue<std::string>("type"), "calls");
        ASSERT_EQ(first->getArray("calls")->size(), 1u);
        EXPECT_EQ(first->getArray("calls")->getObject(0)->getValue<std::string>("number"),
                  earlier.number);
    }
    const core::Ticket general = walkInTicket(*a, walkIn("general"));
    moveTo(general, TicketStatus::Called, "5");  // not the display's queue
    core::DeskCheckIn urgent = walkIn("lab");
    urgent.priority = core::Priority::Urgent;
    const core::Ticket next = walkInTicket(*a, urgent);
    moveTo(next, TicketStatus::Called, "2");
    for (PageSocket* socket : {&byHeader, &byProtocol, &byFrame}) {
        const auto call = socket->next();
        EXPECT_EQ(call->getValue<std::string>("type"), "call");
        EXPECT_EQ(call->getValue<std::string>("number"), next.number);
        EXPECT_EQ(call->getValue<std::string>("room"), "2");
        EXPECT_EQ(call->getValue<std::string>("priority"), "urgent");
    }
    // A recall is a call again.
    moveTo(fetch(*a, earlier.id), TicketStatus::Called, "4");
    EXPECT_EQ(byHeader.next()->getValue<std::string>("number"), earlier.number);
    // A desk's token reads every queue.
    PageSocket desk(server->port(), "/api/display/live", {{"Authorization", "Bearer " + tokenA}});
    EXPECT_EQ(desk.next()->getArray("calls")->getObject(0)->getValue<std::string>("number"),
              earlier.number);
    moveTo(fetch(*a, general.id), TicketStatus::Called, "5");
    EXPECT_EQ(desk.next()->getValue<std::string>("number"), general.number);
}

TEST_F(PagesTest, LiveDisplayWithAWrongOrRevokedTokenIsClosedWith4401) {
    PageSocket wrong(server->port(), "/api/display/live", {{"Authorization", "Bearer nope"}});
    EXPECT_EQ(wrong.closeCode(), 4401);
    PageSocket wrongFrame(server->port(), "/api/display/live");
    wrongFrame.sendText(R"({"type":"auth","token":"nope"})");
    EXPECT_EQ(wrongFrame.closeCode(), 4401);
    PageSocket open(server->port(), "/api/display/live",
                    {{"Authorization", "Bearer " + displayToken}});
    EXPECT_EQ(open.next()->getValue<std::string>("type"), "calls");
    ASSERT_EQ(server->admin({"device", "revoke", "Wartezimmer Labor"}).rc, 0);
    moveTo(walkInTicket(*a, walkIn("lab")), TicketStatus::Called, "1");
    EXPECT_EQ(open.closeCode(), 4401);  // the next call does not reach a revoked display
    PageSocket revoked(server->port(), "/api/display/live",
                       {{"Sec-WebSocket-Protocol", "sanad.display, sanad.token." + displayToken}});
    EXPECT_EQ(revoked.closeCode(), 4401);
}

/// A second instance on the same database: its pages and displays hear of the first one's calls
/// through the change relay (which reads the database when there is no Redis).
TEST_F(PagesTest, ACallOnOneInstanceReachesPagesAndDisplaysOnAnother) {
    if (server->onPostgres()) {
        GTEST_SKIP()
            << "tests/multi runs instances on one PostgreSQL; here: two on one SQLite file";
    }
    ServerProcess second({}, server->dataDir(), /*demo=*/false);
    const core::Ticket head = walkInTicket(*a, walkIn("lab"));
    const core::Ticket mine = walkInTicket(*a, walkIn("lab"));
    PageSocket page(second.port(), "/api/public/live/" + tokenOf(mine.id));
    EXPECT_EQ(page.next()->getValue<int>("position"), 2);
    PageSocket display(second.port(), "/api/display/live",
                       {{"Authorization", "Bearer " + displayToken}});
    EXPECT_EQ(display.next()->getValue<std::string>("type"), "calls");
    moveTo(moveTo(head, TicketStatus::Called, "6"), TicketStatus::InProgress);  // on the first
    EXPECT_EQ(display.next()->getValue<std::string>("room"), "6");
    EXPECT_EQ(page.next()->getValue<int>("position"), 1);
}

/// The server's log, at debug level, has the paths of the pages it served, never a token.
TEST_F(PagesTest, NoStatusTokenReachesTheLog) {
    if (server->onPostgres()) {
        GTEST_SKIP() << "logging does not depend on the engine: the SQLite run checks it";
    }
    const core::Ticket t = walkInTicket(*a, walkIn());
    server->stop();
    const std::string log = server->dataDir() + "/server.log";
    Poco::Pipe out;
    Poco::ProcessHandle process =
        Poco::Process::launch("/bin/sh",
                              {"-c", "exec '" + ServerProcess::binary() + "' --port 0 --data '" +
                                         server->dataDir() + "' --log-level debug 2>'" + log + "'"},
                              nullptr, &out, nullptr);
    Poco::PipeInputStream stream(out);
    std::string line;
    ASSERT_TRUE(std::getline(stream, line));
    const auto port = static_cast<std::uint16_t>(std::stoi(line.substr(line.rfind(':') + 1)));
    const std::string token = tokenOf(t.id);
    Client client(port);
    EXPECT_EQ(client.get("/t/" + token).status, 200);
    EXPECT_EQ(client.get("/api/public/tickets/" + token).status, 200);
    EXPECT_EQ(client.get("/api/public/tickets/" + tokenOf(core::newUuidV4())).status, 404);
    {
        PageSocket page(port, "/api/public/live/" + token);
        EXPECT_EQ(page.next()->getValue<std::string>("type"), "status");
    }
    {
        PageSocket display(
            port, "/api/display/live",
            {{"Sec-WebSocket-Protocol", "sanad.display, sanad.token." + displayToken}});
        EXPECT_EQ(display.next()->getValue<std::string>("type"), "calls");
    }
    Poco::Process::requestTermination(process.id());
    process.wait();
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    const std::string logged = text.str();
    EXPECT_NE(logged.find("GET /t/… -> 200"), std::string::npos) << logged;
    EXPECT_NE(logged.find("GET /api/public/tickets/… -> 200"), std::string::npos) << logged;
    EXPECT_NE(logged.find("GET /api/public/live/… -> 101"), std::string::npos) << logged;
    EXPECT_EQ(logged.find(token), std::string::npos) << logged;
    EXPECT_EQ(logged.find(displayToken), std::string::npos) << logged;
    server->restart();  // for the fixture's teardown
}

}  // namespace
}  // namespace sanad::test
