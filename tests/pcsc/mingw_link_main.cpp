// Links the PC/SC card-reader module for Windows (MinGW, winscard): proof that it builds there.
#include "sanad/core/card_reader.h"

#include <string>

int main() {
    auto reader = sanad::core::makePcscCardReader(
        [](std::span<const std::uint8_t>) { return std::string(); }, nullptr);
    reader->start();
    reader->stop();
    return 0;
}
