#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>

namespace sanad::core {

/// The retry schedule (seed 7.3, corrected): up to 5 attempts, factor 2, 1 s initial, 5 min cap,
/// full jitter. Only server failures count as attempts (see OutcomeClass).
struct RetryPolicy {
    int maxAttempts = 5;
    double factor = 2.0;
    std::chrono::milliseconds initial{1000};
    std::chrono::milliseconds cap{std::chrono::minutes(5)};
};

/// The upper bound of the wait after `failedAttempts` failed attempts (1 = after the first):
/// min(cap, initial * factor^(failedAttempts-1)). Requires failedAttempts >= 1.
std::chrono::milliseconds backoffCeiling(const RetryPolicy& policy, int failedAttempts);

/// The wait before the next attempt after `failedAttempts` failures, with full jitter: `unit` in
/// [0, 1) picks a point in [0, ceiling]. nullopt once maxAttempts have failed (give up: the row is
/// `failed`). Pure: the randomness comes in through `unit`.
std::optional<std::chrono::milliseconds> retryDelay(const RetryPolicy& policy, int failedAttempts,
                                                    double unit);

/// Same, drawing `unit` from any standard random generator.
template <std::uniform_random_bit_generator Generator>
std::optional<std::chrono::milliseconds> retryDelay(const RetryPolicy& policy, int failedAttempts,
                                                    Generator& random) {
    std::uniform_real_distribution<double> distribution(0.0, 1.0);
    return retryDelay(policy, failedAttempts, distribution(random));
}

}  // namespace sanad::core
