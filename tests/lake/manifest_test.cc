#include <gtest/gtest.h>

#include "common/error.h"
#include "lake/manifest.h"

namespace hf::lake {
namespace {

Manifest Sample() {
    Manifest m;
    m.batch_id = "20261128T180005Z_3fa91c07";
    m.mode = "incremental";
    m.format = "csv";
    m.extracted_at = "2026-11-28T18:00:05.123456Z";
    ManifestFile f;
    f.table = "patients";
    f.key = "bronze/patients/year=2026/month=11/day=28/patients_20261128_180005.csv";
    f.mode = "incremental";
    f.rows = 16012;
    f.tombstones = 3;
    f.bytes = 2345678;
    f.sha256 = std::string(64, 'a');
    f.columns = {{"id", "integer"}, {"nom", "character varying(100)"}};
    f.watermark_from = "2026-11-27T18:00:00.000000Z";
    f.watermark_to = "2026-11-28T18:00:04.900000Z";
    m.files.push_back(f);
    f.table = "services";
    f.watermark_from.reset();
    f.mode = "full";
    m.files.push_back(f);
    return m;
}

TEST(ManifestTest, RoundTripsThroughJson) {
    Manifest m = Sample();
    EXPECT_EQ(Manifest::FromJson(m.ToJson(), "test"), m);
}

TEST(ManifestTest, WritesTheContractFields) {
    std::string json = Sample().ToJson();
    EXPECT_NE(json.find("\"format_version\": 1"), std::string::npos);
    EXPECT_NE(json.find("\"source_system\": \"PostgreSQL_OLTP\""), std::string::npos);
    EXPECT_NE(json.find("\"watermark_from\": null"), std::string::npos);
    EXPECT_NE(json.find("\"tombstones\": 3"), std::string::npos);
}

TEST(ManifestTest, RejectsMalformedAndFutureVersions) {
    try {
        Manifest::FromJson("{\"format_version\": 1}", "bronze/_manifests/x.json");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::DATA);
        EXPECT_NE(e.Message().find("bronze/_manifests/x.json"), std::string::npos);
    }
    EXPECT_THROW(Manifest::FromJson("{\"format_version\": 2}", "x"), Error);
    EXPECT_THROW(Manifest::FromJson("not json", "x"), Error);
}

}  // namespace
}  // namespace hf::lake
