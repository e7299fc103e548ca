#include "extract/parquet_conversion.h"

#include <regex>

#include "common/strings.h"
#include "db/duckdb_warehouse.h"

namespace hf::extract {

std::string DuckDbTypeFor(const std::string& postgres_type) {
    static const std::regex numeric(R"(numeric\((\d+),(\d+)\))");
    std::smatch m;
    if (std::regex_match(postgres_type, m, numeric) && std::stoi(m[1]) <= 38) {
        return "DECIMAL(" + m[1].str() + "," + m[2].str() + ")";
    }
    if (postgres_type == "integer") {
        return "INTEGER";
    }
    if (postgres_type == "bigint") {
        return "BIGINT";
    }
    if (postgres_type == "smallint") {
        return "SMALLINT";
    }
    if (postgres_type == "boolean") {
        return "BOOLEAN";
    }
    if (postgres_type == "date") {
        return "DATE";
    }
    if (postgres_type == "timestamp without time zone") {
        return "TIMESTAMP";
    }
    if (postgres_type == "timestamp with time zone") {
        return "TIMESTAMPTZ";
    }
    if (postgres_type == "double precision") {
        return "DOUBLE";
    }
    return "VARCHAR";
}

void ConvertCsvToParquet(const std::filesystem::path& csv, const std::vector<lake::ColumnSpec>& columns,
                         const std::filesystem::path& parquet) {
    using db::Warehouse;
    std::vector<std::string> types;
    for (const auto& column : columns) {
        types.push_back(Warehouse::QuoteLiteral(column.name) + ": " + Warehouse::QuoteLiteral(DuckDbTypeFor(column.type)));
    }
    for (const char* audit : {"_op", "_extracted_at", "_source_system", "_extraction_batch_id"}) {
        types.push_back(Warehouse::QuoteLiteral(audit) + ": 'VARCHAR'");
    }
    auto duck = db::DuckDbWarehouse::Open(":memory:").Value();
    // The conversion streams row groups; a bounded memory keeps extraction under 200 MiB
    // whatever the table size (DuckDB spills to its temporary folder past the limit).
    duck->Execute("SET memory_limit = '96MB'");
    duck->Execute("SET threads = 1");
    duck->Execute("COPY (SELECT * FROM read_csv(" + Warehouse::QuoteLiteral(csv.string()) +
                  ", header = true, delim = ',', quote = '\"', escape = '\"', allow_quoted_nulls = false, "
                  "auto_detect = false, columns = {" + Join(types, ", ") + "})) TO " +
                  Warehouse::QuoteLiteral(parquet.string()) + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 61440)");
}

}  // namespace hf::extract
