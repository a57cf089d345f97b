#include "sanad/core/retry.h"

#include <gtest/gtest.h>

#include <random>

namespace sanad::core {
namespace {

using std::chrono::milliseconds;

TEST(RetrySchedule, CeilingDoublesFromOneSecondUpToTheCap) {
    const RetryPolicy policy;
    EXPECT_EQ(backoffCeiling(policy, 1), milliseconds(1000));
    EXPECT_EQ(backoffCeiling(policy, 2), milliseconds(2000));
    EXPECT_EQ(backoffCeiling(policy, 3), milliseconds(4000));
    EXPECT_EQ(backoffCeiling(policy, 4), milliseconds(8000));
    EXPECT_EQ(backoffCeiling(policy, 9), milliseconds(256000));
    EXPECT_EQ(backoffCeiling(policy, 10), milliseconds(300000));  // capped at 5 min
    EXPECT_EQ(backoffCeiling(policy, 60), milliseconds(300000));
}

TEST(RetrySchedule, GivesUpAfterFiveAttempts) {
    const RetryPolicy policy;
    for (int failed = 1; failed <= 4; ++failed) {
        EXPECT_TRUE(retryDelay(policy, failed, 0.5)) << failed;
    }
    EXPECT_FALSE(retryDelay(policy, 5, 0.5));
    EXPECT_FALSE(retryDelay(policy, 6, 0.5));
}

TEST(RetrySchedule, FullJitterSpansZeroToTheCeiling) {
    const RetryPolicy policy;
    EXPECT_EQ(retryDelay(policy, 3, 0.0), milliseconds(0));
    EXPECT_EQ(retryDelay(policy, 3, 0.5), milliseconds(2000));
    EXPECT_EQ(retryDelay(policy, 3, 0.999999), milliseconds(3999));
    EXPECT_EQ(retryDelay(policy, 3, 1.0), milliseconds(4000));
    EXPECT_EQ(retryDelay(policy, 3, -1.0), milliseconds(0));  // clamped, never negative
}

TEST(RetrySchedule, SpreadOfManyDrawsCoversTheRange) {
    RetryPolicy policy;
    policy.maxAttempts = 100;
    std::mt19937_64 random(42);
    for (int failed : {1, 4, 12}) {
        const auto ceiling = backoffCeiling(policy, failed);
        milliseconds low = ceiling, high{0};
        double sum = 0;
        constexpr int kDraws = 4000;
        for (int i = 0; i < kDraws; ++i) {
            const auto d = *retryDelay(policy, failed, random);
            ASSERT_GE(d, milliseconds(0));
            ASSERT_LE(d, ceiling);
            low = std::min(low, d);
            high = std::max(high, d);
            sum += static_cast<double>(d.count());
        }
        // Full jitter: uniform on [0, ceiling]; mean near half, extremes near the ends.
        EXPECT_LT(low.count(), ceiling.count() / 20) << failed;
        EXPECT_GT(high.count(), ceiling.count() * 19 / 20) << failed;
        EXPECT_NEAR(sum / kDraws, ceiling.count() / 2.0, ceiling.count() * 0.05) << failed;
    }
}

TEST(RetrySchedule, CustomPolicy) {
    const RetryPolicy fast{3, 3.0, milliseconds(10), milliseconds(50)};
    EXPECT_EQ(backoffCeiling(fast, 1), milliseconds(10));
    EXPECT_EQ(backoffCeiling(fast, 2), milliseconds(30));
    EXPECT_EQ(backoffCeiling(fast, 3), milliseconds(50));
    EXPECT_TRUE(retryDelay(fast, 2, 0.1));
    EXPECT_FALSE(retryDelay(fast, 3, 0.1));
}

}  // namespace
}  // namespace sanad::core
