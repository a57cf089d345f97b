#include "sanad/core/retry.h"

#include <algorithm>
#include <cmath>

namespace sanad::core {

std::chrono::milliseconds backoffCeiling(const RetryPolicy& policy, int failedAttempts) {
    const int exponent = std::max(failedAttempts, 1) - 1;
    const double ceiling =
        static_cast<double>(policy.initial.count()) * std::pow(policy.factor, exponent);
    const double capped = std::min(ceiling, static_cast<double>(policy.cap.count()));
    return std::chrono::milliseconds(static_cast<std::int64_t>(capped));
}

std::optional<std::chrono::milliseconds> retryDelay(const RetryPolicy& policy, int failedAttempts,
                                                    double unit) {
    if (failedAttempts >= policy.maxAttempts) {
        return std::nullopt;
    }
    const double u = std::clamp(unit, 0.0, 1.0);
    const auto ceiling = backoffCeiling(policy, failedAttempts);
    return std::chrono::milliseconds(
        static_cast<std::int64_t>(std::floor(u * static_cast<double>(ceiling.count()))));
}

}  // namespace sanad::core
