// The numbers the server computes for the search's keys, against the model's macro
// prefix_number (warehouse/macros/hospital.sql) as DuckDB computed it on real keys.
#include <gtest/gtest.h>

#include "serve/search_keys.h"

namespace hf::serve {
namespace {

constexpr long long kFirst = 1LL << 42;
constexpr long long kSecond = 1LL << 21;
constexpr long long kHighest = 0x10FFFF;

TEST(SearchKeysTest, ThreeCharactersGiveOneNumber) {
    // `cle_debut` of the key "lévêque pauline" in a scale-100 warehouse.
    auto range = PrefixNumbers("lévêque");
    EXPECT_EQ(range.low, 474989511835766LL);
    EXPECT_EQ(range.high, 474989511835766LL);
    EXPECT_EQ(PrefixNumbers("lév").low, 474989511835766LL);
}

TEST(SearchKeysTest, MissingCharactersAreLeftFree) {
    auto one = PrefixNumbers("m");
    EXPECT_EQ(one.low, 'm' * kFirst);
    EXPECT_EQ(one.high, 'm' * kFirst + kHighest * kSecond + kHighest);
    auto two = PrefixNumbers("de");
    EXPECT_EQ(two.low, 'd' * kFirst + 'e' * kSecond);
    EXPECT_EQ(two.high, 'd' * kFirst + 'e' * kSecond + kHighest);
    auto none = PrefixNumbers("");
    EXPECT_EQ(none.low, 0);
    EXPECT_EQ(none.high, kHighest * kSecond + kHighest);
}

TEST(SearchKeysTest, EveryLengthOfUtf8Counts) {
    // 2, 4 and 1 bytes: ł (U+0142), 😀 (U+1F600), a.
    auto range = PrefixNumbers("ł😀ab");
    EXPECT_EQ(range.low, 0x142 * kFirst + 0x1F600 * kSecond + 'a');
    EXPECT_EQ(range.low, range.high);
    // 3 bytes: € (U+20AC).
    EXPECT_EQ(PrefixNumbers("€ab").low, 0x20AC * kFirst + 'a' * kSecond + 'b');
}

TEST(SearchKeysTest, AMalformedByteEndsTheNumber) {
    EXPECT_EQ(PrefixNumbers("ab\xC3").low, 'a' * kFirst + 'b' * kSecond);
    EXPECT_EQ(PrefixNumbers("a\xFF"
                            "b")
                  .low,
              'a' * kFirst);
}

} // namespace
} // namespace hf::serve
