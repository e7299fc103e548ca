#include "serve/search_results.h"

#include <unordered_set>

namespace hf::serve {

db::ResultSet FirstRowPerPatient(const db::ResultSet& rows, size_t limit) {
    db::ResultSet kept(rows.Columns());
    size_t patient = rows.ColumnIndex("patient_id");
    std::unordered_set<std::string> seen;
    for (size_t row = 0; row < rows.RowCount() && seen.size() < limit; ++row) {
        if (!seen.insert(rows.Text(row, patient)).second) {
            continue;
        }
        for (size_t col = 0; col < rows.ColumnCount(); ++col) {
            kept.AddCell(rows.Optional(row, col));
        }
    }
    return kept;
}

} // namespace hf::serve
