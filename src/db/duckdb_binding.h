#pragma once

#include <duckdb.h>

#include <vector>

#include "db/types.h"

namespace hf::db {

// Binds `params` to the placeholders $1..$n of a prepared statement. A value is bound with the
// type DuckDB inferred for its placeholder when the conversion is exact (a 'YYYY-MM-DD' text to
// DATE, an integer to INTEGER, ...): a statement whose values have its parameters' types runs
// with the plan made at prepare time, instead of being bound and planned again. Other values
// are bound as they are and DuckDB casts them. Returns 0, or the 1-based index of the
// parameter DuckDB refused.
idx_t BindParameters(duckdb_prepared_statement prepared, const std::vector<Value>& params);

}  // namespace hf::db
