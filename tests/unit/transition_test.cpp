#include "sanad/core/transition.h"

#include "sanad/core/state_machine.h"

#include <gtest/gtest.h>

namespace sanad::core {
namespace {

using namespace std::chrono_literals;
using S = TicketStatus;

const Timestamp kT0 = Timestamp{} + std::chrono::hours(24 * 20000);

Ticket serverTicket(S status, std::int64_t version) {
    Ticket t;
    t.id = "5b1d3c2e-0000-4000-8000-000000000001";
    t.status = status;
    t.version = version;
    if (status == S::Completed) {
        t.completedAt = kT0 + 10min;
    }
    return t;
}

Transition request(S to, std::int64_t base, Timestamp at = kT0 + 5min, bool force = false) {
    return Transition{to, base, at, std::nullopt, force};
}

struct Row {
    const char* name;
    S server;
    std::int64_t serverVersion;
    Transition request;
    Resolution resolution;
    bool changes;
};

void PrintTo(const Row& r, std::ostream* os) {
    *os << r.name;
}

class ConflictRules : public ::testing::TestWithParam<Row> {};

TEST_P(ConflictRules, FirstMatchingRowWins) {
    const Row& row = GetParam();
    const auto verdict =
        resolveTransition(serverTicket(row.server, row.serverVersion), row.request);
    EXPECT_EQ(verdict.resolution, row.resolution) << toString(verdict.resolution);
    EXPECT_EQ(verdict.changesTicket, row.changes);
}

INSTANTIATE_TEST_SUITE_P(
    Design52, ConflictRules,
    ::testing::Values(
        // (1) cancelled vs in_progress: conflict whatever base_version was
        Row{"cancel_vs_in_progress_stale", S::InProgress, 4, request(S::Cancelled, 2),
            Resolution::Conflict, false},
        Row{"cancel_vs_in_progress_current", S::InProgress, 4, request(S::Cancelled, 4),
            Resolution::Conflict, false},
        // (2) completed twice: earliest wins
        Row{"completed_twice_earlier_request", S::Completed, 5,
            request(S::Completed, 3, kT0 + 5min), Resolution::EarliestWins, true},
        Row{"completed_twice_later_request", S::Completed, 5, request(S::Completed, 3, kT0 + 20min),
            Resolution::EarliestWins, false},
        Row{"completed_twice_same_time", S::Completed, 5, request(S::Completed, 5, kT0 + 10min),
            Resolution::EarliestWins, false},
        // (3) valid from the server's state, stale or current
        Row{"valid_current", S::Waiting, 1, request(S::Called, 1), Resolution::Applied, true},
        Row{"valid_stale", S::Called, 3, request(S::InProgress, 1), Resolution::Applied, true},
        Row{"recall_stale", S::Called, 3, request(S::Called, 2), Resolution::Applied, true},
        Row{"cancel_waiting_stale", S::Waiting, 2, request(S::Cancelled, 1), Resolution::Applied,
            true},
        // (4) not valid, stale: server wins (seed: offline called vs online completed)
        Row{"called_vs_completed_stale", S::Completed, 4, request(S::Called, 1),
            Resolution::ServerWins, false},
        Row{"waiting_vs_in_progress_stale", S::InProgress, 3, request(S::Waiting, 2),
            Resolution::ServerWins, false},
        Row{"cancel_vs_completed_stale", S::Completed, 4, request(S::Cancelled, 2),
            Resolution::ServerWins, false},
        // (5) not valid, current: a console bug
        Row{"invalid_current", S::Waiting, 1, request(S::Completed, 1),
            Resolution::InvalidTransition, false},
        Row{"cancel_completed_current", S::Completed, 4, request(S::Cancelled, 4),
            Resolution::InvalidTransition, false},
        // force: only with the current base_version, then whatever the state
        Row{"force_current_cancel_in_progress", S::InProgress, 4,
            request(S::Cancelled, 4, kT0, true), Resolution::Applied, true},
        Row{"force_stale_is_conflict_again", S::InProgress, 5, request(S::Cancelled, 4, kT0, true),
            Resolution::Conflict, false},
        Row{"force_stale_other_state", S::Completed, 6, request(S::Cancelled, 4, kT0, true),
            Resolution::Conflict, false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ConflictRules, ConflictNamesItsRule) {
    auto verdict = resolveTransition(serverTicket(S::InProgress, 4), request(S::Cancelled, 3));
    ASSERT_TRUE(verdict.rule);
    EXPECT_EQ(toString(*verdict.rule), "cancelled_vs_in_progress");
    verdict = resolveTransition(serverTicket(S::Completed, 6), request(S::Cancelled, 4, kT0, true));
    ASSERT_TRUE(verdict.rule);
    EXPECT_EQ(*verdict.rule, ConflictRule::StaleForce);
    EXPECT_FALSE(resolveTransition(serverTicket(S::Waiting, 1), request(S::Called, 1)).rule);
}

TEST(ConflictRules, EveryValidStepIsAppliedWhateverTheBase) {
    for (S from : kAllStatuses) {
        for (S to : allowedTransitions(from)) {
            if (to == S::Cancelled && from == S::InProgress) {
                continue;
            }
            for (std::int64_t base : {1, 2, 3}) {
                const auto v = resolveTransition(serverTicket(from, 3), request(to, base));
                EXPECT_EQ(v.resolution, Resolution::Applied)
                    << toString(from) << "->" << toString(to) << " base " << base;
            }
        }
    }
}

TEST(ApplyTransition, CallSetsCalledAtRoomAndBumpsVersion) {
    const Ticket before = serverTicket(S::Waiting, 1);
    Transition t = request(S::Called, 1, kT0 + 3min);
    t.room = "Zimmer 2";
    const Ticket after = applyTransition(before, t, kT0 + 4min);
    EXPECT_EQ(after.status, S::Called);
    EXPECT_EQ(after.calledAt, kT0 + 3min);
    EXPECT_EQ(after.room, "Zimmer 2");
    EXPECT_EQ(after.version, 2);
    EXPECT_EQ(after.updatedAt, kT0 + 4min);
}

TEST(ApplyTransition, CompleteSetsCompletedAt) {
    const Ticket after =
        applyTransition(serverTicket(S::InProgress, 3), request(S::Completed, 3, kT0 + 7min), kT0);
    EXPECT_EQ(after.status, S::Completed);
    EXPECT_EQ(after.completedAt, kT0 + 7min);
    EXPECT_EQ(after.version, 4);
}

TEST(ApplyTransition, EarliestWinsKeepsTheEarlierTime) {
    const Ticket server = serverTicket(S::Completed, 5);  // completed at kT0 + 10min
    const Ticket earlier = applyTransition(server, request(S::Completed, 3, kT0 + 2min), kT0);
    EXPECT_EQ(earlier.completedAt, kT0 + 2min);
    EXPECT_EQ(earlier.status, S::Completed);
    EXPECT_EQ(earlier.version, 6);
}

TEST(ApplyTransition, RecallWithoutRoomKeepsTheRoom) {
    Ticket called = serverTicket(S::Called, 2);
    called.room = "Zimmer 1";
    const Ticket after = applyTransition(called, request(S::Called, 2, kT0 + 9min), kT0);
    EXPECT_EQ(after.room, "Zimmer 1");
    EXPECT_EQ(after.calledAt, kT0 + 9min);
}

TEST(Resolution, WireNames) {
    EXPECT_EQ(toString(Resolution::Applied), "applied");
    EXPECT_EQ(toString(Resolution::ServerWins), "server_wins");
    EXPECT_EQ(toString(Resolution::EarliestWins), "earliest_wins");
    EXPECT_EQ(parseResolution("server_wins"), Resolution::ServerWins);
    EXPECT_FALSE(parseResolution("Applied"));
}

}  // namespace
}  // namespace sanad::core
