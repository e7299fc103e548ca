#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/warehouse.h"
#include "transform/snapshot/snapshot_config.h"

namespace hf::transform {

// The SQL statements of one snapshot run, filled from the templates of sql/snapshot/ for one
// target table and one engine. Column names given to it are unquoted (as the catalog returns
// them); it quotes them. Not thread-safe.
class SnapshotSql {
public:
    // `target` is the quoted "schema"."table"; `snapshot_time` an SQL timestamp expression.
    SnapshotSql(const SnapshotSpec& spec, const db::Dialect& dialect, std::string target, std::string snapshot_time);

    // Temporary tables of a run (one run at a time per connection).
    static constexpr std::string_view kSourceTable = "hf_snapshot_source";
    static constexpr std::string_view kStagingTable = "hf_snapshot_staging";
    static constexpr std::string_view kKeysTable = "hf_snapshot_keys";

    // Evaluates `select` (the snapshot's compiled SQL) into the source temporary table; where the
    // select is read in place, only its columns (no rows).
    std::string CreateSource(std::string_view select) const;
    // Whether later statements read the select itself rather than a copy of its rows. On DuckDB
    // they do: every statement of a run sees the same data (one transaction, one snapshot) and
    // reads only the columns it needs, where copying 2 million wide rows would cost seconds.
    // PostgreSQL's statements each take a new snapshot, so they read the copy.
    bool ReadsSelectInPlace() const;
    // Makes the later statements read `select` in place, or the source table (see above).
    void ReadSourceFrom(std::string_view select);
    // The number of rows of the select.
    std::string CountSource() const;
    // Query returning (name, DDL type) of a temporary table's columns; $1 = the table name.
    std::string TemporaryColumns() const;
    // Statements to run after filling the source table ("" when the engine needs none).
    std::string AfterSourceFilled() const;
    // Key values found more than once or NULL in the source: key columns then n_records.
    std::string KeyProblems() const;
    // Statement serialising runs of this snapshot ("" when the engine needs none).
    std::string LockTarget() const;
    // First run: creates the table from the source rows.
    std::string CreateTable(const std::vector<std::string>& source_columns) const;
    // Adds one column of the given DDL type to the table.
    std::string AddColumn(std::string_view column, std::string_view type) const;
    // Builds the temporary table of the keys that may change (new, gone or changed); the
    // arguments are those of CreateStaging. Runs before CreateStaging, which reads it.
    std::string CreateChangedKeys(const std::vector<std::string>& check_columns, bool all_changed) const;
    // Builds the staging temporary table. `check_columns` are compared by the check strategy;
    // `all_changed` makes every matched row a change (a checked column is new to the table).
    std::string CreateStaging(const std::vector<std::string>& source_columns,
                              const std::vector<std::string>& check_columns, bool all_changed) const;
    // Closes the versions that the staging rows of type update/delete name.
    std::string CloseVersions() const;
    // Inserts the staging rows of type insert.
    std::string InsertVersions(const std::vector<std::string>& source_columns) const;
    // Drops both temporary tables.
    std::string DropTemporary() const;

private:
    std::string Meta(const std::string& name) const { return db::Warehouse::QuoteIdentifier(name); }
    // "<alias>.valid_to IS NULL" (or equal to dbt_valid_to_current).
    std::string IsCurrent(std::string_view alias) const;
    // md5 over the parts as dbt hashes them: coalesce(cast(x as varchar), '') joined by '|'.
    static std::string HashOf(const std::vector<std::string>& parts);
    // "<k1> AS hf_key_1, ..." for the key expressions.
    std::string KeyColumns() const;
    std::string KeyJoin() const;
    // "k.hf_key_1 = <alias>.hf_key_1 AND ...": a row of the keys table matches the row `alias`.
    std::string KeyMatch(std::string_view alias) const;
    // The condition, over source row s and current version c, that makes a new version.
    std::string Changed(const std::vector<std::string>& check_columns, bool all_changed) const;
    // Values of the staging columns for each kind of staging row.
    std::string ValuesOf(const std::vector<std::string>& source_columns, std::string_view row_alias,
                         const std::vector<std::string>& meta_values) const;
    std::string StagingColumns(const std::vector<std::string>& source_columns) const;

    const SnapshotSpec& spec_;
    const db::Dialect& dialect_;
    std::string target_;
    std::string time_;
    std::string source_;  // what the statements read the select's rows from
};

// Replaces each {name} of `sql_template` by its value.
std::string FillTemplate(std::string_view sql_template, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace hf::transform
