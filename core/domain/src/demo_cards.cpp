#include "sanad/core/demo_cards.h"

namespace sanad::core {

const std::vector<DemoCard>& demoCards() {
    static const std::vector<DemoCard> cards = {
        {"04a23b1c5d8001", "Erika Mustermann"},
        {"04b7e2915a3c80", "Max Müller"},
        {"04c1d4f67b2e81", "Leyla Yılmaz"},
        {"04d9a8b7c6e582", "Jürgen Schmidt"},
    };
    return cards;
}

}  // namespace sanad::core
