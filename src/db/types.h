#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hf::db {

// The small set of column types HealthFlow reasons about, whatever the engine. Every other
// engine type (intervals, lists, JSON, ...) is OTHER and read as text.
enum class LogicalType { BOOLEAN, INTEGER, DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP, TIMESTAMPTZ, OTHER };

// "BOOLEAN", "INTEGER", ... for messages and the `sql --format json` output.
std::string_view LogicalTypeName(LogicalType type);

// Maps an engine's type name ("character varying(100)", "DECIMAL(10,2)", "timestamp with time
// zone", "BIGINT", "int4", ...) to a logical type. Case-insensitive; unknown names are OTHER.
LogicalType LogicalTypeFromName(std::string_view type_name);

// A typed value: a query parameter or one field of a bulk-appended row. Text is always
// accepted and converted by the engine to the target column's type. Immutable value type.
class Value {
public:
    Value() = default;  // NULL
    Value(std::nullopt_t) {}
    Value(bool v) : v_(v) {}
    Value(int v) : v_(static_cast<int64_t>(v)) {}
    Value(long v) : v_(static_cast<int64_t>(v)) {}
    Value(long long v) : v_(static_cast<int64_t>(v)) {}
    Value(double v) : v_(v) {}
    Value(std::string v) : v_(std::move(v)) {}
    Value(std::string_view v) : v_(std::string(v)) {}
    Value(const char* v) : v_(std::string(v)) {}
    Value(const std::optional<std::string>& v) {
        if (v) {
            v_ = *v;
        }
    }

    bool IsNull() const { return std::holds_alternative<std::monostate>(v_); }
    bool IsBool() const { return std::holds_alternative<bool>(v_); }
    bool IsInt() const { return std::holds_alternative<int64_t>(v_); }
    bool IsDouble() const { return std::holds_alternative<double>(v_); }
    bool IsText() const { return std::holds_alternative<std::string>(v_); }
    bool AsBool() const { return std::get<bool>(v_); }
    int64_t AsInt() const { return std::get<int64_t>(v_); }
    double AsDouble() const { return std::get<double>(v_); }
    const std::string& AsText() const { return std::get<std::string>(v_); }
    // The value as PostgreSQL's text input accepts it (bool as t/f); nullopt for NULL.
    std::optional<std::string> ToText() const;

private:
    std::variant<std::monostate, bool, int64_t, double, std::string> v_;
};

// Formats a double with the shortest text that reads back to the same value ("0.1", "1e+100").
std::string FormatDouble(double v);

// One column of a result or of a table.
struct ColumnInfo {
    std::string name;
    LogicalType type = LogicalType::OTHER;
    std::string type_name;  // the engine's own spelling, e.g. "DECIMAL(10,2)" or "numeric(10,2)"
    bool nullable = true;   // meaningful for table columns only
};

// A (piece of a) query result, held in memory as text. Texts follow one convention on every
// engine: booleans "true"/"false", decimals with their scale ("12.50"), doubles shortest
// round-trip, dates "2026-11-28", timestamps "2026-11-28 18:00:05.123456" (fraction only when
// non-zero, as PostgreSQL prints), TIMESTAMPTZ in UTC with a "+00" suffix. Not thread-safe.
class ResultSet {
public:
    ResultSet() = default;
    explicit ResultSet(std::vector<ColumnInfo> columns) : columns_(std::move(columns)) {}

    const std::vector<ColumnInfo>& Columns() const { return columns_; }
    size_t ColumnCount() const { return columns_.size(); }
    size_t RowCount() const { return columns_.empty() ? 0 : cells_.size() / columns_.size(); }
    // Index of the column named `name`; throws NOT_FOUND when absent.
    size_t ColumnIndex(std::string_view name) const;

    bool IsNull(size_t row, size_t col) const { return !Cell(row, col).has_value(); }
    // Text of a field ("" for NULL).
    const std::string& Text(size_t row, size_t col) const;
    const std::optional<std::string>& Optional(size_t row, size_t col) const { return Cell(row, col); }
    // Field as a number; throws DATA when NULL or not a number (booleans read as 1/0).
    int64_t Int(size_t row, size_t col) const;
    double Double(size_t row, size_t col) const;

    // Appends one row (as many cells as columns). Used by the engines.
    void AddRow(std::vector<std::optional<std::string>> row);
    void AddCell(std::optional<std::string> cell) { cells_.push_back(std::move(cell)); }
    void Clear() { cells_.clear(); }
    // Rows changed by the statement (INSERT/UPDATE/DELETE), -1 when not applicable.
    int64_t affected_rows = -1;

private:
    const std::optional<std::string>& Cell(size_t row, size_t col) const;
    std::vector<ColumnInfo> columns_;
    std::vector<std::optional<std::string>> cells_;  // row-major
};

}  // namespace hf::db
