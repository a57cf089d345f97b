// The wire contract of DESIGN.md against a real sanad-server process.
#include "server_fixture.h"

#include "sanad/core/demo_cards.h"
#include "sanad/core/numbering.h"

#include <Poco/JSON/Object.h>

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
using core::TicketStatus;
namespace codec = core::codec;

TEST_F(ServerTest, HealthNeedsNoToken) {
    Client anonymous(server->port());
    const HttpResult r = anonymous.get("/api/health");
    ASSERT_EQ(r.status, 200);
    const auto health = codec::decodeHealthResponse(r.body);
    EXPECT_EQ(health.status, "ok");
    EXPECT_FALSE(health.version.empty());
    EXPECT_LT(std::chrono::abs(health.serverTime - core::now()), 5s);
    EXPECT_EQ(r.headers.at("Content-Type"), "application/json");
}

TEST_F(ServerTest, EveryOtherCallWantsAValidToken) {
    Client anonymous(server->port());
    Client wrong(server->port(), std::string(64, '0'));
    Client garbage(server->port(), "not a token at all");
    const std::vector<std::pair<std::string, std::string>> calls = {
        {"GET", "/api/config"},
        {"GET", "/api/queues"},
        {"GET", "/api/queues/general/tickets"},
        {"GET", "/api/changes?since=0"},
        {"POST", "/api/nfc/check-in"},
        {"POST", "/api/tickets/x/transitions"},
        {"POST", "/api/number-blocks"},
        {"GET", "/api/live"},
        {"GET", "/api/nonexistent"}};
    for (Client* client : {&anonymous, &wrong, &garbage}) {
        for (const auto& [method, path] : calls) {
            const HttpResult r = client->request(
                method, path, method == "POST" ? checkInBody(core::newUuidV4(), cardRefOf(1)) : "",
                {{"Content-Type", "application/json"}, {"X-Idempotency-Key", "k"}});
            EXPECT_EQ(r.status, 401) << method << " " << path;
            EXPECT_EQ(errorCode(r), "unauthorized");
            // A wrong token never sees data: nothing of a ticket or key in the answer.
            EXPECT_EQ(r.body.find("practice_key"), std::string::npos);
            EXPECT_EQ(r.body.find("ticket"), std::string::npos);
        }
    }
    // The wrong tokens stored nothing.
    EXPECT_EQ(
        codec::decodeTicketsResponse(a->get("/api/queues/general/tickets").body).tickets.size(),
        3u);
}

TEST_F(ServerTest, ConfigHandsOutAStablePracticeKey) {
    const auto config = codec::decodeConfigResponse(a->get("/api/config").body);
    EXPECT_EQ(config.practiceKey.size(), 64u);
    EXPECT_TRUE(core::isCardRef(config.practiceKey));
    EXPECT_EQ(config.checkinWindowS, 300);
    EXPECT_EQ(config.idempotencyRetentionH, 72);
    EXPECT_EQ(codec::decodeConfigResponse(b->get("/api/config").body).practiceKey,
              config.practiceKey);
    server->restart();
    Client again(server->port(), tokenA);
    EXPECT_EQ(codec::decodeConfigResponse(again.get("/api/config").body).practiceKey,
              config.practiceKey);
}

TEST_F(ServerTest, DemoSeedsQueuesTicketsAndKnownCards) {
    const auto queues = codec::decodeQueuesResponse(a->get("/api/queues").body).queues;
    ASSERT_EQ(queues.size(), 2u);
    EXPECT_EQ(queues[0].id, "general");
    EXPECT_EQ(queues[0].code, "A");
    EXPECT_EQ(queues[0].ticketCount, 3);
    EXPECT_EQ(queues[1].code, "B");
    const auto tickets = codec::decodeTicketsResponse(a->get("/api/queues/general/tickets").body);
    ASSERT_EQ(tickets.tickets.size(), 3u);
    for (std::size_t i = 0; i < tickets.tickets.size(); ++i) {
        EXPECT_EQ(tickets.tickets[i].position, static_cast<std::int64_t>(i + 1));
        EXPECT_EQ(tickets.tickets[i].number,
                  core::formatTicketNumber("A", static_cast<int>(i + 1)));
    }
    EXPECT_EQ(tickets.seq, 4);
    // A known demo card gets its name on a new ticket.
    const auto key =
        *core::fromHex(codec::decodeConfigResponse(a->get("/api/config").body).practiceKey);
    const std::string ref = core::cardRef(key, *core::fromHex(core::demoCards().back().uidHex));
    const HttpResult r = checkIn(*a, ref);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(codec::decodeCheckInResponse(r.body).ticket.patient, "Jürgen Schmidt");
    // Seeding happens once: a restart with --demo adds nothing.
    server->restart();
    Client again(server->port(), tokenA);
    EXPECT_EQ(
        codec::decodeTicketsResponse(again.get("/api/queues/general/tickets").body).tickets.size(),
        4u);
}

TEST_F(ServerTest, TicketsOfAQueue) {
    const core::Ticket t = createTicket(*a, 1);
    const core::Ticket done =
        move(*a, move(*a, move(*a, t, TicketStatus::Called), TicketStatus::InProgress),
             TicketStatus::Completed);
    EXPECT_EQ(done.status, TicketStatus::Completed);
    const auto open = codec::decodeTicketsResponse(a->get("/api/queues/general/tickets").body);
    EXPECT_EQ(open.tickets.size(), 3u);  // completed is not open
    const auto all = codec::decodeTicketsResponse(a->get("/api/queues/general/tickets?all=1").body);
    EXPECT_EQ(all.tickets.size(), 4u);
    EXPECT_EQ(all.seq, latestSeq(*a));
    EXPECT_EQ(a->get("/api/queues/nope/tickets").status, 404);
}

TEST_F(ServerTest, CheckInCreatesThenReplaysUnderTheSameKey) {
    const std::string id = core::newUuidV4();
    const std::string body = checkInBody(id, cardRefOf(7));
    const HttpResult first = a->post("/api/nfc/check-in", body, "key-1");
    ASSERT_EQ(first.status, 201) << first.body;
    EXPECT_FALSE(first.has("Idempotent-Replayed"));
    const auto created = codec::decodeCheckInResponse(first.body);
    EXPECT_EQ(created.outcome, core::CheckInOutcome::Created);
    EXPECT_EQ(created.ticket.id, id);
    EXPECT_EQ(created.ticket.number, "A004");
    EXPECT_EQ(created.ticket.status, TicketStatus::Waiting);
    EXPECT_EQ(created.ticket.version, 1);
    EXPECT_EQ(created.ticket.deviceId, "Empfang 1");
    EXPECT_EQ(created.ticket.position, 4);
    EXPECT_FALSE(created.ticket.patient);

    const HttpResult replay = a->post("/api/nfc/check-in", body, "key-1");
    EXPECT_EQ(replay.status, 201);
    EXPECT_EQ(replay.headers.at("Idempotent-Replayed"), "true");
    EXPECT_EQ(replay.body, first.body);

    // The same key with another body is refused.
    const HttpResult reused =
        a->post("/api/nfc/check-in", checkInBody(core::newUuidV4(), cardRefOf(8)), "key-1");
    EXPECT_EQ(reused.status, 422);
    EXPECT_EQ(errorCode(reused), "idempotency_key_reused");

    // Keys belong to a device: the same key from another desk is a new request.
    const HttpResult other =
        b->post("/api/nfc/check-in", checkInBody(core::newUuidV4(), cardRefOf(9)), "key-1");
    EXPECT_EQ(other.status, 201) << other.body;
    EXPECT_EQ(
        codec::decodeTicketsResponse(a->get("/api/queues/general/tickets").body).tickets.size(),
        5u);
}

TEST_F(ServerTest, PositionsFollowTheTimeOfTheTapNotOfTheSync) {
    // The demo line: A001 (42 min ago), A002 (31), A003 (18).
    const HttpResult late = checkIn(*a, cardRefOf(1), core::now() - 35min);  // synced late
    ASSERT_EQ(late.status, 201);
    EXPECT_EQ(codec::decodeCheckInResponse(late.body).ticket.position, 2);
    const HttpResult now = checkIn(*a, cardRefOf(2));
    EXPECT_EQ(codec::decodeCheckInResponse(now.body).ticket.position, 5);
    // Calling the first patient keeps them in the line; completing them takes them out.
    auto line = codec::decodeTicketsResponse(a->get("/api/queues/general/tickets").body).tickets;
    const core::Ticket first = move(*a, line.front(), TicketStatus::Called);
    EXPECT_EQ(first.position, 1);
    move(*a, move(*a, first, TicketStatus::InProgress), TicketStatus::Completed);
    const HttpResult next = checkIn(*a, cardRefOf(3));
    EXPECT_EQ(codec::decodeCheckInResponse(next.body).ticket.position, 5);
    line = codec::decodeTicketsResponse(a->get("/api/queues/general/tickets").body).tickets;
    ASSERT_EQ(line.size(), 5u);  // the completed one has left the open list
    EXPECT_EQ(line.back().position, 5);
}

TEST_F(ServerTest, SameCardSameDeviceWithinTheWindowGetsTheExistingTicket) {
    const core::Ticket first = createTicket(*a, 1);
    const HttpResult again = checkIn(*a, cardRefOf(1), core::now() + 2min);
    ASSERT_EQ(again.status, 200) << again.body;
    const auto response = codec::decodeCheckInResponse(again.body);
    EXPECT_EQ(response.outcome, core::CheckInOutcome::Existing);
    EXPECT_EQ(response.ticket.id, first.id);
    EXPECT_FALSE(response.warning);
}

TEST_F(ServerTest, SameCardOtherDeviceWithinTheWindowWarns) {
    const core::Ticket first = createTicket(*a, 1);
    const HttpResult other = checkIn(*b, cardRefOf(1));
    ASSERT_EQ(other.status, 201) << other.body;
    const auto response = codec::decodeCheckInResponse(other.body);
    EXPECT_EQ(response.outcome, core::CheckInOutcome::Created);
    EXPECT_NE(response.ticket.id, first.id);
    EXPECT_EQ(response.warning, "same_card_other_device");
}

TEST_F(ServerTest, SameCardAfterTheWindowGetsANewTicket) {
    const HttpResult early = checkIn(*a, cardRefOf(1), core::now() - 10min);
    ASSERT_EQ(early.status, 201);
    const HttpResult later = checkIn(*a, cardRefOf(1));
    ASSERT_EQ(later.status, 201) << later.body;
    EXPECT_FALSE(codec::decodeCheckInResponse(later.body).warning);
}

TEST_F(ServerTest, ClosedTicketsDoNotCountForTheWindow) {
    const core::Ticket t = createTicket(*a, 1);
    move(*a, t, TicketStatus::Cancelled);
    EXPECT_EQ(checkIn(*a, cardRefOf(1)).status, 201);
}

TEST_F(ServerTest, AKnownTicketIdUnderANewKeyIsExisting) {
    const std::string id = core::newUuidV4();
    ASSERT_EQ(a->post("/api/nfc/check-in", checkInBody(id, cardRefOf(3)), "k-a").status, 201);
    const HttpResult again =
        a->post("/api/nfc/check-in", checkInBody(id, cardRefOf(3), core::now() - 1h), "k-b");
    ASSERT_EQ(again.status, 200) << again.body;
    const auto response = codec::decodeCheckInResponse(again.body);
    EXPECT_EQ(response.outcome, core::CheckInOutcome::Existing);
    EXPECT_EQ(response.ticket.id, id);
}

TEST_F(ServerTest, LeasedNumbersAreKeptAndNeverHandedOutOnline) {
    const HttpResult lease =
        a->post("/api/number-blocks", R"({"queue_id":"general","size":3})", "");
    ASSERT_EQ(lease.status, 201) << lease.body;
    const auto block = codec::decodeNumberBlockResponse(lease.body);
    ASSERT_EQ(block.numbers, (std::vector<std::string>{"A004", "A005", "A006"}));
    // An online check-in skips the leased numbers.
    EXPECT_EQ(codec::decodeCheckInResponse(checkIn(*b, cardRefOf(1)).body).ticket.number, "A007");
    // An offline check-in of this device keeps its leased number.
    EXPECT_EQ(codec::decodeCheckInResponse(checkIn(*a, cardRefOf(2), core::now(), "A005").body)
                  .ticket.number,
              "A005");
    // Another device cannot use it, nor can it be used twice.
    EXPECT_EQ(codec::decodeCheckInResponse(checkIn(*b, cardRefOf(3), core::now(), "A004").body)
                  .ticket.number,
              "A008");
    EXPECT_EQ(codec::decodeCheckInResponse(checkIn(*a, cardRefOf(4), core::now(), "A005").body)
                  .ticket.number,
              "A009");
    // A number of another queue is ignored.
    EXPECT_EQ(
        codec::decodeCheckInResponse(checkIn(*a, cardRefOf(5), core::now(), "A006", "lab").body)
            .ticket.number,
        "B002");
    // With a key, the lease is idempotent too.
    const HttpResult keyed =
        a->post("/api/number-blocks", R"({"queue_id":"lab","size":2})", "lease-1");
    const HttpResult keyedAgain =
        a->post("/api/number-blocks", R"({"queue_id":"lab","size":2})", "lease-1");
    EXPECT_EQ(keyed.body, keyedAgain.body);
    EXPECT_EQ(keyedAgain.headers.at("Idempotent-Replayed"), "true");
    EXPECT_EQ(a->post("/api/number-blocks", R"({"queue_id":"nope","size":2})", "").status, 404);
}

TEST_F(ServerTest, BadInputIsRefusedAndStoresNothing) {
    const std::int64_t seqBefore = latestSeq(*a);
    struct Case {
        std::string name, method, path, body, contentType, key;
        int status;
        std::string error;
    };
    const std::string good = checkInBody(core::newUuidV4(), cardRefOf(1));
    const std::vector<Case> cases = {
        {"malformed json", "POST", "/api/nfc/check-in", "{\"ticket_id\":", "application/json", "k1",
         400, "malformed_json"},
        {"not an object", "POST", "/api/nfc/check-in", "[1,2,3]", "application/json", "k2", 400,
         "malformed_json"},
        {"missing field", "POST", "/api/nfc/check-in", R"({"queue_id":"general"})",
         "application/json", "k3", 400, "invalid_field"},
        {"wrong type", "POST", "/api/nfc/check-in",
         good.substr(0, good.find("\"queue_id\"")) + R"("queue_id":5,"card_ref":")" + cardRefOf(1) +
             "\"}",
         "application/json", "k4", 400, "invalid_field"},
        {"missing key", "POST", "/api/nfc/check-in", good, "application/json", "", 400,
         "missing_idempotency_key"},
        {"text body", "POST", "/api/nfc/check-in", good, "text/plain", "k5", 415,
         "unsupported_media_type"},
        {"no content type", "POST", "/api/nfc/check-in", good, "", "k6", 415,
         "unsupported_media_type"},
        {"too large", "POST", "/api/nfc/check-in", std::string(64 * 1024 + 1, ' '),
         "application/json", "k7", 413, "payload_too_large"},
        {"unknown queue", "POST", "/api/nfc/check-in",
         checkInBody(core::newUuidV4(), cardRefOf(1), core::now(), std::nullopt, "nope"),
         "application/json", "k8", 404, "not_found"},
        {"unknown ticket", "POST", "/api/tickets/" + core::newUuidV4() + "/transitions",
         R"({"to":"called","base_version":1})", "application/json", "k9", 404, "not_found"},
        {"unknown path", "GET", "/api/tickets", "", "", "", 404, "not_found"},
        {"wrong method", "GET", "/api/nfc/check-in", "", "", "", 405, "method_not_allowed"},
        {"wrong method 2", "DELETE", "/api/queues", "", "", "", 405, "method_not_allowed"},
        {"bad since", "GET", "/api/changes?since=abc", "", "", "", 400, "invalid_field"},
        // Bug 8: a malformed percent-encoding is the client's fault wherever it is, never a 500.
        {"bad escape in since", "GET", "/api/changes?since=%zz", "", "", "", 400, "bad_request"},
        {"cut escape in limit", "GET", "/api/changes?since=0&limit=%4", "", "", "", 400,
         "bad_request"},
        {"bad escape in a tickets query", "GET", "/api/queues/general/tickets?all=%zz", "", "", "",
         400, "bad_request"},
        {"bad escape in a health query", "GET", "/api/health?x=%zz", "", "", "", 400,
         "bad_request"},
        {"bad escape in the path", "GET", "/api/queues/%zz/tickets", "", "", "", 400,
         "bad_request"},
        {"bad escape in a write's query", "POST", "/api/nfc/check-in?x=%zz", good,
         "application/json", "k10", 400, "bad_request"},
    };
    for (const Case& c : cases) {
        std::map<std::string, std::string> headers;
        if (!c.contentType.empty())
            headers["Content-Type"] = c.contentType;
        if (!c.key.empty())
            headers["X-Idempotency-Key"] = c.key;
        Client fresh(server->port(), tokenA);  // a 413 closes its connection
        const HttpResult r = fresh.request(c.method, c.path, c.body, headers);
        EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
        EXPECT_EQ(errorCode(r), c.error) << c.name;
        EXPECT_FALSE(core::codec::decodeErrorResponse(r.body).message.empty()) << c.name;
    }
    EXPECT_EQ(latestSeq(*a), seqBefore);
    // The keys of refused requests were not used up: the good body goes through under "k5".
    EXPECT_EQ(a->post("/api/nfc/check-in", good, "k5").status, 201);
}

TEST_F(ServerTest, FieldErrorsNameTheField) {
    const HttpResult r = a->post("/api/nfc/check-in",
                                 R"({"ticket_id":")" + core::newUuidV4() +
                                     R"(","queue_id":"general","card_ref":"04A23B1C"})",
                                 "k");
    ASSERT_EQ(r.status, 400);
    EXPECT_NE(codec::decodeErrorResponse(r.body).message.find("card_ref"), std::string::npos);
    const HttpResult t = a->post("/api/tickets/" + createTicket(*a, 1).id + "/transitions",
                                 R"({"to":"called","base_version":"1"})", "k2");
    ASSERT_EQ(t.status, 400);
    EXPECT_NE(codec::decodeErrorResponse(t.body).message.find("base_version"), std::string::npos);
}

TEST_F(ServerTest, ChangesSinceAreOrderedAndLimited) {
    const std::int64_t start = latestSeq(*a);
    const core::Ticket t = createTicket(*a, 1);
    move(*a, t, TicketStatus::Called);
    createTicket(*b, 2);
    const auto all =
        codec::decodeChangesResponse(a->get("/api/changes?since=" + std::to_string(start)).body);
    ASSERT_EQ(all.changes.size(), 3u);
    EXPECT_EQ(all.changes[0].seq, start + 1);
    EXPECT_EQ(all.changes[0].ticket.status, TicketStatus::Waiting);
    EXPECT_EQ(all.changes[1].ticket.status, TicketStatus::Called);
    EXPECT_EQ(all.changes[1].ticket.version, 2);
    EXPECT_EQ(all.seq, start + 3);
    EXPECT_FALSE(all.more);
    const auto page = codec::decodeChangesResponse(
        a->get("/api/changes?since=" + std::to_string(start) + "&limit=2").body);
    EXPECT_EQ(page.changes.size(), 2u);
    EXPECT_TRUE(page.more);
    EXPECT_EQ(page.seq, start + 3);
    const auto none = codec::decodeChangesResponse(
        a->get("/api/changes?since=" + std::to_string(start + 3)).body);
    EXPECT_TRUE(none.changes.empty());
}

}  // namespace
}  // namespace sanad::test
