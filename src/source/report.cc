#include "source/report.h"

#include <algorithm>

#include "common/resources.h"
#include "common/strings.h"

HF_DECLARE_RESOURCE_BUNDLE(source_sql)

namespace hf::source {

namespace {

// Display width of UTF-8 text: code points, not bytes.
size_t Width(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) {
        n += (c & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

TextTable Query(pg::Connection& conn, const std::string& title, const std::string& file) {
    auto res = conn.Exec(resources::bundles::source_sql().Get("report/" + file));
    TextTable t;
    t.title = title;
    for (int c = 0; c < res.Columns(); ++c) {
        t.columns.emplace_back(res.ColumnName(c));
        // Numbers are right-aligned: a column is numeric when every value parses as one.
        bool numeric = res.Rows() > 0;
        for (int r = 0; r < res.Rows() && numeric; ++r) {
            double ignored = 0.0;
            numeric = res.IsNull(r, c) || ParseDouble(res.Get(r, c), ignored);
        }
        t.right_aligned.push_back(numeric);
    }
    for (int r = 0; r < res.Rows(); ++r) {
        std::vector<std::string> row;
        for (int c = 0; c < res.Columns(); ++c) {
            row.emplace_back(res.Get(r, c));
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace

std::vector<TextTable> OperationalReport(pg::Connection& conn) {
    return {Query(conn, "Rows", "row_counts.sql"), Query(conn, "Occupation now (v_occupation_services)", "occupation.sql"),
            Query(conn, "Stock alerts, top 10 (v_alertes_stocks)", "alertes.sql")};
}

std::string RenderTable(const TextTable& table) {
    std::vector<size_t> widths;
    for (const auto& c : table.columns) {
        widths.push_back(Width(c));
    }
    for (const auto& row : table.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
            widths[c] = std::max(widths[c], Width(row[c]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells, bool header) {
        std::string out;
        for (size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(widths[c] - Width(cells[c]), ' ');
            out += c == 0 ? "" : "  ";
            out += (!header && table.right_aligned[c]) ? pad + cells[c] : cells[c] + pad;
        }
        while (!out.empty() && out.back() == ' ') {
            out.pop_back();
        }
        return out + "\n";
    };
    std::string out = table.title + "\n" + line(table.columns, true);
    std::vector<std::string> rule;
    for (size_t w : widths) {
        rule.emplace_back(w, '-');
    }
    out += line(rule, true);
    for (const auto& row : table.rows) {
        out += line(row, false);
    }
    if (table.rows.empty()) {
        out += "(none)\n";
    }
    return out;
}

}  // namespace hf::source
