#include "extract/source_catalog.h"

#include <algorithm>

#include "common/resources.h"

HF_DECLARE_RESOURCE_BUNDLE(extract_sql)

namespace hf::extract {

std::vector<lake::ColumnSpec> ReadColumns(pg::Connection& conn, const std::string& table) {
    auto result = conn.ExecParams(resources::bundles::extract_sql().Get("columns.sql"), {table});
    if (result.Rows() == 0) {
        throw Error(ErrorKind::NOT_FOUND, "table '" + table + "' does not exist in the source database",
                    "apply the schema with `healthflow db migrate`, or check --tables");
    }
    std::vector<lake::ColumnSpec> columns;
    for (int row = 0; row < result.Rows(); ++row) {
        columns.push_back({std::string(result.Get(row, 0)), std::string(result.Get(row, 1))});
    }
    return columns;
}

void RequireColumns(const std::string& table, const std::vector<lake::ColumnSpec>& columns,
                    const std::vector<std::string>& required) {
    for (const auto& name : required) {
        bool found = std::any_of(columns.begin(), columns.end(), [&](const auto& c) { return c.name == name; });
        if (!found) {
            throw Error(ErrorKind::INVALID_INPUT, "table '" + table + "' has no column '" + name + "'",
                        "extraction needs an 'id' key and a 'date_modification' column maintained by triggers");
        }
    }
}

}  // namespace hf::extract
