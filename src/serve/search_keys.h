#pragma once

#include <string_view>

namespace hf::serve {

// The range of `cle_debut` in core.recherche_patients that can hold the keys starting with
// `lowered` (already in lower case, as the keys): the key's first three characters as one number
// (the model's macro prefix_number: code points c1 * 2^42 + c2 * 2^21 + c3, 0 for a character
// the key does not have). A text shorter than three characters leaves the missing ones free:
// 0 in `low`, the highest code point in `high`.
struct PrefixNumberRange {
    long long low = 0;
    long long high = 0;
};
PrefixNumberRange PrefixNumbers(std::string_view lowered);

} // namespace hf::serve
