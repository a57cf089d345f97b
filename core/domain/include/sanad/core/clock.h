#pragma once

#include "sanad/core/time.h"

namespace sanad::core {

/// Where the console core reads the time: the outbox's due times, retry backoffs, tap and change
/// times, purges. A seam for tests (LiteCore's clock): they hand the core a clock they advance
/// instead of sleeping against a retry policy. Thread-safety: now() may be called from any
/// thread; implementations must allow that.
class Clock {
public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;

    /// The wall clock (sanad::core::now()). Lives for the whole program.
    static const Clock& system();
};

}  // namespace sanad::core
