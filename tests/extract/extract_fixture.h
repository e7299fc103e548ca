#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "extract/extraction.h"
#include "lake/local_object_store.h"
#include "pg/connection.h"
#include "support/temp_dir.h"

namespace hf::extract::testing {

// A fresh source database (schema migrated, a small hand-made hospital inserted) and an empty
// local lake, for one test.
class ExtractTest : public ::testing::Test {
protected:
    // Creates the database `name` and the lake; call first in each test.
    void SetUpSource(const std::string& name);

    // Runs one batch with a zero safety margin and no lock wait.
    ExtractionReport Extract(ExtractMode mode, std::vector<std::string> tables = {});

    // A data file's lines (header included), split on record boundaries.
    std::vector<std::string> Lines(const std::string& key);
    // The data file of `table` in `report`.
    const lake::ManifestFile& FileOf(const ExtractionReport& report, const std::string& table);
    // The lines of `table`'s file in `report` with the three batch-specific audit columns removed.
    std::vector<std::string> RowsWithoutAudit(const ExtractionReport& report, const std::string& table);

    // Manifests present in the lake.
    std::vector<std::string> ManifestKeys();

    pg::ConnectionSpec spec_;
    std::unique_ptr<pg::Connection> conn_;
    ::hf::testing::TempDir dir_;
    std::unique_ptr<lake::LocalObjectStore> lake_;
};

// Splits CSV text into records (a line break inside quotes stays in its record).
std::vector<std::string> SplitRecords(const std::string& csv);

}  // namespace hf::extract::testing
