#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sanad::core {

/// Ticket numbers: the queue code followed by the day's counter with at least three digits
/// ("A001" … "A999", then "A1000"); the counter restarts at 1 every day.
std::string formatTicketNumber(std::string_view queueCode, std::int64_t counter);

struct ParsedNumber {
    std::string queueCode;
    std::int64_t counter = 0;
};
/// "A017" -> {"A", 17}. The code is one or more ASCII letters, the counter 3 or more digits and
/// not zero. nullopt for anything else (provisional numbers included).
std::optional<ParsedNumber> parseTicketNumber(std::string_view number);

/// A number the console hands out when its leased block ran out offline. It never goes on the
/// wire (the console sends `number: null`) and is shown marked as provisional: "~A001".
std::string provisionalNumber(std::string_view queueCode, std::int64_t localCounter);
bool isProvisionalNumber(std::string_view number);

/// A block of numbers leased by one device for one queue on one day
/// (`POST /api/number-blocks`). Numbers are taken front to back.
struct NumberBlock {
    std::string queueId;
    std::string day;  // local "YYYY-MM-DD" the numbers belong to
    std::vector<std::string> numbers;

    /// Takes the next unused number, or nullopt when the block is used up or from another day.
    std::optional<std::string> take(std::string_view today);
    std::size_t remaining() const { return numbers.size(); }
};

}  // namespace sanad::core
