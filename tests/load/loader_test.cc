#include "batch_fixture.h"
#include "db/warehouse_fixture.h"
#include "common/hash.h"
#include "common/strings.h"
#include "load/loader.h"

#include <nlohmann/json.hpp>

namespace hf::load::testing {
namespace {

using db::testing::WarehouseTest;

const std::string kBatch1 = "20261128T180005Z_3fa91c07";
const std::string kBatch2 = "20261129T180005Z_0b1c2d3e";

class LoaderTest : public WarehouseTest {
protected:
    LoaderTest() : lake_(dir_.Path() / "lake") {}

    // Every staging row as text, in a stable order, without _loaded_at.
    std::vector<std::string> Snapshot(const std::string& table, const std::string& order = "id") {
        auto cols = wh_->ListColumns("staging", table);
        std::string select;
        for (const auto& c : cols) {
            if (c.name != "_loaded_at") {
                select += (select.empty() ? "" : ", ") + db::Warehouse::QuoteIdentifier(c.name);
            }
        }
        auto rs = wh_->Query("SELECT " + select + " FROM staging." + table + " ORDER BY " + order);
        std::vector<std::string> out;
        for (size_t r = 0; r < rs.RowCount(); ++r) {
            std::string line;
            for (size_t c = 0; c < rs.ColumnCount(); ++c) {
                line += (rs.IsNull(r, c) ? "NULL" : rs.Text(r, c)) + "|";
            }
            out.push_back(line);
        }
        return out;
    }

    lake::LocalObjectStore lake_;
};

TEST_P(LoaderTest, LoadingOneTableLeavesTheOthersForLater) {
    WriteBatch(lake_, kBatch1,
               {{"services", ServicesColumns(),
                 {"1,CARDIO,Cardiologie,40,t,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00," + Audit(kBatch1)}},
                {"admissions", AdmissionsColumns(), AdmissionLines(kBatch1, 5)}});
    LoadOptions only_admissions;
    only_admissions.tables = {"admissions"};
    auto first = LoadLake(lake_, *wh_, only_admissions);
    ASSERT_FALSE(first.failure.has_value());
    ASSERT_EQ(first.files.size(), 1u);
    EXPECT_EQ(first.files[0].table, "admissions");
    EXPECT_EQ(first.RowsLoaded(), 5);
    EXPECT_FALSE(wh_->RelationExists("staging", "stg_services"));
    auto rest = LoadLake(lake_, *wh_);
    EXPECT_EQ(rest.RowsLoaded(), 1);
    EXPECT_EQ(Snapshot("stg_services").size(), 1u);
    EXPECT_EQ(Snapshot("stg_admissions").size(), 5u);
}

TEST_P(LoaderTest, LoadingTwiceGivesTheSameRows) {
    WriteBatch(lake_, kBatch1,
               {{"services", ServicesColumns(),
                 {"1,CARDIO,Cardiologie,40,t,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00," + Audit(kBatch1),
                  "2,URG,\"Urgences, adultes\",25,f,2026-01-01 00:00:00+00,2026-01-02 10:00:00.5+00," + Audit(kBatch1)}},
                {"admissions", AdmissionsColumns(), AdmissionLines(kBatch1, 50)}});
    auto first = LoadLake(lake_, *wh_);
    ASSERT_FALSE(first.failure.has_value()) << first.failure->Message();
    EXPECT_EQ(first.batches_loaded, 1);
    EXPECT_EQ(first.RowsLoaded(), 52);
    EXPECT_EQ(first.RowsRejected(), 0);
    auto services = Snapshot("stg_services");
    auto admissions = Snapshot("stg_admissions");
    ASSERT_EQ(services.size(), 2u);
    EXPECT_EQ(services[1],
              "2|URG|Urgences, adultes|25|false|2026-01-01 00:00:00+00|2026-01-02 10:00:00.5+00|U|"
              "2026-11-28 18:00:05+00|PostgreSQL_OLTP|" + kBatch1 + "|bronze/services/year=2026/month=11/day=28/"
              "services_20261128_180005.csv|");
    EXPECT_EQ(wh_->Query("SELECT sum(cout_total) FROM staging.stg_admissions").Text(0, 0), "1300.00");

    WriteBatch(lake_, kBatch2, {{"services", ServicesColumns(),
                                 {"2,URG,Urgences,30,t,2026-01-01 00:00:00+00,2026-11-29 09:00:00+00," +
                                  Audit(kBatch2)}}});
    auto second = LoadLake(lake_, *wh_);
    EXPECT_EQ(second.batches_already_loaded, 1);
    EXPECT_EQ(second.batches_loaded, 1);
    EXPECT_EQ(second.RowsLoaded(), 1);
    auto third = LoadLake(lake_, *wh_);
    EXPECT_EQ(third.batches_complete, 2);
    EXPECT_EQ(third.batches_already_loaded, 2);
    EXPECT_EQ(third.RowsLoaded(), 0);
    EXPECT_EQ(Snapshot("stg_admissions"), admissions);
    EXPECT_EQ(Snapshot("stg_services", "id, _extraction_batch_id").size(), 3u);
    EXPECT_EQ(wh_->Query("SELECT count(*) FROM staging.load_history").Int(0, 0), 3);
}

TEST_P(LoaderTest, CorruptLinesGoToRejectsWithReasons) {
    auto lines = AdmissionLines(kBatch1, 1000);
    lines[99] = "100,1,1,2026-11-01 08:00:00,,URGENCES,3,motif," + Audit(kBatch1);       // a field short
    lines[499] = ReplaceAll(lines[499], "2026-11-01 08:00:00,", "2026-13-01 08:00:00,");  // no 13th month
    lines[899] = "900,1,1,2026-11-01 08:00:00,,URGENCES,99999999999,motif,1.00,2026-11-01 08:00:00+00,"
                 "2026-11-01 08:00:00+00," + Audit(kBatch1);
    WriteBatch(lake_, kBatch1, {{"admissions", AdmissionsColumns(), lines}});
    auto report = LoadLake(lake_, *wh_);
    ASSERT_FALSE(report.failure.has_value()) << report.failure->Message();
    EXPECT_EQ(report.RowsLoaded(), 997);
    EXPECT_EQ(report.RowsRejected(), 3);
    EXPECT_EQ(wh_->Query("SELECT count(*) FROM staging.stg_admissions").Int(0, 0), 997);
    auto rejects = wh_->Query(
        "SELECT line_number, column_name, reason, raw_line, batch_id FROM staging.load_rejects ORDER BY line_number");
    ASSERT_EQ(rejects.RowCount(), 3u);
    EXPECT_EQ(rejects.Int(0, 0), 101);  // the header is line 1
    EXPECT_TRUE(rejects.IsNull(0, 1));
    EXPECT_EQ(rejects.Text(0, 2), "expected 15 fields, found 12");
    EXPECT_EQ(rejects.Text(0, 3), lines[99]);
    EXPECT_EQ(rejects.Int(1, 0), 501);
    EXPECT_EQ(rejects.Text(1, 1), "date_entree");
    EXPECT_EQ(rejects.Text(1, 2), "'2026-13-01 08:00:00' is not a valid timestamp");
    EXPECT_EQ(rejects.Int(2, 0), 901);
    EXPECT_EQ(rejects.Text(2, 1), "score_gravite");
    EXPECT_EQ(rejects.Text(2, 2), "'99999999999' is out of range for integer");
    EXPECT_EQ(rejects.Text(2, 4), kBatch1);
    auto history = wh_->Query("SELECT rows_loaded, rows_rejected, table_name FROM staging.load_history");
    EXPECT_EQ(history.Int(0, 0), 997);
    EXPECT_EQ(history.Int(0, 1), 3);
    EXPECT_EQ(history.Text(0, 2), "admissions");
}

TEST_P(LoaderTest, InvalidUtf8AndQuotedLineBreaksAreHandled) {
    WriteBatch(lake_, kBatch1,
               {{"services", ServicesColumns(),
                 {"1,A,\"Soins\nintensifs\",10,t,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00," + Audit(kBatch1),
                  "2,B,Bad \xC3(,10,t,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00," + Audit(kBatch1),
                  "3,C,\"\",10,t,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00," + Audit(kBatch1)}}});
    auto report = LoadLake(lake_, *wh_);
    EXPECT_EQ(report.RowsLoaded(), 2);
    auto rs = wh_->Query("SELECT nom_service FROM staging.stg_services ORDER BY id");
    EXPECT_EQ(rs.Text(0, 0), "Soins\nintensifs");
    EXPECT_FALSE(rs.IsNull(1, 0));
    EXPECT_EQ(rs.Text(1, 0), "");
    auto rejects = wh_->Query("SELECT line_number, reason, raw_line FROM staging.load_rejects");
    ASSERT_EQ(rejects.RowCount(), 1u);
    EXPECT_EQ(rejects.Int(0, 0), 4);
    EXPECT_EQ(rejects.Text(0, 1), "invalid UTF-8 at byte 9 of the line");
    EXPECT_EQ(rejects.Text(0, 2).substr(0, 14), "2,B,Bad \\xC3(,");
}

TEST_P(LoaderTest, BatchWithoutManifestIsNotLoaded) {
    WriteBatch(lake_, kBatch1, {{"admissions", AdmissionsColumns(), AdmissionLines(kBatch1, 10)}}, false);
    auto report = LoadLake(lake_, *wh_);
    EXPECT_EQ(report.batches_complete, 0);
    EXPECT_TRUE(report.files.empty());
    EXPECT_FALSE(wh_->RelationExists("staging", "stg_admissions"));
    EXPECT_TRUE(wh_->RelationExists("staging", "load_history"));
}

TEST_P(LoaderTest, ShaMismatchRefusesTheBatchNamingTheFile) {
    auto keys = WriteBatch(lake_, kBatch1,
                           {{"services", ServicesColumns(),
                             {"1,A,Cardio,10,t,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00," + Audit(kBatch1)}},
                            {"admissions", AdmissionsColumns(), AdmissionLines(kBatch1, 10)}});
    WriteBatch(lake_, kBatch2, {{"admissions", AdmissionsColumns(), AdmissionLines(kBatch2, 5)}});
    std::string body = lake_.Get(keys[1]).Value();
    body[body.size() - 10] = 'X';
    lake_.Put(keys[1], body).Check();
    auto report = LoadLake(lake_, *wh_);
    ASSERT_TRUE(report.failure.has_value());
    EXPECT_EQ(report.failure->Kind(), ErrorKind::DATA);
    const std::string& msg = report.failure->Message();
    EXPECT_NE(msg.find("file " + keys[1] + " does not match its manifest"), std::string::npos) << msg;
    EXPECT_NE(msg.find(Sha256Hex(body)), std::string::npos) << msg;
    auto manifest = lake::Manifest::FromJson(lake_.Get("bronze/_manifests/" + kBatch1 + ".json").Value(), "m");
    EXPECT_NE(msg.find(manifest.files[1].sha256), std::string::npos) << msg;
    EXPECT_EQ(report.batches_loaded, 0);
    EXPECT_FALSE(wh_->RelationExists("staging", "stg_services"));  // nothing of the batch, nor of the next one
    EXPECT_FALSE(wh_->RelationExists("staging", "stg_admissions"));
}

TEST_P(LoaderTest, ParquetBatchLoads) {
    auto duck = db::DuckDbWarehouse::Open(":memory:").Value();
    const std::string key = "bronze/services/year=2026/month=11/day=28/services_20261128_180005.parquet";
    auto path = dir_.Path() / "lake" / key;
    std::filesystem::create_directories(path.parent_path());
    duck->Execute(
        "COPY (SELECT i::INTEGER AS id, 'S' || i AS code, 'Service ' || i AS nom_service, (10 * i)::INTEGER AS "
        "capacite_lits, i % 2 = 0 AS actif, TIMESTAMPTZ '2026-01-01 00:00:00+00' AS date_creation, TIMESTAMPTZ "
        "'2026-01-01 00:00:00+00' AS date_modification, 'U' AS _op, TIMESTAMPTZ '2026-11-28 18:00:05+00' AS "
        "_extracted_at, 'PostgreSQL_OLTP' AS _source_system, '" + kBatch1 + "' AS _extraction_batch_id "
        "FROM range(1, 4) t(i)) TO " + db::Warehouse::QuoteLiteral(path.string()) +
        " (FORMAT parquet, COMPRESSION zstd)");
    std::string bytes = lake_.Get(key).Value();
    lake::Manifest manifest;
    manifest.batch_id = kBatch1;
    manifest.mode = "full";
    manifest.format = "parquet";
    manifest.extracted_at = "2026-11-28T18:00:05.000000Z";
    lake::ManifestFile file;
    file.table = "services";
    file.key = key;
    file.mode = "full";
    file.rows = 3;
    file.bytes = bytes.size();
    file.sha256 = Sha256Hex(bytes);
    file.columns = ServicesColumns();
    file.watermark_to = "2026-11-28T18:00:04.900000Z";
    manifest.files.push_back(file);
    lake_.Put("bronze/_manifests/" + kBatch1 + ".json", manifest.ToJson()).Check();
    auto report = LoadLake(lake_, *wh_);
    ASSERT_FALSE(report.failure.has_value()) << report.failure->Message();
    EXPECT_EQ(report.RowsLoaded(), 3);
    auto snap = Snapshot("stg_services");
    ASSERT_EQ(snap.size(), 3u);
    EXPECT_EQ(snap[1], "2|S2|Service 2|20|true|2026-01-01 00:00:00+00|2026-01-01 00:00:00+00|U|2026-11-28 18:00:05+00|"
                       "PostgreSQL_OLTP|" + kBatch1 + "|" + key + "|");
}

TEST_P(LoaderTest, PostgresStagingTablesAreAnalyzedAfterTheLoad) {
    if (GetParam() != "postgres") {
        GTEST_SKIP() << "DuckDB keeps its statistics with the data";
    }
    WriteBatch(lake_, kBatch1,
               {{"services", ServicesColumns(),
                 {"1,CARDIO,Cardiologie,40,t,2026-01-01 00:00:00+00,2026-01-01 00:00:00+00," + Audit(kBatch1)}},
                {"admissions", AdmissionsColumns(), AdmissionLines(kBatch1, 50)}});
    auto report = LoadLake(lake_, *wh_);
    ASSERT_FALSE(report.failure.has_value()) << report.failure->Message();
    // reltuples is -1 for a table never analyzed (PostgreSQL 14+); ANALYZE counts a small table exactly.
    auto counts = wh_->Query(
        "SELECT c.relname, c.reltuples::BIGINT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'staging' AND c.relname LIKE 'stg\\_%' ORDER BY c.relname");
    ASSERT_EQ(counts.RowCount(), 2u);
    EXPECT_EQ(counts.Text(0, 0), "stg_admissions");
    EXPECT_EQ(counts.Int(0, 1), 50);
    EXPECT_EQ(counts.Text(1, 0), "stg_services");
    EXPECT_EQ(counts.Int(1, 1), 1);
    auto analyzed = wh_->Query(
        "SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'staging' AND relname LIKE 'stg\\_%' "
        "AND last_analyze IS NOT NULL ORDER BY relname");
    ASSERT_EQ(analyzed.RowCount(), 2u);
    EXPECT_EQ(analyzed.Text(0, 0), "stg_admissions");
    EXPECT_EQ(analyzed.Text(1, 0), "stg_services");
}

INSTANTIATE_TEST_SUITE_P(Engines, LoaderTest, ::testing::Values("duckdb", "postgres"), db::testing::EngineName);

}  // namespace
}  // namespace hf::load::testing
