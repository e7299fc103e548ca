#include "serve/search_keys.h"

#include <array>

namespace hf::serve {

namespace {

constexpr long long kHighestCodePoint = 0x10FFFF;

// The first three code points of UTF-8 `text` (0 past its end or from a malformed byte on).
std::array<long long, 3> FirstCodePoints(std::string_view text) {
    std::array<long long, 3> points{0, 0, 0};
    size_t at = 0;
    for (auto& point : points) {
        if (at >= text.size()) {
            break;
        }
        auto lead = static_cast<unsigned char>(text[at]);
        int length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
        if (length == 0 || at + static_cast<size_t>(length) > text.size()) {
            break;
        }
        long long value = length == 1 ? lead : lead & (0x7F >> length);
        for (int i = 1; i < length; ++i) {
            value = (value << 6) | (static_cast<unsigned char>(text[at + static_cast<size_t>(i)]) & 0x3F);
        }
        point = value;
        at += static_cast<size_t>(length);
    }
    return points;
}

} // namespace

PrefixNumberRange PrefixNumbers(std::string_view lowered) {
    auto [c1, c2, c3] = FirstCodePoints(lowered);
    constexpr long long kFirst = 1LL << 42;
    constexpr long long kSecond = 1LL << 21;
    return {c1 * kFirst + c2 * kSecond + c3,
            c1 * kFirst + (c2 != 0 ? c2 : kHighestCodePoint) * kSecond + (c3 != 0 ? c3 : kHighestCodePoint)};
}

} // namespace hf::serve
