// The status-conflict table of DESIGN.md, end to end through a real server.
#include "server_fixture.h"

namespace sanad::test {
namespace {

using namespace std::chrono_literals;
using core::Resolution;
using core::TicketStatus;
namespace codec = core::codec;

class TransitionRules : public ServerTest {
protected:
    core::Ticket inProgress() {
        return move(*a, move(*a, createTicket(*a, 1), TicketStatus::Called),
                    TicketStatus::InProgress);
    }
};

TEST_F(TransitionRules, ValidWithCurrentBaseIsApplied) {
    const core::Ticket t = createTicket(*a, 1);
    const HttpResult r = a->post(
        "/api/tickets/" + t.id + "/transitions",
        R"({"to":"called","base_version":1,"at":"2026-11-25T10:31:00.000Z","room":"Zimmer 2","force":false})",
        "call-1");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto response = codec::decodeTransitionResponse(r.body);
    EXPECT_EQ(response.resolution, Resolution::Applied);
    EXPECT_EQ(response.ticket.status, TicketStatus::Called);
    EXPECT_EQ(response.ticket.version, 2);
    EXPECT_EQ(response.ticket.room, "Zimmer 2");
    EXPECT_EQ(response.ticket.calledAt, core::parseTimestamp("2026-11-25T10:31:00.000Z"));
}

TEST_F(TransitionRules, ValidWithStaleBaseIsAppliedToo) {
    const core::Ticket called = move(*a, createTicket(*a, 1), TicketStatus::Called);
    const HttpResult r = transition(*b, called, TicketStatus::InProgress, 1);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(codec::decodeTransitionResponse(r.body).resolution, Resolution::Applied);
    EXPECT_EQ(codec::decodeTransitionResponse(r.body).ticket.version, 3);
}

TEST_F(TransitionRules, StepTheServerHasMovedPastIsServerWins) {
    const core::Ticket done = move(*a, inProgress(), TicketStatus::Completed);
    const std::int64_t seq = latestSeq(*a);
    const HttpResult r = transition(*b, done, TicketStatus::Called, 1);
    ASSERT_EQ(r.status, 200) << r.body;
    const auto response = codec::decodeTransitionResponse(r.body);
    EXPECT_EQ(response.resolution, Resolution::ServerWins);
    EXPECT_EQ(response.ticket.status, TicketStatus::Completed);
    EXPECT_EQ(response.ticket.version, done.version);
    EXPECT_EQ(latestSeq(*a), seq) << "server_wins changes nothing";
}

TEST_F(TransitionRules, CompletedTwiceKeepsTheEarlierTime) {
    const core::Ticket t = inProgress();
    const core::Timestamp online = core::now();
    const HttpResult first = transition(*a, t, TicketStatus::Completed, t.version, false, online);
    ASSERT_EQ(first.status, 200);
    const core::Ticket done = codec::decodeTransitionResponse(first.body).ticket;

    const HttpResult later =
        transition(*b, t, TicketStatus::Completed, t.version, false, online + 3min);
    ASSERT_EQ(later.status, 200) << later.body;
    EXPECT_EQ(codec::decodeTransitionResponse(later.body).resolution, Resolution::EarliestWins);
    EXPECT_EQ(codec::decodeTransitionResponse(later.body).ticket.completedAt, online);
    EXPECT_EQ(codec::decodeTransitionResponse(later.body).ticket.version, done.version);

    const HttpResult earlier =
        transition(*b, t, TicketStatus::Completed, t.version, false, online - 5min);
    ASSERT_EQ(earlier.status, 200) << earlier.body;
    const auto response = codec::decodeTransitionResponse(earlier.body);
    EXPECT_EQ(response.resolution, Resolution::EarliestWins);
    EXPECT_EQ(response.ticket.completedAt, online - 5min);
    EXPECT_EQ(response.ticket.version, done.version + 1);
}

TEST_F(TransitionRules, CancelledVersusInTreatmentIsAConflict) {
    const core::Ticket t = inProgress();
    const std::string body = codec::encode(
        core::Transition{TicketStatus::Cancelled, 1, core::now() - 4min, std::nullopt, false});
    const HttpResult r = b->post("/api/tickets/" + t.id + "/transitions", body, "cancel-offline");
    ASSERT_EQ(r.status, 409) << r.body;
    const auto conflict = codec::decodeConflictResponse(r.body);
    EXPECT_EQ(conflict.rule, core::ConflictRule::CancelledVsInProgress);
    EXPECT_EQ(conflict.server.status, TicketStatus::InProgress);
    EXPECT_EQ(conflict.server.version, t.version);
    EXPECT_EQ(conflict.requested.to, TicketStatus::Cancelled);
    EXPECT_EQ(conflict.requested.baseVersion, 1);
    // A 409 conflict is kept and replayed like any 4xx answer.
    const HttpResult replay =
        b->post("/api/tickets/" + t.id + "/transitions", body, "cancel-offline");
    EXPECT_EQ(replay.status, 409);
    EXPECT_EQ(replay.headers.at("Idempotent-Replayed"), "true");
    // Even with the current base_version, without force.
    EXPECT_EQ(transition(*b, t, TicketStatus::Cancelled, t.version).status, 409);
}

TEST_F(TransitionRules, KeepMineIsForcedWithTheServersVersion) {
    const core::Ticket t = inProgress();
    const HttpResult stale = transition(*b, t, TicketStatus::Cancelled, 1, true);
    ASSERT_EQ(stale.status, 409) << "force with a stale base is the same conflict again";
    EXPECT_EQ(codec::decodeConflictResponse(stale.body).server.version, t.version);
    const HttpResult forced = transition(*b, t, TicketStatus::Cancelled, t.version, true);
    ASSERT_EQ(forced.status, 200) << forced.body;
    const auto response = codec::decodeTransitionResponse(forced.body);
    EXPECT_EQ(response.resolution, Resolution::Applied);
    EXPECT_EQ(response.ticket.status, TicketStatus::Cancelled);
    EXPECT_EQ(response.ticket.version, t.version + 1);
}

TEST_F(TransitionRules, InvalidWithCurrentBaseIs422) {
    const core::Ticket t = createTicket(*a, 1);
    const HttpResult r = transition(*a, t, TicketStatus::Completed, t.version);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(errorCode(r), "invalid_transition");
    EXPECT_EQ(codec::decodeTicketsResponse(a->get("/api/queues/general/tickets").body)
                  .tickets.back()
                  .status,
              TicketStatus::Waiting);
}

TEST_F(TransitionRules, RecallNoShowAndRequeue) {
    core::Ticket t = move(*a, createTicket(*a, 1), TicketStatus::Called);
    t = move(*a, t, TicketStatus::Called);
    EXPECT_EQ(t.version, 3);
    t = move(*a, t, TicketStatus::NoShow);
    EXPECT_FALSE(t.position);
    t = move(*a, t, TicketStatus::Waiting);
    EXPECT_EQ(t.status, TicketStatus::Waiting);
    EXPECT_EQ(t.position, 4);  // back at its place by check-in time
}

}  // namespace
}  // namespace sanad::test
