#pragma once

#include <vector>

namespace sanad::core {

/// The demo's known cards: raw UIDs (hex) and the names the demo server knows them by. One home
/// for the server's demo seed, the console's "simulate card" (it taps these first) and the tests.
struct DemoCard {
    const char* uidHex;
    const char* name;
};
const std::vector<DemoCard>& demoCards();

}  // namespace sanad::core
