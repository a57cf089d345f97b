#include "sanad/core/numbering.h"

#include <gtest/gtest.h>

namespace sanad::core {
namespace {

TEST(TicketNumbers, QueueCodeAndThreeDigits) {
    EXPECT_EQ(formatTicketNumber("A", 1), "A001");
    EXPECT_EQ(formatTicketNumber("A", 17), "A017");
    EXPECT_EQ(formatTicketNumber("B", 999), "B999");
    EXPECT_EQ(formatTicketNumber("B", 1000), "B1000");  // grows past 999
    EXPECT_EQ(formatTicketNumber("LAB", 42), "LAB042");
}

TEST(TicketNumbers, ParseIsTheInverse) {
    for (std::int64_t n : {1, 17, 999, 1000, 12345}) {
        const auto parsed = parseTicketNumber(formatTicketNumber("A", n));
        ASSERT_TRUE(parsed) << n;
        EXPECT_EQ(parsed->queueCode, "A");
        EXPECT_EQ(parsed->counter, n);
    }
}

TEST(TicketNumbers, ParseRejectsWhatIsNotANumber) {
    for (const char* bad :
         {"", "A", "17", "A17", "A000", "A0017", "A-17", "~A017", "A01x", "Ä017", "A+17"}) {
        EXPECT_FALSE(parseTicketNumber(bad)) << bad;
    }
}

TEST(TicketNumbers, ProvisionalNumbersAreMarkedAndNeverParse) {
    const std::string p = provisionalNumber("A", 3);
    EXPECT_EQ(p, "~A003");
    EXPECT_TRUE(isProvisionalNumber(p));
    EXPECT_FALSE(isProvisionalNumber("A003"));
    EXPECT_FALSE(parseTicketNumber(p));
}

TEST(NumberBlock, TakesFrontToBackOnItsDayOnly) {
    NumberBlock block{"q-a", "2026-11-25", {"A041", "A042"}};
    EXPECT_FALSE(block.take("2026-11-26"));  // a block from yesterday is worthless today
    EXPECT_EQ(block.remaining(), 2u);
    EXPECT_EQ(block.take("2026-11-25"), "A041");
    EXPECT_EQ(block.take("2026-11-25"), "A042");
    EXPECT_FALSE(block.take("2026-11-25"));
    EXPECT_EQ(block.remaining(), 0u);
}

}  // namespace
}  // namespace sanad::core
