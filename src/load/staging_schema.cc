#include "load/staging_schema.h"

#include <regex>

#include "common/error.h"
#include "common/resources.h"
#include "common/strings.h"

HF_DECLARE_RESOURCE_BUNDLE(load_sql)

namespace hf::load {

bool IsSourceTable(std::string_view table) {
    return table == "services" || table == "patients" || table == "admissions" || table == "stocks_medicaments";
}

std::string StagingTableName(std::string_view table) { return "stg_" + std::string(table); }

StagingColumn StagingColumn::FromSource(const lake::ColumnSpec& column) {
    StagingColumn out;
    out.name = column.name;
    out.source_type = column.type;
    out.type = db::LogicalTypeFromName(column.type);
    std::string lower = ToLower(Trim(column.type));
    std::smatch m;
    static const std::regex kParams(R"(\((\d+)(?:\s*,\s*(\d+))?\))");
    bool has_params = std::regex_search(lower, m, kParams);
    switch (out.type) {
        case db::LogicalType::INTEGER:
            out.int_bits = (lower == "smallint" || lower == "int2") ? 16
                           : (lower == "integer" || lower == "int" || lower == "int4" || lower == "serial") ? 32
                                                                                                          : 64;
            break;
        case db::LogicalType::DECIMAL:
            if (has_params) {
                out.precision = std::stoi(m[1]);
                out.scale = m[2].matched ? std::stoi(m[2]) : 0;
            }
            break;
        case db::LogicalType::VARCHAR:
            if (has_params) {
                out.max_length = std::stoi(m[1]);
            }
            break;
        case db::LogicalType::OTHER: out.type = db::LogicalType::VARCHAR; break;
        default: break;
    }
    return out;
}

std::string StagingColumn::WarehouseType(const db::Dialect& dialect) const {
    const bool duck = dialect.engine == "duckdb";
    switch (type) {
        case db::LogicalType::INTEGER: return int_bits == 16 ? "SMALLINT" : int_bits == 32 ? "INTEGER" : "BIGINT";
        case db::LogicalType::DECIMAL:
            if (precision > 0) {
                return "NUMERIC(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
            }
            return duck ? "DECIMAL(38,10)" : "NUMERIC";
        case db::LogicalType::VARCHAR:
            return duck || max_length == 0 ? dialect.TypeName(db::LogicalType::VARCHAR)
                                           : "VARCHAR(" + std::to_string(max_length) + ")";
        default: return dialect.TypeName(type);
    }
}

std::vector<StagingColumn> StagingColumns(const std::vector<lake::ColumnSpec>& source) {
    std::vector<StagingColumn> out;
    for (const auto& c : source) {
        out.push_back(StagingColumn::FromSource(c));
    }
    out.push_back(StagingColumn::FromSource({"_op", "character(1)"}));
    out.push_back(StagingColumn::FromSource({"_extracted_at", "timestamp with time zone"}));
    out.push_back(StagingColumn::FromSource({"_source_system", "text"}));
    out.push_back(StagingColumn::FromSource({"_extraction_batch_id", "text"}));
    out.push_back(StagingColumn::FromSource({"_loaded_at", "timestamp with time zone"}));
    out.push_back(StagingColumn::FromSource({"_source_file", "text"}));
    return out;
}

void EnsureLoadTables(db::Warehouse& warehouse) {
    warehouse.Execute(resources::bundles::load_sql().Get("load_tables.sql"));
}

void EnsureStagingTable(db::Warehouse& warehouse, std::string_view table, const std::vector<StagingColumn>& columns) {
    const std::string name = StagingTableName(table);
    auto existing = warehouse.ListColumns(std::string(kStagingSchema), name);
    std::vector<std::string> expected_names;
    for (const auto& c : columns) {
        expected_names.push_back(c.name);
    }
    if (existing.empty()) {
        std::string ddl = "CREATE TABLE " + db::Warehouse::QualifiedName(kStagingSchema, name) + " (";
        for (size_t i = 0; i < columns.size(); ++i) {
            ddl += (i == 0 ? "" : ", ") + db::Warehouse::QuoteIdentifier(columns[i].name) + " " +
                   columns[i].WarehouseType(warehouse.GetDialect());
        }
        warehouse.Execute(ddl + ")");
        return;
    }
    std::vector<std::string> existing_names;
    for (const auto& c : existing) {
        existing_names.push_back(c.name);
    }
    if (existing_names != expected_names) {
        throw Error(ErrorKind::DATA,
                    "staging." + name + " has columns (" + Join(existing_names, ", ") +
                        ") but the file to load has (" + Join(expected_names, ", ") + ")",
                    "the source schema changed: alter staging." + name + " to the new columns, or drop it and "
                    "reload every batch");
    }
}

void AnalyzeStagingTables(db::Warehouse& warehouse, const std::vector<std::string>& tables) {
    if (warehouse.GetDialect().engine != "postgres") {
        return;
    }
    const std::string_view sql = resources::bundles::load_sql().Get("analyze_staging.sql");
    for (const auto& table : tables) {
        warehouse.Execute(ReplaceAll(std::string(sql), "{table}",
                                     db::Warehouse::QualifiedName(kStagingSchema, StagingTableName(table))));
    }
}

}  // namespace hf::load
