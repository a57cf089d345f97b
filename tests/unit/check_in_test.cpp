#include "sanad/core/check_in.h"

#include <gtest/gtest.h>

namespace sanad::core {
namespace {

using namespace std::chrono_literals;

const Timestamp kTap = Timestamp{} + std::chrono::hours(24 * 20000);

Ticket ticketAt(std::string id, std::string device, Timestamp checkedIn,
                TicketStatus status = TicketStatus::Waiting) {
    Ticket t;
    t.id = std::move(id);
    t.deviceId = std::move(device);
    t.checkedInAt = checkedIn;
    t.status = status;
    return t;
}

struct Row {
    const char* name;
    std::vector<Ticket> prior;
    CheckInDecision expected;
    const char* relatedId;
};

void PrintTo(const Row& r, std::ostream* os) {
    *os << r.name;
}

class CheckInRules : public ::testing::TestWithParam<Row> {};

TEST_P(CheckInRules, FollowsTheTable) {
    const Row& row = GetParam();
    const CheckInVerdict verdict = decideCheckIn(row.prior, "desk-1", kTap, 300s);
    EXPECT_EQ(verdict.decision, row.expected);
    if (row.relatedId) {
        ASSERT_TRUE(verdict.related);
        EXPECT_EQ(verdict.related->id, row.relatedId);
    } else {
        EXPECT_FALSE(verdict.related);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Seed51, CheckInRules,
    ::testing::Values(
        Row{"no_prior_ticket", {}, CheckInDecision::Create, nullptr},
        Row{"same_device_within_window",
            {ticketAt("t1", "desk-1", kTap - 2min)},
            CheckInDecision::ReturnExisting,
            "t1"},
        Row{"same_device_exactly_at_window",
            {ticketAt("t1", "desk-1", kTap - 300s)},
            CheckInDecision::ReturnExisting,
            "t1"},
        Row{"same_device_after_window",
            {ticketAt("t1", "desk-1", kTap - 301s)},
            CheckInDecision::Create,
            nullptr},
        Row{"other_device_within_window",
            {ticketAt("t2", "desk-2", kTap - 1min)},
            CheckInDecision::CreateWithWarning,
            "t2"},
        Row{"other_device_after_window",
            {ticketAt("t2", "desk-2", kTap - 10min)},
            CheckInDecision::Create,
            nullptr},
        Row{"same_device_wins_over_other_device",
            {ticketAt("t2", "desk-2", kTap - 30s), ticketAt("t1", "desk-1", kTap - 4min)},
            CheckInDecision::ReturnExisting,
            "t1"},
        Row{"closed_ticket_is_ignored",
            {ticketAt("t1", "desk-1", kTap - 1min, TicketStatus::Completed)},
            CheckInDecision::Create,
            nullptr},
        Row{"cancelled_other_device_is_ignored",
            {ticketAt("t2", "desk-2", kTap - 1min, TicketStatus::Cancelled)},
            CheckInDecision::Create,
            nullptr},
        Row{"called_ticket_counts_as_open",
            {ticketAt("t1", "desk-1", kTap - 1min, TicketStatus::Called)},
            CheckInDecision::ReturnExisting,
            "t1"},
        Row{"in_progress_ticket_counts_as_open",
            {ticketAt("t1", "desk-1", kTap - 1min, TicketStatus::InProgress)},
            CheckInDecision::ReturnExisting,
            "t1"},
        Row{"late_offline_tap_measured_both_ways",
            {ticketAt("t1", "desk-1", kTap + 2min)},
            CheckInDecision::ReturnExisting,
            "t1"},
        Row{"most_recent_of_several",
            {ticketAt("old", "desk-1", kTap - 4min), ticketAt("new", "desk-1", kTap - 1min)},
            CheckInDecision::ReturnExisting,
            "new"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CheckInRules, WindowIsAParameter) {
    const std::vector<Ticket> prior{ticketAt("t1", "desk-1", kTap - 8min)};
    EXPECT_EQ(decideCheckIn(prior, "desk-1", kTap, 300s).decision, CheckInDecision::Create);
    EXPECT_EQ(decideCheckIn(prior, "desk-1", kTap, 600s).decision, CheckInDecision::ReturnExisting);
    EXPECT_EQ(decideCheckIn(prior, "desk-1", kTap, 0s).decision, CheckInDecision::Create);
}

}  // namespace
}  // namespace sanad::core
