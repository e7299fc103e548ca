#include "db/types.h"

#include <charconv>

#include "common/error.h"
#include "common/strings.h"

namespace hf::db {

std::string_view LogicalTypeName(LogicalType type) {
    switch (type) {
        case LogicalType::BOOLEAN: return "BOOLEAN";
        case LogicalType::INTEGER: return "INTEGER";
        case LogicalType::DOUBLE: return "DOUBLE";
        case LogicalType::DECIMAL: return "DECIMAL";
        case LogicalType::VARCHAR: return "VARCHAR";
        case LogicalType::DATE: return "DATE";
        case LogicalType::TIMESTAMP: return "TIMESTAMP";
        case LogicalType::TIMESTAMPTZ: return "TIMESTAMPTZ";
        case LogicalType::OTHER: return "OTHER";
    }
    return "OTHER";
}

LogicalType LogicalTypeFromName(std::string_view type_name) {
    std::string name = ToLower(Trim(type_name));
    if (auto paren = name.find('('); paren != std::string::npos) {
        name = std::string(Trim(name.substr(0, paren)));
    }
    static const std::vector<std::pair<std::vector<std::string_view>, LogicalType>> kNames = {
        {{"boolean", "bool"}, LogicalType::BOOLEAN},
        {{"integer", "int", "int2", "int4", "int8", "bigint", "smallint", "tinyint", "utinyint", "usmallint",
          "uinteger", "ubigint", "serial", "bigserial", "smallserial", "int64", "int32", "int16", "oid"},
         LogicalType::INTEGER},
        {{"double", "double precision", "float", "float4", "float8", "real"}, LogicalType::DOUBLE},
        {{"decimal", "numeric"}, LogicalType::DECIMAL},
        {{"varchar", "character varying", "text", "string", "char", "character", "bpchar", "name"},
         LogicalType::VARCHAR},
        {{"date"}, LogicalType::DATE},
        {{"timestamp", "timestamp without time zone", "datetime", "timestamp_s", "timestamp_ms", "timestamp_ns"},
         LogicalType::TIMESTAMP},
        {{"timestamptz", "timestamp with time zone", "timestamp_tz"}, LogicalType::TIMESTAMPTZ},
    };
    // "timestamp(6) with time zone": the parenthesis sits in the middle.
    std::string full = ToLower(Trim(type_name));
    if (StartsWith(full, "timestamp") && full.find("with time zone") != std::string::npos) {
        return full.find("without") == std::string::npos ? LogicalType::TIMESTAMPTZ : LogicalType::TIMESTAMP;
    }
    for (const auto& [names, type] : kNames) {
        for (auto n : names) {
            if (name == n) {
                return type;
            }
        }
    }
    return LogicalType::OTHER;
}

std::string FormatDouble(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec != std::errc()) {
        return std::to_string(v);
    }
    return std::string(buf, end);
}

std::optional<std::string> Value::ToText() const {
    if (IsNull()) {
        return std::nullopt;
    }
    if (IsBool()) {
        return std::string(AsBool() ? "t" : "f");
    }
    if (IsInt()) {
        return std::to_string(AsInt());
    }
    if (IsDouble()) {
        return FormatDouble(AsDouble());
    }
    return AsText();
}

size_t ResultSet::ColumnIndex(std::string_view name) const {
    for (size_t i = 0; i < columns_.size(); ++i) {
        if (columns_[i].name == name) {
            return i;
        }
    }
    throw Error(ErrorKind::NOT_FOUND, "the result has no column '" + std::string(name) + "'",
                "check the query's column names");
}

const std::optional<std::string>& ResultSet::Cell(size_t row, size_t col) const {
    if (col >= columns_.size() || row >= RowCount()) {
        throw Error(ErrorKind::INTERNAL, "result cell (" + std::to_string(row) + ", " + std::to_string(col) +
                                             ") is out of range (" + std::to_string(RowCount()) + " rows, " +
                                             std::to_string(columns_.size()) + " columns)");
    }
    return cells_[row * columns_.size() + col];
}

const std::string& ResultSet::Text(size_t row, size_t col) const {
    static const std::string kEmpty;
    const auto& cell = Cell(row, col);
    return cell ? *cell : kEmpty;
}

int64_t ResultSet::Int(size_t row, size_t col) const {
    const auto& cell = Cell(row, col);
    long long v = 0;
    if (cell && (*cell == "true" || *cell == "false")) {
        return *cell == "true" ? 1 : 0;
    }
    if (!cell || !ParseInt64(*cell, v)) {
        throw Error(ErrorKind::DATA,
                    "column '" + columns_[col].name + "' row " + std::to_string(row) + " is not an integer: " +
                        (cell ? "'" + *cell + "'" : std::string("NULL")),
                    "cast the column in the query or read it as text");
    }
    return v;
}

double ResultSet::Double(size_t row, size_t col) const {
    const auto& cell = Cell(row, col);
    double v = 0;
    if (!cell || !ParseDouble(*cell, v)) {
        throw Error(ErrorKind::DATA,
                    "column '" + columns_[col].name + "' row " + std::to_string(row) + " is not a number: " +
                        (cell ? "'" + *cell + "'" : std::string("NULL")),
                    "cast the column in the query or read it as text");
    }
    return v;
}

void ResultSet::AddRow(std::vector<std::optional<std::string>> row) {
    if (row.size() != columns_.size()) {
        throw Error(ErrorKind::INTERNAL, "row of " + std::to_string(row.size()) + " cells added to a result of " +
                                             std::to_string(columns_.size()) + " columns");
    }
    for (auto& cell : row) {
        cells_.push_back(std::move(cell));
    }
}

}  // namespace hf::db
