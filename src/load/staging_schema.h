#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "db/warehouse.h"
#include "lake/manifest.h"

namespace hf::load {

// The STAGING layer: one table per source table, named as in the original design in lower
// case (STAGING.STG_PATIENTS -> staging.stg_patients), plus staging.load_history and
// staging.load_rejects.

inline constexpr std::string_view kStagingSchema = "staging";

// True for services, patients, admissions, stocks_medicaments.
bool IsSourceTable(std::string_view table);
// "patients" -> "stg_patients".
std::string StagingTableName(std::string_view table);

// A column of a staging table: its source type, read into the checks the loader applies.
struct StagingColumn {
    std::string name;
    std::string source_type;  // as in the manifest
    db::LogicalType type = db::LogicalType::VARCHAR;
    int int_bits = 64;        // INTEGER: 16, 32 or 64
    int precision = 0;        // DECIMAL: 0 when unconstrained
    int scale = 0;
    int max_length = 0;       // VARCHAR: 0 when unlimited

    static StagingColumn FromSource(const lake::ColumnSpec& column);
    // The column type in the warehouse's dialect ("INTEGER", "NUMERIC(10,2)", "varchar(100)").
    std::string WarehouseType(const db::Dialect& dialect) const;
};

// The staging table's columns for a file: its source columns, then the audit columns
// (_op, _extracted_at, _source_system, _extraction_batch_id), then _loaded_at and _source_file.
std::vector<StagingColumn> StagingColumns(const std::vector<lake::ColumnSpec>& source);

// Creates schema staging and the load_history and load_rejects tables when missing.
void EnsureLoadTables(db::Warehouse& warehouse);

// Creates staging.stg_<table> when missing; when it exists, checks that its columns are the
// expected ones (DATA error naming both lists otherwise).
void EnsureStagingTable(db::Warehouse& warehouse, std::string_view table, const std::vector<StagingColumn>& columns);

// Refreshes the planner statistics of staging.stg_<table> for each of `tables` (source table
// names) on a PostgreSQL warehouse (ANALYZE, outside any transaction of the caller's); does
// nothing on DuckDB, whose statistics follow the data. Same threading rules as the warehouse.
void AnalyzeStagingTables(db::Warehouse& warehouse, const std::vector<std::string>& tables);

}  // namespace hf::load
