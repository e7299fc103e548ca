#include "cli/version.h"

#include <duckdb.h>
#include <libpq-fe.h>

namespace hf::cli {

std::string VersionString() {
    return std::string("healthflow ") + HF_VERSION + " (DuckDB " + duckdb_library_version() + ", libpq " +
           std::to_string(PQlibVersion()) + ")";
}

}  // namespace hf::cli
