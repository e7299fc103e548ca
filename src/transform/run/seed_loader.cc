#include "transform/run/seed_loader.h"

#include <cctype>
#include <limits>

#include "common/error.h"
#include "common/fs.h"
#include "common/strings.h"

namespace hf::transform {

using jinja::Value;

namespace {

bool AllDigits(std::string_view s, size_t from, size_t to) {
    if (to > s.size() || from >= to) {
        return false;
    }
    for (size_t i = from; i < to; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

bool IsDate(std::string_view s) {
    return s.size() == 10 && AllDigits(s, 0, 4) && s[4] == '-' && AllDigits(s, 5, 7) && s[7] == '-' &&
           AllDigits(s, 8, 10);
}

bool IsTimestamp(std::string_view s) {
    if (s.size() < 19 || !IsDate(s.substr(0, 10)) || (s[10] != ' ' && s[10] != 'T')) {
        return false;
    }
    if (!AllDigits(s, 11, 13) || s[13] != ':' || !AllDigits(s, 14, 16) || s[16] != ':' || !AllDigits(s, 17, 19)) {
        return false;
    }
    return s.size() == 19 || (s[19] == '.' && AllDigits(s, 20, s.size()));
}

bool IsInteger(std::string_view s, bool& wide) {
    long long v = 0;
    if (!ParseInt64(s, v)) {
        return false;
    }
    wide = v > std::numeric_limits<int32_t>::max() || v < std::numeric_limits<int32_t>::min();
    return true;
}

bool IsDouble(std::string_view s) {
    double d = 0;
    if (!ParseDouble(s, d)) {
        return false;
    }
    std::string lower = ToLower(s);
    return lower.find("inf") == std::string::npos && lower.find("nan") == std::string::npos;
}

bool IsBoolean(std::string_view s) {
    std::string lower = ToLower(s);
    return lower == "true" || lower == "false";
}

} // namespace

SeedData ParseCsv(const std::string& text, const std::string& file) {
    SeedData data;
    std::vector<std::vector<std::optional<std::string>>> records;
    std::vector<std::optional<std::string>> record;
    std::string field;
    bool quoted = false, in_quotes = false, field_started = false;
    size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    int line = 1;
    auto end_field = [&] {
        if (quoted || !field.empty()) {
            record.emplace_back(field);
        } else {
            record.emplace_back(std::nullopt);
        }
        field.clear();
        quoted = false;
        field_started = false;
    };
    auto end_record = [&] {
        end_field();
        if (!(record.size() == 1 && !record[0])) { // blank line
            records.push_back(std::move(record));
        }
        record.clear();
    };
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                line += c == '\n';
                field += c;
            }
        } else if (c == '"' && !field_started) {
            in_quotes = quoted = field_started = true;
        } else if (c == ',') {
            end_field();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            end_record();
            ++line;
        } else {
            field += c;
            field_started = true;
        }
    }
    if (in_quotes) {
        throw Error(ErrorKind::INVALID_INPUT, file + ":" + std::to_string(line) + ": a quoted field is not closed",
                    "close the field with a double quote");
    }
    if (field_started || !record.empty()) {
        end_record();
    }
    if (records.empty()) {
        throw Error(ErrorKind::INVALID_INPUT, file + " is empty", "a seed needs a header line naming its columns");
    }
    for (const auto& h : records[0]) {
        data.columns.push_back(h ? std::string(Trim(*h)) : std::string());
        if (data.columns.back().empty()) {
            throw Error(ErrorKind::INVALID_INPUT,
                        file + ":1: column " + std::to_string(data.columns.size()) + " of the header has no name",
                        "name every column in the first line");
        }
    }
    for (size_t r = 1; r < records.size(); ++r) {
        if (records[r].size() != data.columns.size()) {
            throw Error(ErrorKind::INVALID_INPUT,
                        file + ": record " + std::to_string(r + 1) + " has " + std::to_string(records[r].size()) +
                            " fields, the header " + std::to_string(data.columns.size()),
                        "give every line as many fields as the header (quote values holding commas)");
        }
        data.rows.push_back(std::move(records[r]));
    }
    return data;
}

SeedType InferSeedType(const std::vector<std::optional<std::string>>& values) {
    bool any = false, integer = true, wide = false, dbl = true, date = true, timestamp = true, boolean = true;
    for (const auto& v : values) {
        if (!v) {
            continue;
        }
        any = true;
        std::string_view s = *v;
        bool w = false;
        integer = integer && IsInteger(s, w);
        wide = wide || w;
        dbl = dbl && IsDouble(s);
        date = date && IsDate(s);
        timestamp = timestamp && (IsTimestamp(s) || IsDate(s));
        boolean = boolean && IsBoolean(s);
    }
    if (!any)
        return SeedType::TEXT;
    if (integer)
        return wide ? SeedType::BIGINT : SeedType::INTEGER;
    if (dbl)
        return SeedType::DOUBLE;
    if (date)
        return SeedType::DATE;
    if (timestamp)
        return SeedType::TIMESTAMP;
    if (boolean)
        return SeedType::BOOLEAN;
    return SeedType::TEXT;
}

std::string SeedTypeName(SeedType type, const std::string& engine) {
    bool duck = engine == "duckdb";
    switch (type) {
    case SeedType::INTEGER:
        return "integer";
    case SeedType::BIGINT:
        return "bigint";
    case SeedType::DOUBLE:
        return duck ? "double" : "double precision";
    case SeedType::DATE:
        return "date";
    case SeedType::TIMESTAMP:
        return "timestamp";
    case SeedType::BOOLEAN:
        return "boolean";
    case SeedType::TEXT:
        return duck ? "varchar" : "text";
    }
    return "text";
}

BuildOutcome LoadSeed(NodeSql& sql, const Node& node) {
    std::string file = node.seed_file.string();
    SeedData data = ParseCsv(ReadFile(node.seed_file).Value(), file);
    Value overrides = node.Config("column_types");
    jinja::ValueList columns;
    for (size_t c = 0; c < data.columns.size(); ++c) {
        std::string type;
        if (overrides.IsDict()) {
            if (const Value* t = overrides.AsDict().Find(data.columns[c])) {
                type = t->Str();
            }
        }
        if (type.empty()) {
            std::vector<std::optional<std::string>> values;
            values.reserve(data.rows.size());
            for (const auto& row : data.rows) {
                values.push_back(row[c]);
            }
            type = SeedTypeName(InferSeedType(values), sql.Engine());
        }
        jinja::ValueDict column;
        column.Set("name", Value(Quote(data.columns[c])));
        column.Set("type", Value(type));
        columns.emplace_back(std::move(column));
    }
    std::string tmp_name = node.alias + "__dbt_tmp";
    auto drop_tmp = [&] {
        if (sql.Timed([&] { return sql.Warehouse().RelationExists(node.schema, tmp_name); })) {
            sql.Run("drop_relation", {{"relation", Value(TempRelation(node))}, {"kind", Value("table")}});
        }
    };
    drop_tmp();
    sql.Run("create_seed_table", {{"relation", Value(TempRelation(node))}, {"columns", Value(std::move(columns))}});
    try {
        sql.Timed([&] {
            auto appender = sql.Warehouse().OpenAppender(node.schema, tmp_name);
            std::vector<db::Value> row;
            for (const auto& r : data.rows) {
                row.clear();
                for (const auto& f : r) {
                    row.emplace_back(f);
                }
                appender->AppendRow(row);
            }
            appender->Close();
        });
        SwapIntoPlace(sql, node);
    } catch (const Error& e) {
        drop_tmp();
        throw Error(e.Kind(), "seed '" + node.name + "' (" + file + "): " + e.Message(), e.Hint());
    }
    int64_t rows = static_cast<int64_t>(data.rows.size());
    return {"INSERT " + std::to_string(rows), rows};
}

} // namespace hf::transform
