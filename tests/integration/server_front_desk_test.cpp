// Wire contract v1.1 against a real sanad-server: walk-ins, cards, edits and their rules,
// transfers, the line's order, one ticket. (Statistics, the estimate, history and the v1 data
// folder: server_front_desk_day_test.cpp.)
#include "front_desk_fixture.h"

#include "sanad/core/numbering.h"

namespace sanad::test {
namespace {

using core::Priority;
using core::Resolution;
using core::TicketStatus;
using core::codec::decodeCheckInResponse;
using core::codec::encode;

// --- POST /api/desk/check-in ---

TEST_F(FrontDeskTest, WalkInIsCreatedWithEverythingTheDeskGave) {
    core::DeskCheckIn in = walkIn("general", minutesAgo(3));
    in.patient = "Erika Mustermann";
    in.patientId = "PVS-4711";
    in.priority = Priority::Urgent;
    in.note = "Rollstuhl";
    const HttpResult r = deskCheckIn(*a, in);
    ASSERT_EQ(r.status, 201) << r.body;
    const core::CheckInResponse answer = decodeCheckInResponse(r.body);
    EXPECT_EQ(answer.outcome, core::CheckInOutcome::Created);
    const core::Ticket& t = answer.ticket;
    EXPECT_EQ(t.id, in.ticketId);
    EXPECT_EQ(t.number, "A001");
    EXPECT_EQ(t.source, core::TicketSource::Desk);
    EXPECT_EQ(t.cardRef, std::nullopt);
    EXPECT_EQ(t.patient, "Erika Mustermann");
    EXPECT_EQ(t.patientId, "PVS-4711");
    EXPECT_EQ(t.priority, Priority::Urgent);
    EXPECT_EQ(t.note, "Rollstuhl");
    EXPECT_EQ(t.deviceId, "Empfang 1");
    EXPECT_EQ(t.queuedAt, in.checkedInAt);
    EXPECT_EQ(t.position, 1);
    EXPECT_EQ(t.waitingAhead, 0);
    EXPECT_EQ(t.estimatedWaitMin, std::nullopt);  // no calls yet today
    EXPECT_EQ(fetch(*b, t.id), t);
}

TEST_F(FrontDeskTest, WalkInNeedsOnlyTicketAndQueue) {
    const std::string id = core::newUuidV4();
    const core::Timestamp before = core::now();
    const HttpResult r =
        a->post("/api/desk/check-in", R"({"ticket_id":")" + id + R"(","queue_id":"general"})",
                core::newUuidV4());
    ASSERT_EQ(r.status, 201) << r.body;
    const core::Ticket t = decodeCheckInResponse(r.body).ticket;
    EXPECT_EQ(t.priority, Priority::Normal);
    EXPECT_EQ(t.patient, std::nullopt);
    EXPECT_EQ(t.note, std::nullopt);
    EXPECT_GE(t.checkedInAt, before);  // absent: the server's receive time
    EXPECT_EQ(t.queuedAt, t.checkedInAt);
    // All members but ticket_id and queue_id may be null, too.
    const HttpResult nulls =
        a->post("/api/desk/check-in",
                R"({"ticket_id":")" + core::newUuidV4() +
                    R"(","queue_id":"general","checked_in_at":null,"number":null,"patient":null,)"
                    R"("patient_id":null,"priority":null,"note":null})",
                core::newUuidV4());
    EXPECT_EQ(nulls.status, 201) << nulls.body;
}

TEST_F(FrontDeskTest, WalkInKeepsALeasedNumberAndIgnoresOthers) {
    const HttpResult block = a->post("/api/number-blocks", R"({"queue_id":"general","size":2})");
    ASSERT_EQ(block.status, 201) << block.body;
    const auto numbers = core::codec::decodeNumberBlockResponse(block.body).numbers;
    core::DeskCheckIn leased = walkIn();
    leased.number = numbers[1];
    EXPECT_EQ(walkInTicket(*a, leased).number, numbers[1]);
    core::DeskCheckIn foreign = walkIn();
    foreign.number = numbers[0];  // leased to desk 1, not to desk 2
    EXPECT_EQ(walkInTicket(*b, foreign).number, "A003");
}

TEST_F(FrontDeskTest, WalkInOfAKnownTicketIdIsExistingAndRulesComeInOrder) {
    const core::DeskCheckIn in = walkIn();
    const core::Ticket first = walkInTicket(*a, in);
    const HttpResult again = deskCheckIn(*a, in, core::newUuidV4());  // new key, same ticket
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(decodeCheckInResponse(again.body).outcome, core::CheckInOutcome::Existing);
    EXPECT_EQ(decodeCheckInResponse(again.body).ticket.id, first.id);

    EXPECT_EQ(a->post("/api/desk/check-in", encode(walkIn())).status, 400);  // no key
    EXPECT_EQ(errorCode(a->post("/api/desk/check-in", encode(walkIn()))),
              "missing_idempotency_key");
    EXPECT_EQ(deskCheckIn(*a, walkIn("nowhere")).status, 404);
    core::DeskCheckIn longNote = walkIn();
    longNote.note = std::string(501, 'x');
    EXPECT_EQ(deskCheckIn(*a, longNote).status, 400);
    EXPECT_EQ(
        a->post("/api/desk/check-in", encode(walkIn()), core::newUuidV4(), "text/plain").status,
        415);
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.post("/api/desk/check-in", encode(walkIn()), core::newUuidV4()).status,
              401);
}

// --- v1 clients and card check-ins ---

TEST_F(FrontDeskTest, V1ClientBodiesWorkAndGetTheNewMembers) {
    // A v1 console sends exactly the v1 members.
    const std::string id = core::newUuidV4();
    const HttpResult r =
        a->post("/api/nfc/check-in",
                R"({"ticket_id":")" + id + R"(","queue_id":"general","card_ref":")" + cardRefOf(1) +
                    R"(","checked_in_at":"2026-01-01T08:00:00.000Z","number":null})",
                core::newUuidV4());
    ASSERT_EQ(r.status, 201) << r.body;
    const core::Ticket t = decodeCheckInResponse(r.body).ticket;
    EXPECT_EQ(t.source, core::TicketSource::Card);
    EXPECT_EQ(t.priority, Priority::Normal);
    EXPECT_EQ(t.queuedAt, t.checkedInAt);
    for (const char* member : {"\"priority\":\"normal\"", "\"note\":null", "\"patient_id\":null",
                               "\"source\":\"card\"", "\"queued_at\":\"2026-01-01T08:00:00.000Z\"",
                               "\"waiting_ahead\":0", "\"estimated_wait_min\":null"}) {
        EXPECT_NE(r.body.find(member), std::string::npos) << member << " in " << r.body;
    }
    const HttpResult called = a->post(
        "/api/tickets/" + id + "/transitions",
        R"({"to":"called","base_version":1,"at":"2026-01-01T08:05:00.000Z","room":"2","force":false})",
        core::newUuidV4());
    ASSERT_EQ(called.status, 200) << called.body;
    EXPECT_EQ(core::codec::decodeTransitionResponse(called.body).ticket.status,
              TicketStatus::Called);
}

TEST_F(FrontDeskTest, SameCardOnAnotherDeskCarriesTheWarningDetail) {
    const core::Ticket first = tapTicket(*a, 7, minutesAgo(2));
    const HttpResult r = checkIn(*b, cardRefOf(7));
    ASSERT_EQ(r.status, 201) << r.body;
    const core::CheckInResponse answer = decodeCheckInResponse(r.body);
    ASSERT_EQ(answer.warning, "same_card_other_device");
    ASSERT_TRUE(answer.warningDetail.has_value()) << r.body;
    EXPECT_EQ(answer.warningDetail->device, "Empfang 1");
    EXPECT_EQ(answer.warningDetail->number, first.number);
    EXPECT_EQ(answer.warningDetail->checkedInAt, first.checkedInAt);
}

TEST_F(FrontDeskTest, AnExistingAnswerMakesTheDroppedTicketIdAnAlias) {
    const core::Ticket first = tapTicket(*a, 3, minutesAgo(1));
    const std::string dropped = core::newUuidV4();  // the console's local ticket made offline
    const std::string body = checkInBody(dropped, cardRefOf(3));
    const HttpResult r = a->post("/api/nfc/check-in", body, core::newUuidV4());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(decodeCheckInResponse(r.body).ticket.id, first.id);
    // Re-sent under another key after the window: still that ticket, never a second one.
    const HttpResult later =
        a->post("/api/nfc/check-in",
                checkInBody(dropped, cardRefOf(3), core::now() + std::chrono::minutes(30)),
                core::newUuidV4());
    ASSERT_EQ(later.status, 200) << later.body;
    EXPECT_EQ(decodeCheckInResponse(later.body).ticket.id, first.id);
    EXPECT_EQ(line(*a, "general").size(), 1u);
}

// --- cards ---

TEST_F(FrontDeskTest, RegisteringACardNamesItsOpenTicketsAndLaterTaps) {
    const std::string card = cardRefOf(11);
    EXPECT_EQ(a->get("/api/cards/" + card).status, 404);
    const core::Ticket open = tapTicket(*a, 11, minutesAgo(20));
    const core::Ticket done = tapTicket(*a, 11, minutesAgo(10));  // after the window
    move(*a, move(*a, move(*a, done, TicketStatus::Called), TicketStatus::InProgress),
         TicketStatus::Completed);
    const std::int64_t seqBefore = latestSeq(*a);

    const HttpResult r =
        putCard(*b, card, R"({"patient":"Max Müller","patient_id":"PVS-1"})", core::newUuidV4());
    ASSERT_EQ(r.status, 200) << r.body;
    const auto registered = core::codec::decodeCardRegisteredResponse(r.body);
    EXPECT_EQ(registered.card.cardRef, card);
    EXPECT_EQ(registered.card.patient, "Max Müller");
    EXPECT_EQ(registered.card.patientId, "PVS-1");
    ASSERT_EQ(registered.tickets.size(), 1u);  // the open one only
    EXPECT_EQ(registered.tickets[0].id, open.id);
    EXPECT_EQ(registered.tickets[0].patient, "Max Müller");
    EXPECT_EQ(registered.tickets[0].patientId, "PVS-1");
    EXPECT_EQ(registered.tickets[0].version, open.version + 1);
    const auto feed = core::codec::decodeChangesResponse(
        a->get("/api/changes?since=" + std::to_string(seqBefore)).body);
    ASSERT_EQ(feed.changes.size(), 1u);
    EXPECT_EQ(feed.changes[0].ticket, registered.tickets[0]);
    EXPECT_EQ(fetch(*a, done.id).patient, std::nullopt);  // closed: untouched

    const HttpResult got = a->get("/api/cards/" + card);
    ASSERT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(core::codec::decodeCardResponse(got.body).card, registered.card);
    // A later tap (another queue, after the window) carries name and id.
    const core::Ticket later = tapTicket(*a, 11, core::now() + std::chrono::minutes(10), "lab");
    EXPECT_EQ(later.patient, "Max Müller");
    EXPECT_EQ(later.patientId, "PVS-1");

    // PUT replaces: an absent member is null; a ticket that has the values gets no new version.
    const HttpResult renamed = putCard(*a, card, R"({"patient":"Max Mueller"})");
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    const auto again = core::codec::decodeCardRegisteredResponse(renamed.body);
    EXPECT_EQ(again.card.patientId, std::nullopt);
    ASSERT_EQ(again.tickets.size(), 2u);
    for (const core::Ticket& t : again.tickets) {
        EXPECT_EQ(t.patient, "Max Mueller");
        EXPECT_EQ(t.patientId, std::nullopt);
    }
    const HttpResult same = putCard(*a, card, R"({"patient":"Max Mueller"})");
    const auto unchanged = core::codec::decodeCardRegisteredResponse(same.body).tickets;
    ASSERT_EQ(unchanged.size(), 2u);
    for (std::size_t i = 0; i < unchanged.size(); ++i) {
        EXPECT_EQ(unchanged[i].version, again.tickets[i].version);
    }
}

TEST_F(FrontDeskTest, ForgettingACardKeepsTicketsAndAnswers204Always) {
    const std::string card = cardRefOf(12);
    ASSERT_EQ(putCard(*a, card, R"({"patient":"Leyla Yılmaz","patient_id":"9"})").status, 200);
    const core::Ticket named = tapTicket(*a, 12);
    EXPECT_EQ(named.patient, "Leyla Yılmaz");
    const HttpResult gone = deleteCard(*a, card);
    EXPECT_EQ(gone.status, 204);
    EXPECT_TRUE(gone.body.empty());
    EXPECT_EQ(a->get("/api/cards/" + card).status, 404);
    EXPECT_EQ(fetch(*a, named.id).patient, "Leyla Yılmaz");
    EXPECT_EQ(deleteCard(*a, card).status, 204);           // not known (any more)
    EXPECT_EQ(deleteCard(*a, cardRefOf(99)).status, 204);  // never known
    const core::Ticket later = tapTicket(*a, 12, core::now() + std::chrono::minutes(10));
    EXPECT_EQ(later.patient, std::nullopt);
    EXPECT_EQ(later.patientId, std::nullopt);
}

TEST_F(FrontDeskTest, CardCallsCheckTheirRequestsInOrder) {
    // A malformed card_ref is a field error (400, before 404): it can name no card.
    for (const std::string& bad :
         {std::string("abc"), std::string(64, 'A'), std::string(63, 'a')}) {
        EXPECT_EQ(a->get("/api/cards/" + bad).status, 400) << bad;
        EXPECT_EQ(putCard(*a, bad, R"({"patient":"X"})").status, 400) << bad;
        EXPECT_EQ(deleteCard(*a, bad).status, 400) << bad;
    }
    const std::string card = cardRefOf(13);
    EXPECT_EQ(errorCode(a->get("/api/cards/abc")), "invalid_field");
    EXPECT_EQ(a->request("PUT", "/api/cards/" + card, R"({"patient":"X"})",
                         {{"Content-Type", "text/plain"}})
                  .status,
              415);
    EXPECT_EQ(putCard(*a, card, R"({"patient":5})").status, 400);
    EXPECT_EQ(putCard(*a, card, "not json").status, 400);
    EXPECT_EQ(putCard(*a, card, R"({"patient":"X"})", "bad key with spaces").status, 400);
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.get("/api/cards/" + card).status, 401);
    EXPECT_EQ(anonymous.request("DELETE", "/api/cards/" + card, "", {}).status, 401);
}

TEST_F(FrontDeskTest, PutAndDeleteReplayUnderTheirKey) {
    const std::string card = cardRefOf(14);
    const std::string putKey = core::newUuidV4();
    const HttpResult first = putCard(*a, card, R"({"patient":"Jürgen"})", putKey);
    ASSERT_EQ(first.status, 200) << first.body;
    ASSERT_EQ(putCard(*a, card, R"({"patient":"Other"})").status, 200);
    const HttpResult replay = putCard(*a, card, R"({"patient":"Jürgen"})", putKey);
    EXPECT_EQ(replay.status, 200);
    EXPECT_EQ(replay.body, first.body);
    EXPECT_EQ(replay.headers.at("Idempotent-Replayed"), "true");
    EXPECT_EQ(core::codec::decodeCardResponse(a->get("/api/cards/" + card).body).card.patient,
              "Other");  // the replay did nothing
    EXPECT_EQ(putCard(*a, card, R"({"patient":"Changed"})", putKey).status, 422);
    EXPECT_EQ(
        putCard(*b, card, R"({"patient":"Jürgen"})", putKey).headers.count("Idempotent-Replayed"),
        0u);  // keys are per device

    const std::string deleteKey = core::newUuidV4();
    EXPECT_EQ(deleteCard(*a, card, deleteKey).status, 204);
    ASSERT_EQ(putCard(*a, card, R"({"patient":"Back"})").status, 200);
    const HttpResult deleteReplay = deleteCard(*a, card, deleteKey);
    EXPECT_EQ(deleteReplay.status, 204);
    EXPECT_EQ(deleteReplay.headers.at("Idempotent-Replayed"), "true");
    EXPECT_EQ(a->get("/api/cards/" + card).status, 200);  // still registered
}

// --- POST /api/tickets/{id}/edits ---

TEST_F(FrontDeskTest, EditAppliesMemberByMemberAbsentStaysNullClears) {
    core::DeskCheckIn in = walkIn();
    in.patient = "Erika";
    in.note = "first";
    const core::Ticket t = walkInTicket(*a, in);
    core::TicketEdit e;
    e.baseVersion = t.version;
    e.priority = Priority::Urgent;
    e.patientId.emplace("P-1");
    e.note.emplace(std::nullopt);  // null clears
    const core::EditResponse r = edited(*b, t.id, e);
    EXPECT_EQ(r.resolution, Resolution::Applied);
    EXPECT_EQ(r.ticket.version, t.version + 1);
    EXPECT_EQ(r.ticket.priority, Priority::Urgent);
    EXPECT_EQ(r.ticket.patientId, "P-1");
    EXPECT_EQ(r.ticket.note, std::nullopt);
    EXPECT_EQ(r.ticket.patient, "Erika");  // absent stays
    EXPECT_EQ(r.ticket.queueId, "general");
    EXPECT_EQ(r.ticket.deviceId, "Empfang 1");  // who checked it in, not who edited
    EXPECT_EQ(fetch(*a, t.id), r.ticket);

    // A stale base_version is no reason to refuse a member edit: last writer wins.
    core::TicketEdit stale;
    stale.baseVersion = t.version;
    stale.note.emplace("second");
    const core::EditResponse last = edited(*a, t.id, stale);
    EXPECT_EQ(last.resolution, Resolution::Applied);
    EXPECT_EQ(last.ticket.note, "second");
    EXPECT_EQ(last.ticket.priority, Priority::Urgent);
}

TEST_F(FrontDeskTest, EditThatChangesNothingIsAppliedWithoutAVersion) {
    const core::Ticket t = walkInTicket(*a, walkIn());
    const std::int64_t seq = latestSeq(*a);
    core::TicketEdit e;
    e.baseVersion = t.version;
    e.priority = Priority::Normal;
    e.queueId = "general";  // its own queue: not a transfer
    e.note.emplace(std::nullopt);
    const core::EditResponse r = edited(*a, t.id, e);
    EXPECT_EQ(r.resolution, Resolution::Applied);
    EXPECT_EQ(r.ticket, t);
    EXPECT_EQ(latestSeq(*a), seq);
}

TEST_F(FrontDeskTest, EditOfAClosedTicketIsServerWins) {
    for (TicketStatus closed :
         {TicketStatus::Completed, TicketStatus::Cancelled, TicketStatus::NoShow}) {
        core::Ticket t = move(*a, walkInTicket(*a, walkIn()), TicketStatus::Called);
        if (closed == TicketStatus::Completed) {
            t = move(*a, t, TicketStatus::InProgress);
        }
        t = move(*a, t, closed);
        core::TicketEdit e;
        e.baseVersion = t.version;  // current, and still
        e.note.emplace("too late");
        e.queueId = "lab";
        const core::EditResponse r = edited(*a, t.id, e);
        EXPECT_EQ(r.resolution, Resolution::ServerWins) << core::toString(closed);
        EXPECT_EQ(r.ticket, t);
        EXPECT_EQ(fetch(*a, t.id), t);
    }
}

TEST_F(FrontDeskTest, StaleTransferAfterAQueueChangeIsServerWinsWhole) {
    const core::Ticket t = walkInTicket(*a, walkIn());
    core::TicketEdit toLab;
    toLab.baseVersion = t.version;
    toLab.queueId = "lab";
    const core::Ticket inLab = edited(*a, t.id, toLab).ticket;
    ASSERT_EQ(inLab.queueId, "lab");
    core::TicketEdit back;  // desk 2 saw version 1 (in general) and sends it elsewhere
    back.baseVersion = t.version;
    back.queueId = "general";
    back.note.emplace("with a note");
    const core::EditResponse r = edited(*b, t.id, back);
    EXPECT_EQ(r.resolution, Resolution::ServerWins);
    EXPECT_EQ(r.ticket, inLab);
    EXPECT_EQ(fetch(*a, t.id).note, std::nullopt);  // the whole edit
}

TEST_F(FrontDeskTest, StaleTransferWithoutAQueueChangeIsApplied) {
    const core::Ticket t = walkInTicket(*a, walkIn());
    const core::Ticket called = move(*a, t, TicketStatus::Called);  // version 2, same queue
    core::TicketEdit e;
    e.baseVersion = t.version;
    e.queueId = "lab";
    const core::EditResponse r = edited(*b, t.id, e);
    EXPECT_EQ(r.resolution, Resolution::Applied);
    EXPECT_EQ(r.ticket.queueId, "lab");
    EXPECT_EQ(r.ticket.version, called.version + 1);
}

TEST_F(FrontDeskTest, TransferKeepsTheNumberAndJoinsTheEndOfTheNewLine) {
    const core::Ticket labFirst = walkInTicket(*a, walkIn("lab", minutesAgo(30)));
    const core::Ticket labSecond = walkInTicket(*a, walkIn("lab", minutesAgo(20)));
    const core::Ticket t = walkInTicket(*a, walkIn("general", minutesAgo(40)));
    const core::Ticket called = callAt(*a, t, minutesAgo(5));
    const core::Timestamp at = core::now() - std::chrono::seconds(5);
    core::TicketEdit e;
    e.baseVersion = called.version;
    e.queueId = "lab";
    e.at = at;
    const core::Ticket moved = edited(*a, t.id, e).ticket;
    EXPECT_EQ(moved.number, t.number);  // A001 stays A001 in the lab
    EXPECT_EQ(moved.queueId, "lab");
    EXPECT_EQ(moved.status, TicketStatus::Waiting);
    EXPECT_EQ(moved.room, std::nullopt);
    EXPECT_EQ(moved.calledAt, called.calledAt);
    EXPECT_EQ(moved.queuedAt, at);
    EXPECT_EQ(moved.checkedInAt, t.checkedInAt);
    EXPECT_EQ(moved.position, 3);
    EXPECT_EQ(moved.waitingAhead, 2);
    const auto lab = line(*a, "lab");
    ASSERT_EQ(lab.size(), 3u);
    EXPECT_EQ(lab[0].id, labFirst.id);
    EXPECT_EQ(lab[1].id, labSecond.id);
    EXPECT_EQ(lab[2].id, t.id);
    EXPECT_TRUE(line(*a, "general").empty());
    // Without `at`, the transfer's time is the server's.
    core::TicketEdit back;
    back.baseVersion = moved.version;
    back.queueId = "general";
    const core::Timestamp before = core::now();
    const core::Ticket home = edited(*a, t.id, back).ticket;
    EXPECT_GE(home.queuedAt, before);
    EXPECT_EQ(home.position, 1);
}

TEST_F(FrontDeskTest, EditChecksComeInOrderAndEarlyAnswersAreNotKept) {
    const core::Ticket t = walkInTicket(*a, walkIn());
    const std::string base = R"({"base_version":)" + std::to_string(t.version);
    EXPECT_EQ(editRaw(*a, t.id, base + R"(,"priority":null})").status, 400);
    EXPECT_EQ(editRaw(*a, t.id, base + R"(,"queue_id":null})").status, 400);
    EXPECT_EQ(editRaw(*a, t.id, base + R"(,"priority":"soon"})").status, 400);
    EXPECT_EQ(editRaw(*a, t.id, R"({"note":"x"})").status, 400);  // base_version is required
    EXPECT_EQ(errorCode(editRaw(*a, t.id, base + "}", "")), "missing_idempotency_key");
    EXPECT_EQ(editRaw(*a, core::newUuidV4(), base + "}").status, 404);
    // A 404 before the idempotency step is not kept under its key: the same key works after.
    const std::string key = core::newUuidV4();
    EXPECT_EQ(editRaw(*a, t.id, base + R"(,"queue_id":"nowhere"})", key).status, 404);
    const HttpResult ok = editRaw(*a, t.id, base + R"(,"note":"ok"})", key);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_EQ(ok.headers.count("Idempotent-Replayed"), 0u);
    const HttpResult replay = editRaw(*a, t.id, base + R"(,"note":"ok"})", key);
    EXPECT_EQ(replay.body, ok.body);
    EXPECT_EQ(replay.headers.at("Idempotent-Replayed"), "true");
    EXPECT_EQ(fetch(*a, t.id).version, t.version + 1);  // once
    EXPECT_EQ(editRaw(*a, t.id, base + R"(,"note":"other"})", key).status, 422);
}

// --- the line's order ---

TEST_F(FrontDeskTest, UrgentStandsBeforeNormalThenByQueuedAt) {
    const core::Ticket n1 = tapTicket(*a, 21, minutesAgo(30));
    const core::Ticket n2 = walkInTicket(*a, walkIn("general", minutesAgo(20)));
    const core::Ticket n3 = tapTicket(*a, 23, minutesAgo(10));
    core::DeskCheckIn urgent = walkIn("general", minutesAgo(1));
    urgent.priority = Priority::Urgent;
    const std::int64_t seq = latestSeq(*a);
    const core::Ticket u = walkInTicket(*b, urgent);
    EXPECT_EQ(u.position, 1);
    EXPECT_EQ(u.waitingAhead, 0);
    EXPECT_EQ(latestSeq(*a), seq + 1);  // the others moving back is no change of theirs
    auto ids = [&] {
        std::vector<std::string> out;
        for (const core::Ticket& t : line(*a, "general")) {
            out.push_back(t.id);
            EXPECT_EQ(t.position, static_cast<std::int64_t>(out.size()));
        }
        return out;
    };
    EXPECT_EQ(ids(), (std::vector<std::string>{u.id, n1.id, n2.id, n3.id}));
    // A late tap (checked in before n3) lands in its place, not at the end.
    const core::Ticket late = tapTicket(*a, 24, minutesAgo(15));
    EXPECT_EQ(late.position, 4);
    EXPECT_EQ(fetch(*a, n3.id).position, 5);
    // Urgent by edit joins the urgent line by its queued_at (10 min ago: before u).
    core::TicketEdit e;
    e.baseVersion = n3.version;
    e.priority = Priority::Urgent;
    EXPECT_EQ(edited(*a, n3.id, e).ticket.position, 1);
    EXPECT_EQ(fetch(*a, u.id).position, 2);
    EXPECT_EQ(ids(), (std::vector<std::string>{n3.id, u.id, n1.id, n2.id, late.id}));
    // A requeue keeps queued_at: the patient gets the old place back.
    const core::Ticket noShow =
        move(*a, move(*a, fetch(*a, n1.id), TicketStatus::Called), TicketStatus::NoShow);
    EXPECT_EQ(fetch(*a, n2.id).position, 3);
    const core::Ticket back = move(*a, noShow, TicketStatus::Waiting);
    EXPECT_EQ(back.queuedAt, n1.queuedAt);
    EXPECT_EQ(back.position, 3);
    EXPECT_EQ(ids(), (std::vector<std::string>{n3.id, u.id, n1.id, n2.id, late.id}));
    // The next normal tap still goes to the end, after all that.
    EXPECT_EQ(tapTicket(*a, 25).position, 6);
}

TEST_F(FrontDeskTest, OneTicketIsFoundOrNot) {
    EXPECT_EQ(a->get("/api/tickets/" + core::newUuidV4()).status, 404);
    EXPECT_EQ(a->get("/api/tickets/" + core::newUuidV4() + "/history").status, 404);
    const core::Ticket t = tapTicket(*a, 31);
    const core::Ticket second = tapTicket(*a, 32);
    EXPECT_EQ(fetch(*b, second.id).position, 2);
    EXPECT_EQ(fetch(*b, second.id).waitingAhead, 1);
    const core::Ticket called = move(*a, t, TicketStatus::Called);
    const core::Ticket seen = fetch(*b, t.id);
    EXPECT_EQ(seen, called);
    EXPECT_EQ(seen.position, 1);
    EXPECT_EQ(seen.waitingAhead, std::nullopt);  // not waiting
    EXPECT_EQ(seen.estimatedWaitMin, std::nullopt);
    Client anonymous(server->port());
    EXPECT_EQ(anonymous.get("/api/tickets/" + t.id).status, 401);
}

}  // namespace
}  // namespace sanad::test
