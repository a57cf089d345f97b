#include "sanad/core/state_machine.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace sanad::core {
namespace {

using S = TicketStatus;

// DESIGN.md: waiting -> called -> in_progress -> completed; called -> called (recall);
// waiting|called -> cancelled; called -> no_show; called|no_show -> waiting (requeue).
const std::set<std::pair<S, S>> kValid = {
    {S::Waiting, S::Called}, {S::Called, S::InProgress}, {S::InProgress, S::Completed},
    {S::Called, S::Called},  {S::Waiting, S::Cancelled}, {S::Called, S::Cancelled},
    {S::Called, S::NoShow},  {S::Called, S::Waiting},    {S::NoShow, S::Waiting},
};

class EveryPair : public ::testing::TestWithParam<std::pair<S, S>> {};

TEST_P(EveryPair, IsValidExactlyWhenTheDesignSaysSo) {
    const auto [from, to] = GetParam();
    EXPECT_EQ(isValidTransition(from, to), kValid.contains({from, to}))
        << toString(from) << " -> " << toString(to);
}

std::vector<std::pair<S, S>> allPairs() {
    std::vector<std::pair<S, S>> pairs;
    for (S from : kAllStatuses) {
        for (S to : kAllStatuses) {
            pairs.emplace_back(from, to);
        }
    }
    return pairs;
}

INSTANTIATE_TEST_SUITE_P(AllStatusPairs, EveryPair, ::testing::ValuesIn(allPairs()),
                         [](const auto& info) {
                             return std::string(toString(info.param.first)) + "_to_" +
                                    std::string(toString(info.param.second));
                         });

TEST(StateMachine, TerminalStatesHaveNoWayOut) {
    EXPECT_TRUE(allowedTransitions(S::Completed).empty());
    EXPECT_TRUE(allowedTransitions(S::Cancelled).empty());
}

TEST(StateMachine, AllowedTransitionsListsTheValidTargets) {
    EXPECT_EQ(allowedTransitions(S::Waiting), (std::vector<S>{S::Called, S::Cancelled}));
    EXPECT_EQ(allowedTransitions(S::Called),
              (std::vector<S>{S::Waiting, S::Called, S::InProgress, S::Cancelled, S::NoShow}));
    EXPECT_EQ(allowedTransitions(S::NoShow), (std::vector<S>{S::Waiting}));
}

TEST(TicketStatus, WireNamesRoundTrip) {
    for (S s : kAllStatuses) {
        EXPECT_EQ(parseTicketStatus(toString(s)), s);
    }
    EXPECT_EQ(toString(S::InProgress), "in_progress");
    EXPECT_EQ(toString(S::NoShow), "no_show");
    EXPECT_FALSE(parseTicketStatus("Waiting"));
    EXPECT_FALSE(parseTicketStatus("in-progress"));
    EXPECT_FALSE(parseTicketStatus(""));
}

TEST(TicketStatus, OpenAndPositioned) {
    EXPECT_TRUE(isOpen(S::Waiting));
    EXPECT_TRUE(isOpen(S::Called));
    EXPECT_TRUE(isOpen(S::InProgress));
    EXPECT_FALSE(isOpen(S::Completed));
    EXPECT_FALSE(isOpen(S::Cancelled));
    EXPECT_FALSE(isOpen(S::NoShow));
    EXPECT_TRUE(hasPosition(S::Waiting));
    EXPECT_TRUE(hasPosition(S::Called));
    EXPECT_FALSE(hasPosition(S::InProgress));
}

}  // namespace
}  // namespace sanad::core
