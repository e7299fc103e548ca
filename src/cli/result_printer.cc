#include "cli/result_printer.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "common/error.h"

namespace hf::cli {

namespace {

// Display width of UTF-8 text, counting code points.
size_t DisplayWidth(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

std::string CsvField(const std::optional<std::string>& v) {
    if (!v) {
        return "";
    }
    if (!v->empty() && v->find_first_of(",\"\r\n") == std::string::npos) {
        return *v;
    }
    std::string out = "\"";
    for (char c : *v) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

void PrintTable(const db::ResultSet& rs, std::FILE* out) {
    if (rs.ColumnCount() == 0) {
        if (rs.affected_rows >= 0) {
            std::fprintf(out, "%lld row(s) changed\n", static_cast<long long>(rs.affected_rows));
        }
        return;
    }
    std::vector<size_t> width(rs.ColumnCount());
    for (size_t c = 0; c < rs.ColumnCount(); ++c) {
        width[c] = DisplayWidth(rs.Columns()[c].name);
        for (size_t r = 0; r < rs.RowCount(); ++r) {
            width[c] = std::max(width[c], rs.IsNull(r, c) ? 4 : DisplayWidth(rs.Text(r, c)));
        }
    }
    auto print_row = [&](auto cell_of) {
        std::string line;
        for (size_t c = 0; c < rs.ColumnCount(); ++c) {
            std::string cell = cell_of(c);
            line += (c == 0 ? " " : " | ") + cell + std::string(width[c] - DisplayWidth(cell), ' ');
        }
        std::fprintf(out, "%s\n", line.c_str());
    };
    print_row([&](size_t c) { return rs.Columns()[c].name; });
    std::string rule;
    for (size_t c = 0; c < rs.ColumnCount(); ++c) {
        rule += (c == 0 ? "" : "+") + std::string(width[c] + 2, '-');
    }
    std::fprintf(out, "%s\n", rule.c_str());
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        print_row([&](size_t c) { return rs.IsNull(r, c) ? std::string("NULL") : rs.Text(r, c); });
    }
    std::fprintf(out, "(%zu row%s)\n", rs.RowCount(), rs.RowCount() == 1 ? "" : "s");
}

void PrintCsv(const db::ResultSet& rs, std::FILE* out) {
    if (rs.ColumnCount() == 0) {
        return;
    }
    std::string line;
    for (size_t c = 0; c < rs.ColumnCount(); ++c) {
        line += (c == 0 ? "" : ",") + CsvField(rs.Columns()[c].name);
    }
    std::fprintf(out, "%s\n", line.c_str());
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        line.clear();
        for (size_t c = 0; c < rs.ColumnCount(); ++c) {
            line += (c == 0 ? "" : ",") + CsvField(rs.Optional(r, c));
        }
        std::fprintf(out, "%s\n", line.c_str());
    }
}

nlohmann::ordered_json JsonCell(const db::ResultSet& rs, size_t r, size_t c) {
    if (rs.IsNull(r, c)) {
        return nullptr;
    }
    const std::string& text = rs.Text(r, c);
    switch (rs.Columns()[c].type) {
        case db::LogicalType::BOOLEAN: return text == "true";
        case db::LogicalType::INTEGER: return rs.Int(r, c);
        case db::LogicalType::DOUBLE:
        case db::LogicalType::DECIMAL: {
            double v = 0;
            if (text.find_first_not_of("-+0123456789.eE") == std::string::npos) {
                v = rs.Double(r, c);
                return v;
            }
            return text;  // NaN, Infinity
        }
        default: return text;
    }
}

void PrintJson(const db::ResultSet& rs, std::FILE* out) {
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        nlohmann::ordered_json row = nlohmann::ordered_json::object();
        for (size_t c = 0; c < rs.ColumnCount(); ++c) {
            row[rs.Columns()[c].name] = JsonCell(rs, r, c);
        }
        rows.push_back(std::move(row));
    }
    std::fprintf(out, "%s\n", rows.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
}

}  // namespace

OutputFormat ParseOutputFormat(std::string_view name) {
    if (name == "table") {
        return OutputFormat::TABLE;
    }
    if (name == "csv") {
        return OutputFormat::CSV;
    }
    if (name == "json") {
        return OutputFormat::JSON;
    }
    throw Error(ErrorKind::INVALID_INPUT, "unknown output format '" + std::string(name) + "'",
                "use table, csv or json");
}

void PrintResult(const db::ResultSet& rs, OutputFormat format, std::FILE* out) {
    switch (format) {
        case OutputFormat::TABLE: PrintTable(rs, out); break;
        case OutputFormat::CSV: PrintCsv(rs, out); break;
        case OutputFormat::JSON: PrintJson(rs, out); break;
    }
    std::fflush(out);
}

}  // namespace hf::cli
