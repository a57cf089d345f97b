#pragma once

#include "sanad/core/clock.h"

#include <atomic>
#include <chrono>

namespace sanad::test {

/// A clock the test moves: retry backoffs and due times without sleeping. Starts at the wall
/// clock's now (so "today" is today for numbering). Thread-safety: any thread.
class ManualClock final : public core::Clock {
public:
    ManualClock() : ms_(core::now().time_since_epoch().count()) {}
    core::Timestamp now() const override {
        return core::Timestamp(std::chrono::milliseconds(ms_.load()));
    }
    void advance(std::chrono::milliseconds by) { ms_ += by.count(); }

private:
    std::atomic<std::int64_t> ms_;
};

}  // namespace sanad::test
