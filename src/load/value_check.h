#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "db/types.h"
#include "load/staging_schema.h"

namespace hf::load {

// Checks one CSV field against its staging column and converts it to the value appended to
// the warehouse. Returns the reason the field is refused ("'abc' is not an integer"), or
// nullopt with `out` set. Integers and doubles become typed values; dates, timestamps and
// decimals stay text in a form both engines read (timestamps with ' ', TIMESTAMPTZ with an
// explicit offset, UTC when the field has none). Pure function, thread-safe.
std::optional<std::string> CheckField(const StagingColumn& column, std::string_view text, db::Value& out);

}  // namespace hf::load
