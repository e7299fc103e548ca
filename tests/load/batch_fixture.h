#pragma once

#include <string>
#include <vector>

#include "lake/manifest.h"
#include "lake/local_object_store.h"

namespace hf::load::testing {

// Source columns of the four tables, as the extraction's manifest lists them.
std::vector<lake::ColumnSpec> ServicesColumns();
std::vector<lake::ColumnSpec> AdmissionsColumns();

// One data file of a fixture batch: its table and its data lines (CSV, audit columns included,
// without the header, which is generated).
struct FixtureFile {
    std::string table;
    std::vector<lake::ColumnSpec> columns;
    std::vector<std::string> lines;
};

// Writes the files of batch `batch_id` into `lake` as the extraction would (data files, then
// the manifest unless `with_manifest` is false). Returns the data file keys.
std::vector<std::string> WriteBatch(lake::LocalObjectStore& lake, const std::string& batch_id,
                                    const std::vector<FixtureFile>& files, bool with_manifest = true);

// The audit fields that end every line of batch `batch_id` ("U,<ts>,PostgreSQL_OLTP,<id>").
std::string Audit(const std::string& batch_id, char op = 'U');

// `n` admissions lines (ids 1..n) of batch `batch_id`.
std::vector<std::string> AdmissionLines(const std::string& batch_id, int n);

}  // namespace hf::load::testing
