#include <gtest/gtest.h>

#include "common/error.h"
#include "lake/layout.h"

namespace hf::lake {
namespace {

Instant At(const char* iso) { return ParseIsoMicros(iso); }

TEST(LayoutTest, DataFileKeyFollowsTheContract) {
    EXPECT_EQ(DataFileKey("patients", At("2026-11-28T18:00:05.123456Z"), FileFormat::CSV),
              "bronze/patients/year=2026/month=11/day=28/patients_20261128_180005.csv");
    EXPECT_EQ(DataFileKey("stocks_medicaments", At("2027-01-02T03:04:05Z"), FileFormat::PARQUET),
              "bronze/stocks_medicaments/year=2027/month=01/day=02/stocks_medicaments_20270102_030405.parquet");
}

TEST(LayoutTest, ManifestAndStateKeys) {
    EXPECT_EQ(ManifestKey("20261128T180005Z_3fa91c07"), "bronze/_manifests/20261128T180005Z_3fa91c07.json");
    EXPECT_EQ(ExtractStateKey(), "_state/extract_state.json");
    EXPECT_EQ(TablePrefix("admissions"), "bronze/admissions/");
}

TEST(LayoutTest, BatchIdShape) {
    Instant t = At("2026-11-28T18:00:05.999999Z");
    std::string id = NewBatchId(t);
    EXPECT_EQ(id.substr(0, 17), "20261128T180005Z_");
    EXPECT_EQ(BatchIdSecondPrefix(t), "20261128T180005Z_");
    EXPECT_TRUE(IsBatchId(id)) << id;
    EXPECT_FALSE(IsBatchId("20261128T180005Z_3FA91C07"));
    EXPECT_FALSE(IsBatchId("20261128T180005Z_3fa91c0"));
    EXPECT_TRUE(IsBatchId("20261128T180005Z_3fa91c07"));
    EXPECT_NE(NewBatchId(t), NewBatchId(t));
}

TEST(LayoutTest, IsoInstantsRoundTrip) {
    EXPECT_EQ(FormatIsoMicros(At("2026-11-28T18:00:05.123456Z")), "2026-11-28T18:00:05.123456Z");
    EXPECT_EQ(FormatIsoMicros(At("2026-11-28T18:00:05.9Z")), "2026-11-28T18:00:05.900000Z");
    EXPECT_EQ(FormatIsoMicros(At("2024-02-29T00:00:00Z")), "2024-02-29T00:00:00.000000Z");
    EXPECT_THROW(At("2026-11-28 18:00:05"), Error);
    EXPECT_THROW(At("2026-02-30T00:00:00Z"), Error);
}

TEST(LayoutTest, FormatNames) {
    EXPECT_EQ(ParseFormat("CSV"), FileFormat::CSV);
    EXPECT_EQ(FormatName(ParseFormat("parquet")), "parquet");
    EXPECT_THROW(ParseFormat("json"), Error);
}

}  // namespace
}  // namespace hf::lake
