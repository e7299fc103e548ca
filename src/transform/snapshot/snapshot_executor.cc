#include "transform/snapshot/snapshot_executor.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <optional>

#include "common/error.h"
#include "common/logging.h"
#include "common/strings.h"
#include "common/utc_time.h"
#include "transform/snapshot/snapshot_config.h"
#include "transform/snapshot/snapshot_sql.h"

namespace hf::transform {

namespace {

using Clock = std::chrono::steady_clock;

// The snapshot time as an SQL timestamp literal (UTC, no time zone), from run_started_at.
std::string SnapshotTimeLiteral(const SnapshotSpec& spec, const std::string& run_started_at) {
    std::string text(Trim(run_started_at));
    if (text.empty()) {
        text = FormatUtc(std::chrono::system_clock::now(), "%Y-%m-%d %H:%M:%S");
    }
    for (std::string_view suffix : {"+00:00", "+0000", "+00", "Z", " UTC"}) {
        if (EndsWith(text, suffix)) {
            text.resize(text.size() - suffix.size());
            break;
        }
    }
    if (text.size() > 10 && text[10] == 'T') {
        text[10] = ' ';
    }
    bool valid = text.size() >= 19 && text.size() <= 26;
    for (size_t i = 0; valid && i < text.size(); ++i) {
        const char c = text[i];
        const bool digit = c >= '0' && c <= '9';
        valid = (i == 4 || i == 7)     ? c == '-'
                : i == 10              ? c == ' '
                : (i == 13 || i == 16) ? c == ':'
                : i == 19              ? c == '.'
                                       : digit;
    }
    if (!valid) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "snapshot '" + spec.name + "': run start time '" + run_started_at + "' is not a UTC timestamp",
                    "pass it as YYYY-MM-DD HH:MM:SS[.ffffff][+00:00]");
    }
    return "CAST('" + text + "' AS TIMESTAMP)";
}

// Column name equality as the engine sees it: DuckDB identifiers are case-insensitive.
bool SameColumn(const db::Dialect& dialect, std::string_view a, std::string_view b) {
    return dialect.engine == "duckdb" ? ToLower(a) == ToLower(b) : a == b;
}

bool HasColumn(const db::Dialect& dialect, const std::vector<std::string>& columns, std::string_view name) {
    for (const auto& c : columns) {
        if (SameColumn(dialect, c, name)) {
            return true;
        }
    }
    return false;
}

// Runs the statements of one snapshot and keeps the time spent in the engine.
class SnapshotRun {
public:
    SnapshotRun(db::Warehouse& warehouse, const SnapshotSpec& spec, std::string schema, std::string table,
                const std::string& snapshot_time)
        : wh_(warehouse), spec_(spec), dialect_(warehouse.GetDialect()), schema_(std::move(schema)),
          table_(std::move(table)), sql_(spec, dialect_, db::Warehouse::QualifiedName(schema_, table_), snapshot_time) {
    }

    SnapshotOutcome Run(const std::string& select);

private:
    db::ResultSet Query(const std::string& sql, const std::vector<db::Value>& params = {}) {
        spdlog::debug("snapshot {}: {}", spec_.name, sql);
        auto start = Clock::now();
        auto rs = wh_.Query(sql, params);
        outcome_.query_time += std::chrono::duration<double>(Clock::now() - start).count();
        return rs;
    }
    void Execute(const std::string& sql) {
        if (sql.empty()) {
            return;
        }
        spdlog::debug("snapshot {}: {}", spec_.name, sql);
        auto start = Clock::now();
        wh_.Execute(sql);
        outcome_.query_time += std::chrono::duration<double>(Clock::now() - start).count();
    }
    [[noreturn]] void Fail(ErrorKind kind, const std::string& what, const std::string& hint) const {
        throw Error(kind, "snapshot '" + spec_.name + "' (" + schema_ + "." + table_ + "): " + what, hint);
    }

    // Fills the source table; returns its columns (name, DDL type).
    std::vector<std::pair<std::string, std::string>> LoadSource(const std::string& select);
    void CheckKeys();
    std::vector<std::string> ExistingColumns();
    std::vector<std::string> CheckColumns(const std::vector<std::string>& source_columns) const;

    db::Warehouse& wh_;
    const SnapshotSpec& spec_;
    const db::Dialect& dialect_;
    std::string schema_;
    std::string table_;
    SnapshotSql sql_;
    SnapshotOutcome outcome_;
};

std::vector<std::pair<std::string, std::string>> SnapshotRun::LoadSource(const std::string& select) {
    Execute(sql_.CreateSource(select));
    Execute(sql_.AfterSourceFilled());
    auto rs = Query(sql_.TemporaryColumns(), {std::string(SnapshotSql::kSourceTable)});
    std::vector<std::pair<std::string, std::string>> columns;
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        columns.emplace_back(rs.Text(r, 0), rs.Text(r, 1));
    }
    if (columns.empty()) {
        Fail(ErrorKind::INTERNAL, "the temporary copy of the select has no columns", "report this as a bug");
    }
    for (const auto& [name, type] : columns) {
        for (const auto* meta : {&spec_.columns.scd_id, &spec_.columns.updated_at, &spec_.columns.valid_from,
                                 &spec_.columns.valid_to, &spec_.columns.is_deleted}) {
            if (ToLower(name) == ToLower(*meta)) {
                Fail(ErrorKind::INVALID_INPUT,
                     "the select returns a column named '" + name + "', which the snapshot adds itself",
                     "rename or drop that column in the select (or rename the snapshot's column with "
                     "snapshot_meta_column_names)");
            }
        }
    }
    sql_.ReadSourceFrom(select);
    outcome_.source_rows = Query(sql_.CountSource()).Int(0, 0);
    return columns;
}

void SnapshotRun::CheckKeys() {
    auto rs = Query(sql_.KeyProblems());
    if (rs.RowCount() == 0) {
        return;
    }
    const size_t keys = spec_.unique_key.size();
    std::vector<std::string> examples;
    bool has_null = false;
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        std::vector<std::string> parts;
        for (size_t k = 0; k < keys; ++k) {
            has_null = has_null || rs.IsNull(r, k);
            parts.push_back(rs.IsNull(r, k) ? "NULL" : "'" + rs.Text(r, k) + "'");
        }
        std::string value = keys == 1 ? parts[0] : "(" + Join(parts, ", ") + ")";
        const std::string count = rs.Text(r, keys);
        examples.push_back(value + " in " + count + (count == "1" ? " row" : " rows"));
    }
    const std::string key = keys == 1 ? spec_.unique_key[0] : "(" + Join(spec_.unique_key, ", ") + ")";
    Fail(ErrorKind::DATA,
         "unique_key " + key + " is not unique and not null in the select: " + Join(examples, "; ") +
             (rs.RowCount() == 5 ? "; ..." : ""),
         has_null ? "filter out or fill the rows with a NULL key in the snapshot's select (every part of the key "
                    "must be set)"
                  : "keep one row per key in the snapshot's select (e.g. the latest per key), or choose a unique_key "
                    "that names one row");
}

std::vector<std::string> SnapshotRun::ExistingColumns() {
    std::vector<std::string> out;
    for (const auto& column : wh_.ListColumns(schema_, table_)) {
        out.push_back(column.name);
    }
    std::vector<std::string> missing;
    for (const auto* meta :
         {&spec_.columns.scd_id, &spec_.columns.updated_at, &spec_.columns.valid_from, &spec_.columns.valid_to}) {
        if (!HasColumn(dialect_, out, *meta)) {
            missing.push_back(*meta);
        }
    }
    if (!missing.empty()) {
        Fail(ErrorKind::CONFLICT, "the table exists but is not a snapshot: it has no column " + Join(missing, ", "),
             "drop or rename the table, or set snapshot_meta_column_names to the names it uses");
    }
    return out;
}

std::vector<std::string> SnapshotRun::CheckColumns(const std::vector<std::string>& source_columns) const {
    std::vector<std::string> out;
    if (spec_.check_all) {
        for (const auto& column : source_columns) {
            bool is_key = false;
            for (const auto& key : spec_.unique_key) {
                is_key = is_key || ToLower(key) == ToLower(column);
            }
            if (!is_key) {
                out.push_back(column);
            }
        }
        return out;
    }
    for (const auto& wanted : spec_.check_cols) {
        std::string found;
        for (const auto& column : source_columns) {
            if (column == wanted || (found.empty() && ToLower(column) == ToLower(wanted))) {
                found = column;
            }
        }
        if (found.empty()) {
            Fail(ErrorKind::INVALID_INPUT,
                 "check_cols names '" + wanted + "', which the select does not return (it returns " +
                     Join(source_columns, ", ") + ")",
                 "fix check_cols or add the column to the select");
        }
        out.push_back(found);
    }
    return out;
}

SnapshotOutcome SnapshotRun::Run(const std::string& select) {
    auto kind = wh_.GetRelationKind(schema_, table_);
    if (kind == db::RelationKind::VIEW) {
        Fail(ErrorKind::CONFLICT, "a view of that name exists", "drop the view; a snapshot is a table");
    }
    Execute(sql_.DropTemporary());
    const auto typed_columns = LoadSource(select);
    std::vector<std::string> source_columns;
    for (const auto& [name, type] : typed_columns) {
        source_columns.push_back(name);
    }
    CheckKeys();

    if (!kind) {
        // Only when missing: PostgreSQL checks the CREATE privilege even with IF NOT EXISTS.
        auto start = Clock::now();
        auto schemas = wh_.ListSchemas();
        outcome_.query_time += std::chrono::duration<double>(Clock::now() - start).count();
        if (std::find(schemas.begin(), schemas.end(), schema_) == schemas.end()) {
            Execute("CREATE SCHEMA IF NOT EXISTS " + db::Warehouse::QuoteIdentifier(schema_));
        }
        Execute(sql_.CreateTable(source_columns));
        outcome_.created = true;
        outcome_.inserted = outcome_.source_rows;
        Execute(sql_.DropTemporary());
        return outcome_;
    }

    Execute(sql_.LockTarget());
    const std::vector<std::string> existing = ExistingColumns();
    // Checked columns the table does not have yet make every row a change, as in dbt.
    bool all_changed = false;
    std::vector<std::string> check_columns;
    if (spec_.strategy == SnapshotStrategy::CHECK) {
        check_columns = CheckColumns(source_columns);
        for (const auto& column : check_columns) {
            all_changed = all_changed || !HasColumn(dialect_, existing, column);
        }
    }
    for (const auto& [name, type] : typed_columns) {
        if (!HasColumn(dialect_, existing, name)) {
            Execute(sql_.AddColumn(name, type));
            outcome_.added_columns.push_back(name);
        }
    }
    if (spec_.hard_deletes == HardDeletes::NEW_RECORD && !HasColumn(dialect_, existing, spec_.columns.is_deleted)) {
        Execute(sql_.AddColumn(spec_.columns.is_deleted, dialect_.TypeName(db::LogicalType::VARCHAR)));
    }

    Execute(sql_.CreateChangedKeys(check_columns, all_changed));
    Execute(sql_.CreateStaging(source_columns, check_columns, all_changed));
    auto closed = Query(sql_.CloseVersions());
    auto inserted = Query(sql_.InsertVersions(source_columns));
    outcome_.invalidated = std::max<int64_t>(closed.affected_rows, 0);
    outcome_.inserted = std::max<int64_t>(inserted.affected_rows, 0);
    Execute(sql_.DropTemporary());
    return outcome_;
}

}  // namespace

SnapshotOutcome ExecuteSnapshot(db::Warehouse& warehouse, const Node& node, const Target& target,
                                const std::string& run_started_at) {
    const SnapshotSpec spec = ParseSnapshotSpec(node);
    const std::string schema = node.schema.empty() ? target.schema : node.schema;
    const std::string table = node.alias.empty() ? node.name : node.alias;
    if (Trim(node.compiled_code).empty()) {
        throw Error(ErrorKind::INVALID_INPUT, "snapshot '" + spec.name + "' has no compiled select",
                    "compile the project before running the snapshot");
    }
    SnapshotRun run(warehouse, spec, schema, table, SnapshotTimeLiteral(spec, run_started_at));
    std::optional<db::Transaction> transaction;
    if (!warehouse.InTransaction()) {
        transaction.emplace(warehouse);
    }
    try {
        SnapshotOutcome outcome = run.Run(node.compiled_code);
        if (transaction) {
            transaction->Commit();
        }
        return outcome;
    } catch (const Error& e) {
        if (StartsWith(e.Message(), "snapshot '")) {
            throw;
        }
        throw Error(e.Kind(), "snapshot '" + spec.name + "' (" + schema + "." + table + "): " + e.Message(), e.Hint());
    }
}

}  // namespace hf::transform
