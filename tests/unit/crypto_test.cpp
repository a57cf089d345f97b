#include "sanad/core/crypto.h"
#include "sanad/core/uuid.h"

#include <gtest/gtest.h>

#include <set>

namespace sanad::core {
namespace {

Bytes bytesOf(std::string_view s) {
    return Bytes(s.begin(), s.end());
}

TEST(Hex, RoundTripAndRejects) {
    const Bytes b{0x00, 0x01, 0xab, 0xff};
    EXPECT_EQ(toHex(b), "0001abff");
    EXPECT_EQ(fromHex("0001ABff"), b);
    EXPECT_FALSE(fromHex("abc"));
    EXPECT_FALSE(fromHex("zz"));
    EXPECT_EQ(fromHex(""), Bytes{});
}

TEST(Sha256, KnownVector) {
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HmacSha256, Rfc4231TestCase2) {
    EXPECT_EQ(toHex(hmacSha256(bytesOf("Jefe"), bytesOf("what do ya want for nothing?"))),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(CardRef, IsLowerHexHmacOfTheUidUnderThePracticeKey) {
    const Bytes key = *fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    const Bytes uid{0x04, 0xa2, 0x3b, 0x1c, 0x5d, 0x80};
    const std::string ref = cardRef(key, uid);
    EXPECT_EQ(ref.size(), 64u);
    EXPECT_TRUE(isCardRef(ref));
    EXPECT_EQ(ref, toHex(hmacSha256(key, uid)));
    // Deterministic per key, different across keys and cards; the UID itself is not visible.
    EXPECT_EQ(ref, cardRef(key, uid));
    EXPECT_NE(ref, cardRef(*fromHex("ff"), uid));
    EXPECT_NE(ref, cardRef(key, Bytes{0x04, 0xa2, 0x3b, 0x1c, 0x5d, 0x81}));
    EXPECT_EQ(ref.find(toHex(uid)), std::string::npos);
}

TEST(StatusToken, Shape) {
    EXPECT_TRUE(isStatusToken("4ec559dd5eed10e61d2241470cdf7b5e"));
    EXPECT_FALSE(isStatusToken(""));
    EXPECT_FALSE(isStatusToken(std::string(31, 'a')));
    EXPECT_FALSE(isStatusToken(std::string(33, 'a')));
    EXPECT_FALSE(isStatusToken("4EC559DD5EED10E61D2241470CDF7B5E"));
    EXPECT_FALSE(isStatusToken("4ec559dd5eed10e61d2241470cdf7b5g"));
}

TEST(CardRef, Shape) {
    EXPECT_FALSE(isCardRef(""));
    EXPECT_FALSE(isCardRef(std::string(63, 'a')));
    EXPECT_FALSE(isCardRef(std::string(64, 'A')));
    EXPECT_FALSE(isCardRef(std::string(64, 'g')));
    EXPECT_TRUE(isCardRef(std::string(64, 'f')));
}

TEST(RandomBytes, LengthAndVariety) {
    EXPECT_EQ(randomBytes(0).size(), 0u);
    EXPECT_EQ(randomBytes(32).size(), 32u);
    EXPECT_NE(randomBytes(16), randomBytes(16));
}

TEST(ConstantTimeEquals, ComparesContentAndLength) {
    EXPECT_TRUE(constantTimeEquals("abc", "abc"));
    EXPECT_FALSE(constantTimeEquals("abc", "abd"));
    EXPECT_FALSE(constantTimeEquals("abc", "abcd"));
    EXPECT_TRUE(constantTimeEquals("", ""));
}

TEST(Uuid, Version4CanonicalForm) {
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        const std::string id = newUuidV4();
        ASSERT_TRUE(isUuid(id)) << id;
        EXPECT_EQ(id[14], '4') << id;  // version
        EXPECT_TRUE(std::string_view("89ab").find(id[19]) != std::string_view::npos) << id;
        EXPECT_EQ(id, [&] {
            std::string l = id;
            for (char& c : l)
                c = static_cast<char>(std::tolower(c));
            return l;
        }());
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(Uuid, ShapeCheck) {
    EXPECT_TRUE(isUuid("123e4567-e89b-42d3-a456-426614174000"));
    EXPECT_TRUE(isUuid("123E4567-E89B-42D3-A456-426614174000"));
    EXPECT_FALSE(isUuid("123e4567e89b42d3a456426614174000"));
    EXPECT_FALSE(isUuid("123e4567-e89b-42d3-a456-42661417400"));
    EXPECT_FALSE(isUuid("123e4567-e89b-42d3-a456-42661417400g"));
    EXPECT_FALSE(isUuid("{123e4567-e89b-42d3-a456-426614174000}"));
}

}  // namespace
}  // namespace sanad::core
