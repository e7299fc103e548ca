#include "common/hash.h"
#include "extract/extract_state.h"
#include "extract_fixture.h"
#include "lake/layout.h"
#include "lake/s3_object_store.h"
#include "s3_test_server.h"

namespace hf::extract::testing {
namespace {

TEST_F(ExtractTest, BatchesGoToAnS3BucketTheSameWay) {
    SetUpSource("extract_s3");
    auto bucket = lake::OpenS3ObjectStore(::hf::testing::S3TestServer::Instance().Options("extract-s3"));
    ExtractOptions options;
    options.safety_margin = std::chrono::microseconds(0);
    options.lock_timeout = std::chrono::milliseconds(0);
    options.mode = ExtractMode::INCREMENTAL;
    auto full = ExtractBatch(*conn_, *bucket, options);
    EXPECT_EQ(full.manifest.mode, "full");

    conn_->Exec("UPDATE patients SET mutuelle = 'MGEN' WHERE id = 2; DELETE FROM admissions WHERE id = 1");
    auto inc = ExtractBatch(*conn_, *bucket, options);
    EXPECT_EQ(inc.manifest.mode, "incremental");
    EXPECT_EQ(FileOf(inc, "patients").rows, 1u);
    EXPECT_EQ(FileOf(inc, "admissions").rows, 1u);
    EXPECT_EQ(FileOf(inc, "admissions").tombstones, 1u);

    auto manifests = bucket->List(lake::ManifestPrefix()).Value();
    ASSERT_EQ(manifests.size(), 2u);
    EXPECT_EQ(manifests[1].key, inc.manifest_key);
    EXPECT_EQ(lake::Manifest::FromJson(bucket->Get(inc.manifest_key).Value(), inc.manifest_key), inc.manifest);
    for (const auto* report : {&full, &inc}) {
        for (const auto& file : report->manifest.files) {
            std::string content = bucket->Get(file.key).Value();
            EXPECT_EQ(content.size(), file.bytes) << file.key;
            EXPECT_EQ(Sha256Hex(content), file.sha256) << file.key;
            EXPECT_EQ(SplitRecords(content).size(), file.rows + 1) << file.key;
        }
    }
    EXPECT_EQ(SplitRecords(bucket->Get(FileOf(inc, "admissions").key).Value())[1].substr(0, 14), "1,,,,,,,,,,,D,");
    EXPECT_EQ(ExtractState::Load(*bucket).Watermark("patients"), FileOf(inc, "patients").watermark_to);
    EXPECT_FALSE(bucket->Exists(lake::ExtractLockKey()).Value());
}

}  // namespace
}  // namespace hf::extract::testing
