#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/process.h"
#include "pg/connection.h"
#include "support/temp_dir.h"

namespace hf::testing {

// A generated hospital in a fresh source database of the test cluster, a data folder (lake and
// DuckDB warehouse) and a private copy of the SQL project (its target/ is written by builds),
// driven through the `healthflow` binary as a user would. Not thread-safe.
class WarehouseFixture {
public:
    // Creates the source database `database` and generates a hospital into it through the CLI.
    WarehouseFixture(const std::string& database, const std::string& as_of, int history_days);

    // Runs `healthflow args...` with the fixture's environment plus `extra_env`.
    ProcessOutcome Run(const std::vector<std::string>& args, const std::map<std::string, std::string>& extra_env = {});
    // Same, and fails the test (with both outputs) unless it exits 0.
    ProcessOutcome RunOk(const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& extra_env = {});

    // extract + load + transform build on the DuckDB warehouse (and on `postgres_warehouse_url`
    // when set: load + build there too, from the same lake).
    void ExtractLoadBuild();
    // One simulated day.
    void SimulateDay();

    // A connection to the source (OLTP) database.
    pg::Connection& Source() { return *source_; }
    // A text file of the repository (HF_SOURCE_DIR).
    static std::string ReadSourceFile(const std::string& relative_path);
    // Rows of `healthflow sql QUERY --format csv` on the DuckDB warehouse (or `extra_env`'s).
    std::vector<std::vector<std::optional<std::string>>> WarehouseRows(
        const std::string& query, const std::map<std::string, std::string>& extra_env = {});

    // Environment selecting a PostgreSQL warehouse in database `database` of the test cluster.
    std::map<std::string, std::string> PostgresWarehouseEnv(const std::string& database);

    std::optional<std::map<std::string, std::string>> postgres_warehouse_env;  // also build there when set
    std::string project_dir;

private:
    TempDir dir_;
    std::map<std::string, std::string> env_;
    std::optional<pg::Connection> source_;
};

// Parses RFC 4180 CSV as printed by `healthflow sql --format csv` (header row first; an empty
// unquoted field is NULL).
std::vector<std::vector<std::optional<std::string>>> ParseCsv(const std::string& text);

// Rows as sorted lines of cells joined by '|', numbers with a decimal point or exponent printed
// with 12 significant digits (doubles summed in another order may differ in their last bits),
// NULL as "NULL": two builds compare equal line for line whatever their row order.
std::vector<std::string> SortedLines(const std::vector<std::vector<std::optional<std::string>>>& rows);

}  // namespace hf::testing
