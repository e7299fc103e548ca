#pragma once

#include <cstddef>

#include "db/types.h"

namespace hf::serve {

// The rows of `rows` (in their order) whose `patient_id` has not come before, at most `limit`:
// the name search finds a patient under each of their keys that starts with the text (a name,
// a first name, or both), and lists each patient once.
db::ResultSet FirstRowPerPatient(const db::ResultSet& rows, size_t limit);

} // namespace hf::serve
