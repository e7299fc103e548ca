#include <gtest/gtest.h>

#include "common/hash.h"
#include "common/strings.h"

namespace hf {
namespace {

TEST(StringsTest, TrimSplitJoin) {
    EXPECT_EQ(Trim("  a b \n"), "a b");
    EXPECT_EQ(Split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
    EXPECT_EQ(Join({"a", "b", "c"}, ", "), "a, b, c");
}

TEST(StringsTest, ParseNumbersRejectsGarbage) {
    long long i = 0;
    EXPECT_TRUE(ParseInt64(" 42 ", i));
    EXPECT_EQ(i, 42);
    EXPECT_FALSE(ParseInt64("42x", i));
    double d = 0;
    EXPECT_TRUE(ParseDouble("-1.5", d));
    EXPECT_DOUBLE_EQ(d, -1.5);
    EXPECT_FALSE(ParseDouble("", d));
}

TEST(StringsTest, UriEncodeKeepsOnlyUnreservedCharacters) {
    EXPECT_EQ(UriEncode("a b+c/d~e_f.g-h*"), "a%20b%2Bc%2Fd~e_f.g-h%2A");
    EXPECT_EQ(UriEncode("/var/run/é x", true), "/var/run/%C3%A9%20x");
}

TEST(StringsTest, FormatBytes) {
    EXPECT_EQ(FormatBytes(512), "512 B");
    EXPECT_EQ(FormatBytes(3.5 * 1024 * 1024), "3.5 MiB");
}

TEST(HashTest, Sha256OfKnownInput) {
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Sha256 h;
    h.Update("a");
    h.Update("bc");
    EXPECT_EQ(h.FinishHex(), Sha256Hex("abc"));
}

TEST(StringsTest, IsValidUtf8FindsTheFirstBadByte) {
    size_t bad = 0;
    EXPECT_TRUE(IsValidUtf8("Zoé 🏥", bad));
    EXPECT_FALSE(IsValidUtf8("ab\xC3(", bad));
    EXPECT_EQ(bad, 2u);
    EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80", bad)); // a UTF-16 surrogate
}

}  // namespace
}  // namespace hf
