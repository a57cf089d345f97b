#include "sanad/core/codec.h"

#include "sanad/core/error.h"

#include <gtest/gtest.h>

#include <clocale>
#include <functional>

namespace sanad::core {
namespace {

using namespace std::chrono;
namespace c = codec;

const Timestamp kT = sys_days{2026y / 11 / 25} + 9h + 14min + 2s + 5ms;

Ticket sampleTicket() {
    Ticket t;
    t.id = "5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e";
    t.number = "A017";
    t.queueId = "general";
    t.status = TicketStatus::Called;
    t.position = 2;
    t.patient = "Erika Müller";
    t.cardRef = std::string(64, 'a');
    t.deviceId = "Empfang 1";
    t.room = "Zimmer 2";
    t.version = 3;
    t.checkedInAt = kT;
    t.createdAt = kT + 1ms;
    t.updatedAt = kT + 2min;
    t.calledAt = kT + 2min;
    return t;
}

// Expects `decode(json)` to throw a CodecError naming `field`.
void expectRejected(const std::function<void(std::string_view)>& decode, const std::string& json,
                    const std::string& field) {
    try {
        decode(json);
        ADD_FAILURE() << "accepted: " << json;
    } catch (const CodecError& e) {
        EXPECT_EQ(e.field(), field) << e.displayText() << " for " << json;
    }
}

TEST(Codec, TicketRoundTrip) {
    const Ticket t = sampleTicket();
    EXPECT_EQ(c::decodeTicket(c::encode(t)), t);
    Ticket bare = t;
    bare.position.reset();
    bare.patient.reset();
    bare.cardRef.reset();
    bare.room.reset();
    bare.calledAt.reset();
    bare.status = TicketStatus::InProgress;
    EXPECT_EQ(c::decodeTicket(c::encode(bare)), bare);
}

TEST(Codec, TicketWireShape) {
    const std::string json = c::encode(sampleTicket());
    EXPECT_NE(json.find(R"("status":"called")"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("checked_in_at":"2026-11-25T09:14:02.005Z")"), std::string::npos);
    EXPECT_NE(json.find(R"("completed_at":null)"), std::string::npos);
    EXPECT_NE(json.find(R"("version":3)"), std::string::npos);
    EXPECT_EQ(json.rfind(R"({"id":)", 0), 0u) << "fields in contract order";
}

TEST(Codec, TicketRejections) {
    const auto decode = [](std::string_view j) { c::decodeTicket(j); };
    const std::string good = c::encode(sampleTicket());
    auto replace = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        const auto pos = s.find(from);
        EXPECT_NE(pos, std::string::npos) << from;
        return s.replace(pos, from.size(), to);
    };
    expectRejected(decode, replace(R"("status":"called")", R"("status":"done")"), "status");
    expectRejected(decode, replace(R"("status":"called")", R"("status":3)"), "status");
    expectRejected(decode, replace(R"("version":3)", R"("version":"3")"), "version");
    expectRejected(decode, replace(R"("version":3)", R"("version":3.5)"), "version");
    expectRejected(decode, replace(R"("version":3)", R"("version":true)"), "version");
    expectRejected(decode, replace(R"("version":3)", R"("version":0)"), "version");
    expectRejected(decode, replace(R"("version":3,)", ""), "version");
    expectRejected(decode,
                   replace(R"("checked_in_at":"2026-11-25T09:14:02.005Z")",
                           R"("checked_in_at":"25.11.2026 09:14")"),
                   "checked_in_at");
    expectRejected(decode, replace(R"("patient":"Erika Müller")", R"("patient":17)"), "patient");
    expectRejected(decode, replace(R"("id":"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e")", R"("id":"x")"),
                   "id");
    expectRejected(decode, replace(R"("number":"A017")", R"("number":null)"), "number");
    expectRejected(decode, replace(R"("position":2)", R"("position":0)"), "position");
}

TEST(Codec, MalformedDocuments) {
    const auto decode = [](std::string_view j) { c::decodeCheckIn(j); };
    expectRejected(decode, "", "");
    expectRejected(decode, "{", "");
    expectRejected(decode, "[1,2]", "");
    expectRejected(decode, "\"text\"", "");
    expectRejected(decode, "null", "");
    expectRejected(decode, "{\"ticket_id\": }", "");
}

TEST(Codec, CheckInRequest) {
    const CheckIn in{"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e", "general", std::string(64, 'b'), kT,
                     "A041"};
    EXPECT_EQ(c::decodeCheckIn(c::encode(in)), in);
    CheckIn noNumber = in;
    noNumber.number.reset();
    EXPECT_EQ(c::decodeCheckIn(c::encode(noNumber)), noNumber);
    // checked_in_at may be left to the server's receive time.
    const auto defaulted = c::decodeCheckIn(
        R"({"ticket_id":"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e","queue_id":"general","card_ref":")" +
            std::string(64, 'b') + R"("})",
        kT + 1h);
    EXPECT_EQ(defaulted.checkedInAt, kT + 1h);
    EXPECT_FALSE(defaulted.number);
}

TEST(Codec, CheckInRejections) {
    const auto decode = [](std::string_view j) { c::decodeCheckIn(j); };
    const std::string ref = std::string(64, 'b');
    expectRejected(decode, R"({"queue_id":"general","card_ref":")" + ref + R"("})", "ticket_id");
    expectRejected(
        decode,
        R"({"ticket_id":"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e","card_ref":")" + ref + R"("})",
        "queue_id");
    expectRejected(
        decode,
        R"({"ticket_id":"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e","queue_id":"g","card_ref":"04A23B"})",
        "card_ref");
    expectRejected(
        decode,
        R"({"ticket_id":"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e","queue_id":7,"card_ref":")" + ref +
            R"("})",
        "queue_id");
    expectRejected(
        decode,
        R"({"ticket_id":"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e","queue_id":"g","card_ref":")" + ref +
            R"(","checked_in_at":"soon"})",
        "checked_in_at");
    expectRejected(
        decode,
        R"({"ticket_id":"5b1d3c2e-7a4f-4e1b-9c3d-2f6a8b0c1d2e","queue_id":"g","card_ref":")" + ref +
            R"(","number":41})",
        "number");
}

TEST(Codec, TransitionRequest) {
    const Transition t{TicketStatus::Cancelled, 4, kT, "Zimmer 1", true};
    EXPECT_EQ(c::decodeTransition(c::encode(t)), t);
    const auto minimal = c::decodeTransition(R"({"to":"called","base_version":2})", kT);
    EXPECT_EQ(minimal.to, TicketStatus::Called);
    EXPECT_EQ(minimal.baseVersion, 2);
    EXPECT_EQ(minimal.at, kT);
    EXPECT_FALSE(minimal.force);
    EXPECT_FALSE(minimal.room);

    const auto decode = [](std::string_view j) { c::decodeTransition(j); };
    expectRejected(decode, R"({"base_version":2})", "to");
    expectRejected(decode, R"({"to":"finished","base_version":2})", "to");
    expectRejected(decode, R"({"to":"called"})", "base_version");
    expectRejected(decode, R"({"to":"called","base_version":-1})", "base_version");
    expectRejected(decode, R"({"to":"called","base_version":2,"force":"yes"})", "force");
    expectRejected(decode, R"({"to":"called","base_version":2,"at":"2026-11-25"})", "at");
    expectRejected(decode, R"({"to":"called","base_version":2,"room":5})", "room");
}

TEST(Codec, Responses) {
    const Ticket t = sampleTicket();
    {
        const HealthResponse v{"ok", kT, "0.1.0"};
        EXPECT_EQ(c::decodeHealthResponse(c::encode(v)), v);
    }
    {
        const ConfigResponse v{std::string(64, 'c'), 300, 72, kT, "https://praxis.example"};
        EXPECT_EQ(c::decodeConfigResponse(c::encode(v)), v);
        expectRejected(
            [](std::string_view j) { c::decodeConfigResponse(j); },
            R"({"practice_key":"zz","checkin_window_s":300,"idempotency_retention_h":72,"server_time":"2026-11-25T09:14:02.005Z"})",
            "practice_key");
    }
    {
        const QueuesResponse v{{{"general", "Allgemein", "A", 3}, {"lab", "Labor", "B", 0}}, kT};
        EXPECT_EQ(c::decodeQueuesResponse(c::encode(v)), v);
        expectRejected(
            [](std::string_view j) { c::decodeQueuesResponse(j); },
            R"({"queues":[{"id":"g","name":"A","code":"A","ticket_count":1},{"id":"l","name":"B","code":"B"}],"server_time":"2026-11-25T09:14:02.005Z"})",
            "queues[1].ticket_count");
    }
    {
        const TicketsResponse v{{t, t}, 42, kT};
        EXPECT_EQ(c::decodeTicketsResponse(c::encode(v)), v);
    }
    {
        const ChangesResponse v{{{41, t}, {42, t}}, 42, true};
        EXPECT_EQ(c::decodeChangesResponse(c::encode(v)), v);
        expectRejected([](std::string_view j) { c::decodeChangesResponse(j); },
                       R"({"changes":[{"seq":1,"ticket":{"id":"x"}}],"seq":1})",
                       "changes[0].ticket.id");
    }
    {
        const CheckInResponse v{t, CheckInOutcome::Created,
                                std::string(kWarningSameCardOtherDevice), std::nullopt};
        EXPECT_EQ(c::decodeCheckInResponse(c::encode(v)), v);
        const CheckInResponse existing{t, CheckInOutcome::Existing, std::nullopt, std::nullopt};
        EXPECT_EQ(c::decodeCheckInResponse(c::encode(existing)), existing);
        EXPECT_EQ(c::encode(existing).find("warning"), std::string::npos);
    }
    {
        const TransitionResponse v{t, Resolution::EarliestWins};
        EXPECT_EQ(c::decodeTransitionResponse(c::encode(v)), v);
    }
    {
        const ConflictResponse v{ConflictRule::CancelledVsInProgress, t,
                                 Transition{TicketStatus::Cancelled, 2, kT, std::nullopt, false}};
        const std::string json = c::encode(v);
        EXPECT_NE(json.find(R"("error":"conflict")"), std::string::npos);
        EXPECT_NE(json.find(R"("rule":"cancelled_vs_in_progress")"), std::string::npos);
        EXPECT_EQ(c::decodeConflictResponse(json), v);
    }
    {
        const NumberBlockRequest req{"general", 20};
        EXPECT_EQ(c::decodeNumberBlockRequest(c::encode(req)), req);
        expectRejected([](std::string_view j) { c::decodeNumberBlockRequest(j); },
                       R"({"queue_id":"general","size":0})", "size");
        const NumberBlockResponse res{"general", {"A041", "A042"}};
        EXPECT_EQ(c::decodeNumberBlockResponse(c::encode(res)), res);
    }
    {
        const LiveFrame hello{LiveFrameType::Hello, 7, std::nullopt};
        EXPECT_EQ(c::encode(hello), R"({"type":"hello","seq":7})");
        EXPECT_EQ(c::decodeLiveFrame(c::encode(hello)), hello);
        const LiveFrame change{LiveFrameType::Change, 8, t};
        EXPECT_EQ(c::decodeLiveFrame(c::encode(change)), change);
        expectRejected([](std::string_view j) { c::decodeLiveFrame(j); },
                       R"({"type":"bye","seq":1})", "type");
    }
    {
        const ErrorResponse v{"invalid_field", "queue_id: is missing"};
        EXPECT_EQ(c::encode(v), R"({"error":"invalid_field","message":"queue_id: is missing"})");
        EXPECT_EQ(c::decodeErrorResponse(c::encode(v)), v);
    }
}

TEST(Codec, UnknownFieldsAreIgnored) {
    const auto v = c::decodeHealthResponse(
        R"({"status":"ok","server_time":"2026-11-25T09:14:02.005Z","version":"1","extra":[1,2]})");
    EXPECT_EQ(v.status, "ok");
}

TEST(Codec, NumbersIgnoreTheCLocale) {
    const char* previous = std::setlocale(LC_ALL, nullptr);
    const std::string saved = previous ? previous : "C";
    std::setlocale(LC_ALL, "de_DE.UTF-8");
    const auto v = c::decodeTransition(R"({"to":"called","base_version":1234567})");
    EXPECT_EQ(v.baseVersion, 1234567);
    const auto config = c::decodeConfigResponse(c::encode(ConfigResponse{"ab", 300, 72, kT, std::nullopt}));
    EXPECT_EQ(config.checkinWindowS, 300);
    std::setlocale(LC_ALL, saved.c_str());
}

TEST(Codec, UnicodeSurvives) {
    Ticket t = sampleTicket();
    t.patient = "Jürgen Öztürk-Straße \"Zi\" 2";
    EXPECT_EQ(c::decodeTicket(c::encode(t)).patient, t.patient);
}

}  // namespace
}  // namespace sanad::core
