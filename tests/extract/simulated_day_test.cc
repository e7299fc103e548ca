#include <gtest/gtest.h>

#include <set>

#include "extract/extraction.h"
#include "extract_fixture.h"
#include "lake/local_object_store.h"
#include "source/generator_fixture.h"
#include "source/simulator/simulator.h"
#include "support/temp_dir.h"

namespace hf::extract::testing {
namespace {

using IdOps = std::set<std::pair<std::string, std::string>>;

// (id, _op) of every data row of a batch's file for `table`.
IdOps IdsAndOpsOf(lake::ObjectStore& lake, const ExtractionReport& report, const std::string& table) {
    for (const auto& file : report.manifest.files) {
        if (file.table != table) {
            continue;
        }
        auto records = SplitRecords(lake.Get(file.key).Value());
        IdOps out;
        for (size_t i = 1; i < records.size(); ++i) {
            const auto& r = records[i];
            // The four audit columns close the record: _op, _extracted_at, _source_system, batch id.
            size_t end = r.size();
            for (int k = 0; k < 3; ++k) {
                end = r.rfind(',', end - 1);
            }
            size_t op_start = r.rfind(',', end - 1) + 1;
            out.emplace(r.substr(0, r.find(',')), r.substr(op_start, end - op_start));
        }
        return out;
    }
    ADD_FAILURE() << "no file for " << table;
    return {};
}

// Rows of `table` changed since `since` (U), plus the ids it lost since then (D).
IdOps ChangedSince(pg::Connection& conn, const std::string& table, const std::string& since) {
    IdOps out;
    auto changed = conn.ExecParams("SELECT id::text FROM " + table + " WHERE date_modification >= $1::timestamptz",
                                   {since});
    for (int r = 0; r < changed.Rows(); ++r) {
        out.emplace(std::string(changed.Get(r, 0)), "U");
    }
    auto deleted = conn.ExecParams(
        "SELECT DISTINCT j.ligne_id::text FROM journal_suppressions j WHERE j.nom_table = $1"
        " AND j.date_suppression >= $2::timestamptz"
        " AND NOT EXISTS (SELECT 1 FROM " + table + " t WHERE t.id = j.ligne_id)",
        {table, since});
    for (int r = 0; r < deleted.Rows(); ++r) {
        out.emplace(std::string(deleted.Get(r, 0)), "D");
    }
    return out;
}

// The daily story of the product: a full batch, one simulated day, then an incremental batch
// that carries exactly that day's changes and deletions.
TEST(SimulatedDayTest, IncrementalAfterASimulatedDayCarriesExactlyItsChanges) {
    auto spec = source::generator::testing_support::GenerateInto("extract_simulated_day", 5, "2026-03-01", 20);
    auto conn = pg::Connection::Open(spec).Value();
    ::hf::testing::TempDir dir;
    lake::LocalObjectStore lake(dir.Path() / "lake");
    ExtractOptions options;
    options.safety_margin = std::chrono::microseconds(0);
    options.lock_timeout = std::chrono::milliseconds(0);
    options.mode = ExtractMode::FULL;
    auto full = ExtractBatch(conn, lake, options);

    const std::string before = std::string(conn.Exec("SELECT now()::text").Get(0, 0));
    const std::string clock = std::string(conn.Exec("SELECT instant::text FROM horloge_simulation").Get(0, 0));
    source::simulator::SimulateOptions day;
    day.days = 1;
    source::simulator::Simulate(conn, day);

    options.mode = ExtractMode::INCREMENTAL;
    auto inc = ExtractBatch(conn, lake, options);
    size_t changed_rows = 0;
    for (const char* table : {"services", "patients", "admissions", "stocks_medicaments"}) {
        auto expected = ChangedSince(conn, table, before);
        EXPECT_EQ(IdsAndOpsOf(lake, inc, table), expected) << table;
        changed_rows += expected.size();
    }
    // Whatever their audit stamps say, the day's admissions and discharges are all in the batch.
    auto admissions = IdsAndOpsOf(lake, inc, "admissions");
    auto days_stays = conn.ExecParams(
        "SELECT id::text FROM admissions WHERE date_entree >= $1::timestamp OR date_sortie >= $1::timestamp", {clock});
    ASSERT_GT(days_stays.Rows(), 40);
    for (int r = 0; r < days_stays.Rows(); ++r) {
        EXPECT_EQ(admissions.count({std::string(days_stays.Get(r, 0)), "U"}), 1u) << days_stays.Get(r, 0);
    }
    // A simulated day changes something in every part of the hospital.
    EXPECT_GT(ChangedSince(conn, "admissions", before).size(), 40u);
    EXPECT_GT(ChangedSince(conn, "stocks_medicaments", before).size(), 50u);
    uint64_t full_rows = 0;
    for (const auto& file : full.manifest.files) {
        full_rows += file.rows;
    }
    EXPECT_LT(changed_rows, full_rows / 10);

    // Nothing changed since: the next batch is empty.
    auto again = ExtractBatch(conn, lake, options);
    for (const auto& file : again.manifest.files) {
        EXPECT_EQ(file.rows, 0u) << file.table;
    }
}

}  // namespace
}  // namespace hf::extract::testing
