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
