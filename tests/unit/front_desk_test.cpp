// Wire contract v1.1 in the domain: the worked HMAC examples, the new bodies' codec, the edit
// rules, the line's order, the waiting estimate and the day's statistics.
#include "sanad/core/codec.h"
#include "sanad/core/crypto.h"
#include "sanad/core/edit.h"
#include "sanad/core/error.h"
#include "sanad/core/stats.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Object.h>

namespace sanad::core {
namespace {

using namespace std::chrono;
namespace c = codec;

const Timestamp kT = sys_days{2026y / 12 / 3} + 9h;

Bytes practiceKey() {
    Bytes key;
    for (std::uint8_t b = 0; b < 32; ++b) {
        key.push_back(b);
    }
    return key;
}

Ticket waiting(std::string id, std::string queue = "general") {
    Ticket t;
    t.id = std::move(id);
    t.number = "A017";
    t.queueId = std::move(queue);
    t.deviceId = "Empfang 1";
    t.checkedInAt = t.createdAt = t.updatedAt = t.queuedAt = kT;
    return t;
}

TEST(FrontDesk, HmacWorkedExamplesOfDesign) {
    const Bytes key = practiceKey();
    const Bytes uid{0x04, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6};
    EXPECT_EQ(cardRef(key, uid), "34ebad1fe03df3bfbc7a3b6df1f0ac0a3d12f4799273c0f1a36dbf2b1fb092cf");
    EXPECT_EQ(statusToken(key, "3f2c6a1e-8d4b-4c7a-9e1f-5b6d7c8e9f01"),
              "4ec559dd5eed10e61d2241470cdf7b5e");
}

TEST(FrontDesk, TicketCarriesV11MembersAndAV1BodyDecodesWithDefaults) {
    Ticket t = waiting("5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e");
    t.priority = Priority::Urgent;
    t.note = "Rollstuhl";
    t.patientId = "4711";
    t.source = TicketSource::Desk;
    t.queuedAt = kT + 5min;
    t.waitingAhead = 2;
    t.estimatedWaitMin = 15;
    EXPECT_EQ(c::decodeTicket(c::encode(t)), t);

    Poco::JSON::Object::Ptr v1 = c::toObject(waiting("5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e"));
    for (const char* member : {"priority", "note", "patient_id", "source", "queued_at",
                               "waiting_ahead", "estimated_wait_min"}) {
        v1->remove(member);
    }
    const Ticket old = c::decodeTicket(c::stringify(v1));
    EXPECT_EQ(old.priority, Priority::Normal);
    EXPECT_EQ(old.source, TicketSource::Desk);  // no card_ref in this one
    EXPECT_EQ(old.queuedAt, old.checkedInAt);
}

TEST(FrontDesk, DeskCheckInNeedsOnlyIdAndQueueAndBoundsItsTexts) {
    const DeskCheckIn v = c::decodeDeskCheckIn(
        R"({"ticket_id":"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e","queue_id":"general"})", kT);
    EXPECT_EQ(v.checkedInAt, kT);
    EXPECT_EQ(v.priority, Priority::Normal);
    EXPECT_FALSE(v.patient);
    DeskCheckIn full{"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e", "general", kT, "A041", "Erika", "4711",
                     Priority::Urgent, "Notfall"};
    EXPECT_EQ(c::decodeDeskCheckIn(c::encode(full)), full);
    full.note = std::string(501, 'x');
    EXPECT_THROW(c::decodeDeskCheckIn(c::encode(full)), CodecError);
    full.note = std::string(500, 'x');
    EXPECT_NO_THROW(c::decodeDeskCheckIn(c::encode(full)));
    full.note = "ä";
    full.patientId = std::string(65, '1');
    EXPECT_THROW(c::decodeDeskCheckIn(c::encode(full)), CodecError);
}

TEST(FrontDesk, EditTellsAbsentFromNullAndRefusesNullPriorityOrQueue) {
    const TicketEdit e = c::decodeTicketEdit(R"({"base_version":3,"note":null,"patient":"Erika"})");
    EXPECT_EQ(e.baseVersion, 3);
    ASSERT_TRUE(e.note);
    EXPECT_FALSE(*e.note);
    EXPECT_EQ(e.patient, Patch<std::string>(std::optional<std::string>("Erika")));
    EXPECT_FALSE(e.patientId);
    EXPECT_FALSE(e.priority);
    EXPECT_EQ(c::decodeTicketEdit(c::encode(e)), e);
    EXPECT_THROW(c::decodeTicketEdit(R"({"base_version":3,"priority":null})"), CodecError);
    EXPECT_THROW(c::decodeTicketEdit(R"({"base_version":3,"queue_id":null})"), CodecError);
    EXPECT_THROW(c::decodeTicketEdit(R"({"base_version":3,"priority":"high"})"), CodecError);
    EXPECT_THROW(c::decodeTicketEdit(R"({"priority":"urgent"})"), CodecError);
}

TEST(FrontDesk, EditRules) {
    Ticket t = waiting("5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e");
    t.version = 4;
    t.status = TicketStatus::Called;
    t.room = "Zimmer 2";
    t.calledAt = kT + 10min;
    TicketEdit transfer;
    transfer.baseVersion = 4;
    transfer.queueId = "lab";
    transfer.at = kT + 20min;
    EXPECT_EQ(resolveEdit(t, transfer, false).resolution, Resolution::Applied);
    const Ticket moved = applyEdit(t, transfer, kT + 21min);
    EXPECT_EQ(moved.queueId, "lab");
    EXPECT_EQ(moved.number, "A017");
    EXPECT_EQ(moved.status, TicketStatus::Waiting);
    EXPECT_FALSE(moved.room);
    EXPECT_EQ(moved.calledAt, t.calledAt);
    EXPECT_EQ(moved.queuedAt, kT + 20min);
    EXPECT_EQ(moved.version, 5);

    transfer.baseVersion = 2;  // stale, and the ticket changed queue since
    EXPECT_EQ(resolveEdit(t, transfer, true).resolution, Resolution::ServerWins);
    EXPECT_EQ(resolveEdit(t, transfer, false).resolution, Resolution::Applied);

    TicketEdit same;
    same.baseVersion = 4;
    same.queueId = "general";  // the current queue: no transfer
    same.priority = Priority::Normal;
    const EditVerdict nothing = resolveEdit(t, same, false);
    EXPECT_EQ(nothing.resolution, Resolution::Applied);
    EXPECT_FALSE(nothing.changesTicket);
    EXPECT_EQ(applyEdit(t, same, kT + 1h), t);

    t.status = TicketStatus::Completed;
    TicketEdit urgent;
    urgent.priority = Priority::Urgent;
    EXPECT_EQ(resolveEdit(t, urgent, false).resolution, Resolution::ServerWins);
}

TEST(FrontDesk, UrgentStandsFirstThenQueuedAtAndEstimateNeedsThreeCalls) {
    std::vector<Ticket> line{waiting("00000000-0000-4000-8000-000000000001"),
                             waiting("00000000-0000-4000-8000-000000000002"),
                             waiting("00000000-0000-4000-8000-000000000003")};
    line[0].queuedAt = kT;
    line[1].queuedAt = kT + 1min;
    line[2].queuedAt = kT + 2min;
    line[2].priority = Priority::Urgent;
    const std::vector<Timestamp> twoCalls{kT - 30min, kT - 20min};
    deriveLine(line, twoCalls);
    EXPECT_EQ(line[2].position, 1);
    EXPECT_EQ(line[0].position, 2);
    EXPECT_EQ(line[1].position, 3);
    EXPECT_EQ(line[1].waitingAhead, 2);
    EXPECT_FALSE(line[1].estimatedWaitMin);

    const std::vector<Timestamp> calls{kT - 30min, kT - 25min, kT - 20min, kT - 10min};
    deriveLine(line, calls);  // intervals 5, 5, 10: median 5 min per patient
    EXPECT_EQ(line[2].estimatedWaitMin, 0);
    EXPECT_EQ(line[1].estimatedWaitMin, 10);
}

TEST(FrontDesk, StatsPerQueueWithMedianP90AndHours) {
    std::vector<DayTicket> day;
    for (int i = 0; i < 10; ++i) {
        DayTicket t{"general", TicketStatus::Completed, kT + minutes(i), kT + minutes(i + i + 1)};
        day.push_back(t);  // waits 1, 2, …, 10 minutes
    }
    day.push_back({"general", TicketStatus::Waiting, kT + 2h, std::nullopt});
    day.push_back({"general", TicketStatus::NoShow, kT + 2h, kT + 2h + 30s});
    day.push_back({"lab", TicketStatus::Cancelled, kT, std::nullopt});
    const std::vector<std::string> queues{"general", "lab", "empty"};
    const StatsResponse s = computeStats("2026-12-03", queues, day);
    ASSERT_EQ(s.queues.size(), 3u);
    const QueueStats& g = s.queues[0];
    EXPECT_EQ(g.checkedIn, 12);
    EXPECT_EQ(g.completed, 10);
    EXPECT_EQ(g.noShow, 1);
    EXPECT_EQ(g.open, 1);
    EXPECT_EQ(g.waitMedianMin, 5.0);  // 0.5, 1 … 10: the 6th of 11
    EXPECT_EQ(g.waitP90Min, 9.0);     // ceil(0.9 · 11) = 10th
    ASSERT_EQ(g.byHour.size(), 2u);
    EXPECT_EQ(g.byHour[0].checkedIn, 10);
    EXPECT_EQ(g.byHour[1].checkedIn, 2);
    EXPECT_EQ(s.queues[1].cancelled, 1);
    EXPECT_FALSE(s.queues[1].waitMedianMin);
    EXPECT_EQ(s.queues[2].checkedIn, 0);
    EXPECT_EQ(c::decodeStatsResponse(c::encode(s)), s);
}

TEST(FrontDesk, CardHistoryAndWarningDetailRoundTrip) {
    const Card card{std::string(64, 'b'), "Erika Mustermann", "4711", kT};
    CardRegisteredResponse r{card, {waiting("5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e")}};
    EXPECT_EQ(c::decodeCardRegisteredResponse(c::encode(r)), r);
    EXPECT_EQ(c::decodeCardResponse(c::encode(CardResponse{card})).card, card);
    EXPECT_EQ(c::decodeCardRegistration("{}"), CardRegistration{});
    HistoryResponse h{{{7, kT, "Empfang 1", waiting("5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e")}}};
    EXPECT_EQ(c::decodeHistoryResponse(c::encode(h)), h);
    CheckInResponse w{waiting("5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e"), CheckInOutcome::Created,
                      std::string(kWarningSameCardOtherDevice),
                      WarningDetail{"Empfang 2", "A012", kT - 2min}};
    EXPECT_EQ(c::decodeCheckInResponse(c::encode(w)), w);
}

}  // namespace
}  // namespace sanad::core
