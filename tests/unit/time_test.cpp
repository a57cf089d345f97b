#include "sanad/core/time.h"

#include <gtest/gtest.h>

#include <clocale>

namespace sanad::core {
namespace {

using namespace std::chrono;

TEST(Timestamps, FormatIsRfc3339UtcWithMilliseconds) {
    const Timestamp t = sys_days{2026y / 11 / 25} + 6h + 45min + 18s + 123ms;
    EXPECT_EQ(formatTimestamp(t), "2026-11-25T06:45:18.123Z");
    EXPECT_EQ(formatTimestamp(sys_days{2026y / 1 / 2} + 3ms), "2026-01-02T00:00:00.003Z");
}

TEST(Timestamps, ParseRoundTrips) {
    const Timestamp t = sys_days{2024y / 2 / 29} + 23h + 59min + 59s + 999ms;
    EXPECT_EQ(parseTimestamp(formatTimestamp(t)), t);
}

TEST(Timestamps, ParseAcceptsOffsetsAndFractions) {
    const Timestamp base = sys_days{2026y / 11 / 25} + 6h + 45min + 18s;
    EXPECT_EQ(parseTimestamp("2026-11-25T06:45:18Z"), base);
    EXPECT_EQ(parseTimestamp("2026-11-25T06:45:18.5Z"), base + 500ms);
    EXPECT_EQ(parseTimestamp("2026-11-25T06:45:18.123456789Z"), base + 123ms);
    EXPECT_EQ(parseTimestamp("2026-11-25T07:45:18.000+01:00"), base);
    EXPECT_EQ(parseTimestamp("2026-11-25T01:15:18-05:30"), base);
    EXPECT_EQ(parseTimestamp("2026-11-25t06:45:18z"), base);
}

TEST(Timestamps, ParseRejectsBadTimes) {
    for (const char* bad :
         {"", "2026-11-25", "2026-11-25 06:45:18Z", "2026-11-25T06:45:18", "2026-13-01T00:00:00Z",
          "2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T06:60:00Z",
          "2026-11-25T06:45:60Z", "2026-11-25T06:45:18.Z", "2026-11-25T06:45:18.1234567890Z",
          "2026-11-25T06:45:18Zjunk", "2026-11-25T06:45:18+0100", "yesterday", "1764053118",
          "2026-11-25T06:45:18.123+25:00"}) {
        EXPECT_FALSE(parseTimestamp(bad)) << bad;
    }
}

TEST(Timestamps, IgnoreTheCLocale) {
    // A German UI switches C's numeric locale; wire times must not notice.
    const char* previous = std::setlocale(LC_ALL, nullptr);
    const std::string saved = previous ? previous : "C";
    std::setlocale(LC_ALL, "de_DE.UTF-8");
    const Timestamp t = sys_days{2026y / 11 / 25} + 123ms;
    EXPECT_EQ(formatTimestamp(t), "2026-11-25T00:00:00.123Z");
    EXPECT_EQ(parseTimestamp("2026-11-25T00:00:00.123Z"), t);
    std::setlocale(LC_ALL, saved.c_str());
}

TEST(Timestamps, LocalDayAndClockShape) {
    const std::string day = localDay(now());
    ASSERT_EQ(day.size(), 10u);
    EXPECT_EQ(day[4], '-');
    EXPECT_EQ(day[7], '-');
    const std::string clock = localClock(now());
    ASSERT_EQ(clock.size(), 5u);
    EXPECT_EQ(clock[2], ':');
}

}  // namespace
}  // namespace sanad::core
