#include "sanad/core/clock.h"

namespace sanad::core {
namespace {

class SystemClock final : public Clock {
public:
    Timestamp now() const override { return sanad::core::now(); }
};

}  // namespace

const Clock& Clock::system() {
    static const SystemClock clock;
    return clock;
}

}  // namespace sanad::core
