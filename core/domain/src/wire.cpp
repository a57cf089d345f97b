#include "sanad/core/wire.h"

namespace sanad::core {

std::string_view toString(CheckInOutcome outcome) {
    return outcome == CheckInOutcome::Created ? "created" : "existing";
}

}  // namespace sanad::core
