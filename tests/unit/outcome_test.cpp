#include "sanad/core/outcome.h"

#include <gtest/gtest.h>

namespace sanad::core {
namespace {

struct Row {
    int status;
    const char* error;
    OutcomeClass expected;
};

void PrintTo(const Row& r, std::ostream* os) {
    *os << r.status << " " << r.error;
}

class Classification : public ::testing::TestWithParam<Row> {};

TEST_P(Classification, DecidesWhatTheEngineDoes) {
    const Row& row = GetParam();
    EXPECT_EQ(classifyHttp(row.status, row.error), row.expected)
        << row.status << " " << row.error << " -> "
        << toString(classifyHttp(row.status, row.error));
}

INSTANTIATE_TEST_SUITE_P(
    StatusCodes, Classification,
    ::testing::Values(
        Row{200, "", OutcomeClass::Success}, Row{201, "", OutcomeClass::Success},
        Row{204, "", OutcomeClass::Success}, Row{500, "", OutcomeClass::ServerFailure},
        Row{501, "", OutcomeClass::ServerFailure}, Row{507, "", OutcomeClass::ServerFailure},
        Row{502, "", OutcomeClass::Unavailable}, Row{503, "", OutcomeClass::Unavailable},
        Row{504, "", OutcomeClass::Unavailable}, Row{429, "", OutcomeClass::Unavailable},
        Row{408, "", OutcomeClass::ServerFailure},
        Row{409, "idempotency_in_flight", OutcomeClass::InFlight},
        Row{409, "conflict", OutcomeClass::Conflict},
        Row{409, "something_else", OutcomeClass::Permanent},
        Row{400, "invalid_field", OutcomeClass::Permanent},
        Row{401, "unauthorized", OutcomeClass::Permanent},
        Row{404, "not_found", OutcomeClass::Permanent}, Row{413, "", OutcomeClass::Permanent},
        Row{415, "", OutcomeClass::Permanent},
        Row{422, "invalid_transition", OutcomeClass::Permanent},
        Row{422, "idempotency_key_reused", OutcomeClass::Permanent},
        Row{302, "", OutcomeClass::Permanent}, Row{0, "", OutcomeClass::ServerFailure},
        Row{999, "", OutcomeClass::ServerFailure}));

// DESIGN.md, retry policy: a server away for now (502-504, 429) and a key still in flight wait;
// they never use up the attempts that would turn a change into a failed one.
TEST(Classification, OnlyServerFailuresBurnAttempts) {
    EXPECT_TRUE(countsAsAttempt(OutcomeClass::ServerFailure));
    EXPECT_FALSE(countsAsAttempt(OutcomeClass::InFlight));
    EXPECT_FALSE(countsAsAttempt(OutcomeClass::Unavailable));
    EXPECT_FALSE(countsAsAttempt(OutcomeClass::NetworkLoss));
    EXPECT_FALSE(countsAsAttempt(OutcomeClass::Permanent));
    EXPECT_FALSE(countsAsAttempt(OutcomeClass::Conflict));
    EXPECT_FALSE(countsAsAttempt(OutcomeClass::Success));
}

TEST(Classification, NetworkLossIsRetriedButPermanentIsNot) {
    EXPECT_TRUE(isRetryable(OutcomeClass::NetworkLoss));
    EXPECT_TRUE(isRetryable(OutcomeClass::ServerFailure));
    EXPECT_TRUE(isRetryable(OutcomeClass::InFlight));
    EXPECT_TRUE(isRetryable(OutcomeClass::Unavailable));
    EXPECT_FALSE(isRetryable(OutcomeClass::Permanent));
    EXPECT_FALSE(isRetryable(OutcomeClass::Conflict));
    EXPECT_FALSE(isRetryable(OutcomeClass::Success));
}

}  // namespace
}  // namespace sanad::core
