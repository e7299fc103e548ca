#include "serve/table_output.h"

#include <algorithm>

#include "common/strings.h"

namespace hf::serve {

namespace {

bool IsHidden(const std::vector<std::string>& hidden, const std::string& name) {
    return std::find(hidden.begin(), hidden.end(), name) != hidden.end();
}

nlohmann::json Cell(const db::ResultSet& result, size_t row, size_t col) {
    if (result.IsNull(row, col)) {
        return nullptr;
    }
    const std::string& text = result.Text(row, col);
    switch (result.Columns()[col].type) {
    case db::LogicalType::BOOLEAN:
        return text == "true";
    case db::LogicalType::INTEGER: {
        long long v = 0;
        return ParseInt64(text, v) ? nlohmann::json(v) : nlohmann::json(text);
    }
    case db::LogicalType::DOUBLE:
    case db::LogicalType::DECIMAL: {
        double v = 0;
        return ParseDouble(text, v) ? nlohmann::json(v) : nlohmann::json(text);
    }
    default:
        return text;
    }
}

std::string CsvField(const std::string& text) {
    std::string value = text;
    if (!value.empty() &&
        (value[0] == '=' || value[0] == '+' || value[0] == '@' ||
         (value[0] == '-' && (value.size() == 1 || !(std::isdigit(static_cast<unsigned char>(value[1]))))))) {
        value = "'" + value;
    }
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        return value;
    }
    return "\"" + ReplaceAll(value, "\"", "\"\"") + "\"";
}

} // namespace

nlohmann::json RowsToJson(const db::ResultSet& result, const std::vector<std::string>& hidden) {
    nlohmann::json rows = nlohmann::json::array();
    const auto& columns = result.Columns();
    for (size_t r = 0; r < result.RowCount(); ++r) {
        nlohmann::json row = nlohmann::json::object();
        for (size_t c = 0; c < columns.size(); ++c) {
            if (!IsHidden(hidden, columns[c].name)) {
                row[columns[c].name] = Cell(result, r, c);
            }
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

namespace {

// nlohmann's own writer, kept for the whole answer: its public dump() builds one per call, and a
// dump() per number cell cost 6 to 20 % of the requests per second of a 100-row answer
// (docs/benchmarks.md, 6 December 01:05). It is in nlohmann's `detail` namespace: an upgrade of
// nlohmann_json may need this line changed (the build stops here if so).
using Serializer = nlohmann::detail::serializer<nlohmann::json>;

// Whether nlohmann would write `text` as it is between quotes (nothing to escape, ASCII only:
// other bytes go through its UTF-8 check).
bool IsPlainText(const std::string& text) {
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
            return false;
        }
    }
    return true;
}

// Appends one cell as Cell(result, row, col).dump() would.
void AppendCell(std::string& out, Serializer& serializer, const db::ResultSet& result, size_t row, size_t col) {
    if (result.IsNull(row, col)) {
        out += "null";
        return;
    }
    const std::string& text = result.Text(row, col);
    switch (result.Columns()[col].type) {
    case db::LogicalType::BOOLEAN:
        out += text == "true" ? "true" : "false";
        return;
    case db::LogicalType::INTEGER: {
        long long v = 0;
        if (ParseInt64(text, v)) {
            out += std::to_string(v);
            return;
        }
        break;
    }
    case db::LogicalType::DOUBLE:
    case db::LogicalType::DECIMAL: {
        double v = 0;
        if (ParseDouble(text, v)) {
            serializer.dump(nlohmann::json(v), false, false, 0);
            return;
        }
        break;
    }
    default:
        break;
    }
    if (IsPlainText(text)) {
        out += '"';
        out += text;
        out += '"';
        return;
    }
    serializer.dump(nlohmann::json(text), false, false, 0);
}

} // namespace

void AppendRowsJson(std::string& out, const db::ResultSet& result, const std::vector<std::string>& hidden) {
    // Columns in key order, as in a JSON object; of two columns with one name the last wins.
    const auto& columns = result.Columns();
    std::vector<size_t> order;
    for (size_t c = 0; c < columns.size(); ++c) {
        if (!IsHidden(hidden, columns[c].name)) {
            order.push_back(c);
        }
    }
    std::stable_sort(order.begin(), order.end(),
                     [&columns](size_t a, size_t b) { return columns[a].name < columns[b].name; });
    std::vector<size_t> shown;
    std::vector<std::string> keys;
    for (size_t i = 0; i < order.size(); ++i) {
        if (i + 1 < order.size() && columns[order[i]].name == columns[order[i + 1]].name) {
            continue;
        }
        shown.push_back(order[i]);
        keys.push_back(nlohmann::json(columns[order[i]].name).dump(-1, ' ', false,
                                                                  nlohmann::json::error_handler_t::replace) + ":");
    }
    Serializer serializer(nlohmann::detail::output_adapter<char>(out), ' ', nlohmann::json::error_handler_t::replace);
    out += '[';
    for (size_t r = 0; r < result.RowCount(); ++r) {
        if (r > 0) {
            out += ',';
        }
        out += '{';
        for (size_t i = 0; i < shown.size(); ++i) {
            if (i > 0) {
                out += ',';
            }
            out += keys[i];
            AppendCell(out, serializer, result, r, shown[i]);
        }
        out += '}';
    }
    out += ']';
}

std::string TableToJson(const nlohmann::json& fields, const db::ResultSet& result,
                        const std::vector<std::string>& hidden) {
    nlohmann::json all = fields;
    all["rows"] = nullptr; // takes its place among the keys; written by AppendRowsJson
    std::string out = "{";
    bool first = true;
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (!first) {
            out += ',';
        }
        first = false;
        out += nlohmann::json(it.key()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        out += ':';
        if (it.key() == "rows") {
            AppendRowsJson(out, result, hidden);
        } else {
            out += it.value().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        }
    }
    out += '}';
    return out;
}

nlohmann::json FirstRowToJson(const db::ResultSet& result) {
    auto rows = RowsToJson(result);
    return rows.empty() ? nlohmann::json(nullptr) : rows[0];
}

std::string RowsToCsv(const db::ResultSet& result, const std::vector<std::string>& hidden) {
    std::string out;
    const auto& columns = result.Columns();
    std::vector<size_t> shown;
    for (size_t c = 0; c < columns.size(); ++c) {
        if (!IsHidden(hidden, columns[c].name)) {
            shown.push_back(c);
        }
    }
    for (size_t i = 0; i < shown.size(); ++i) {
        out += (i ? "," : "") + CsvField(columns[shown[i]].name);
    }
    out += "\r\n";
    for (size_t r = 0; r < result.RowCount(); ++r) {
        for (size_t i = 0; i < shown.size(); ++i) {
            out += (i ? "," : "") + (result.IsNull(r, shown[i]) ? std::string() : CsvField(result.Text(r, shown[i])));
        }
        out += "\r\n";
    }
    return out;
}

} // namespace hf::serve
