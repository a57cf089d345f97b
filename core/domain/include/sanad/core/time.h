#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sanad::core {

/// Every time on the wire and in storage: UTC, millisecond precision.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

/// The current time, truncated to milliseconds.
Timestamp now();

/// RFC 3339 in UTC with milliseconds, e.g. "2026-11-25T06:45:18.123Z". Locale-independent.
std::string formatTimestamp(Timestamp t);

/// Parses RFC 3339 ("2026-11-25T06:45:18.123Z", "…T07:45:18+01:00", fraction of 0–9 digits,
/// 'T'/'t' and 'Z'/'z'). Digits beyond milliseconds are truncated. Returns nullopt for anything
/// else, including out-of-range fields (month 13, 25:00, Feb 30). Locale-independent.
std::optional<Timestamp> parseTimestamp(std::string_view text);

/// The calendar day of `t` in the machine's local time zone, as "YYYY-MM-DD". "Today" for ticket
/// numbering and open tickets is this day on the server.
std::string localDay(Timestamp t);

/// The hour (0–23) of `t` in local time.
int localHour(Timestamp t);

/// Hours and minutes of `t` in local time, "HH:MM" (24 h), for messages a person reads.
std::string localClock(Timestamp t);

}  // namespace sanad::core
