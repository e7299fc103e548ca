#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "common/result.h"
#include "db/duckdb_handles.h"

namespace hf::db {

// Rows per row group of the tables DuckDB writes into a warehouse file (DuckDB's own default is
// 122 880). A row group is the unit a scan skips by its min/max or reads whole, and a row group
// that holds deleted rows costs a check of every row at each read: the incremental models delete
// the old rows of the patients that changed, so after a few days every row group of
// core.recherche_patients holds some. With groups four times smaller, a look-up checks four
// times fewer rows: on the tenth simulated day at scale 100 the name search took 2.6-2.7 ms
// instead of 3.1, for a file 9 % larger and the same daily run (docs/benchmarks.md, "row groups
// of 32 768 rows"). Applies to the row groups written from now on; a table keeps its row groups
// until rewritten.
inline constexpr int64_t kWarehouseRowGroupSize = 32768;

// One DuckDB instance that hosts one warehouse file, attached as `catalog` with the row group size
// above. Shared through shared_ptr by every connection to that file in this process; the file is
// checkpointed and closed when the last owner lets go.
struct DuckInstance {
    DuckInstance() = default;
    DuckInstance(const DuckInstance&) = delete;
    DuckInstance& operator=(const DuckInstance&) = delete;
    // Closes the database; the shared instance of a file closes under the lock that opens one,
    // so that the file is never open twice in this process.
    ~DuckInstance();

    DuckDatabase database;
    std::string catalog; // the attached file's catalog ("" for a private in-memory database)
    bool read_only = false;
    bool shared = false; // registered as its file's instance by SharedDuckInstance
};

// The instance of the warehouse file at `path` in this process: the live one when the file is
// already open here (CONFLICT when it was opened with the other `read_only`), else a new one.
// A file that another process holds gives CONFLICT naming that process. Thread-safe.
Result<std::shared_ptr<DuckInstance>> SharedDuckInstance(const std::filesystem::path& path, bool read_only);

// A new private in-memory instance (not shared).
Result<std::shared_ptr<DuckInstance>> PrivateDuckInstance();

// A new connection to `instance`, its warehouse catalog the default for unqualified names.
Result<DuckConnection> ConnectDuckInstance(const DuckInstance& instance, const std::string& describe);

} // namespace hf::db
