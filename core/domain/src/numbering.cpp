#include "sanad/core/numbering.h"

#include <charconv>

namespace sanad::core {
namespace {

std::string padded(std::int64_t counter) {
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, counter);
    std::string digits(buffer, end);
    if (digits.size() < 3) {
        digits.insert(0, 3 - digits.size(), '0');
    }
    return digits;
}

bool isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

std::string formatTicketNumber(std::string_view queueCode, std::int64_t counter) {
    return std::string(queueCode) + padded(counter);
}

std::optional<ParsedNumber> parseTicketNumber(std::string_view number) {
    std::size_t split = 0;
    while (split < number.size() && isAsciiLetter(number[split])) {
        ++split;
    }
    const std::string_view digits = number.substr(split);
    if (split == 0 || digits.size() < 3 || digits.size() > 9) {
        return std::nullopt;
    }
    std::int64_t counter = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), counter);
    if (ec != std::errc{} || end != digits.data() + digits.size() || counter <= 0 ||
        digits.front() == '+' || digits.front() == '-') {
        return std::nullopt;
    }
    // "A0017" is not a canonical number: more than three digits only once past 999.
    if (digits.size() > 3 && digits.front() == '0') {
        return std::nullopt;
    }
    return ParsedNumber{std::string(number.substr(0, split)), counter};
}

std::string provisionalNumber(std::string_view queueCode, std::int64_t localCounter) {
    return "~" + formatTicketNumber(queueCode, localCounter);
}

bool isProvisionalNumber(std::string_view number) {
    return !number.empty() && number.front() == '~';
}

std::optional<std::string> NumberBlock::take(std::string_view today) {
    if (numbers.empty() || day != today) {
        return std::nullopt;
    }
    std::string next = std::move(numbers.front());
    numbers.erase(numbers.begin());
    return next;
}

}  // namespace sanad::core
