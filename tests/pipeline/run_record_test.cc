#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/config.h"
#include "pipeline/run_metrics.h"
#include "pipeline/run_record.h"

namespace hf::pipeline::testing {
namespace {

RunRecord Sample() {
    RunRecord run;
    run.run_id = "20261204T050000123Z_schedule";
    run.logical_date = "2026-12-04";
    run.trigger = Trigger::SCHEDULE;
    run.state = RunState::SUCCESS;
    run.started_at = ParseInstant("2026-12-04T05:00:00Z");
    run.ended_at = ParseInstant("2026-12-04T05:00:03Z");
    run.tasks = {TaskRecord{"extract.patients", TaskState::SUCCESS, 2, run.started_at, run.ended_at, 1000, 1000,
                            "runs/20261204T050000123Z_schedule/extract.patients.log", "", {}}};
    run.metrics.records_processed = 1000;
    run.metrics.latency_seconds = 3.0;
    run.metrics.tests_passed = 12;
    run.metrics.tests_total = 12;
    return run;
}

TEST(RunRecordTest, JsonHasExactlyTheDocumentedShape) {
    auto doc = nlohmann::json::parse(Sample().ToJson());
    auto expected = nlohmann::json::parse(R"({
      "run_id": "20261204T050000123Z_schedule", "logical_date": "2026-12-04", "trigger": "schedule",
      "state": "success", "started_at": "2026-12-04T05:00:00.000Z", "ended_at": "2026-12-04T05:00:03.000Z",
      "tasks": [{"task_id": "extract.patients", "state": "success", "attempts": 2,
                 "started_at": "2026-12-04T05:00:00.000Z", "ended_at": "2026-12-04T05:00:03.000Z",
                 "rows_in": 1000, "rows_out": 1000,
                 "log": "runs/20261204T050000123Z_schedule/extract.patients.log", "error": "", "depends_on": []}],
      "metrics": {"records_processed": 1000, "latency_seconds": 3.0, "transform_seconds": null,
                  "tests_passed": 12, "tests_total": 12, "warehouse_bytes": null, "scd2_versions": null}})");
    EXPECT_EQ(doc, expected);
    EXPECT_EQ(RunRecord::FromJson(Sample().ToJson(), "x").ToJson(), Sample().ToJson());
}

TEST(RunRecordTest, InstantsKeepTheirMilliseconds) {
    Instant t = ParseInstant("2026-12-04T05:00:00.250Z");
    EXPECT_EQ(FormatInstantMillis(t), "2026-12-04T05:00:00.250Z");
    EXPECT_EQ(FormatInstant(t), "2026-12-04T05:00:00Z");
    EXPECT_EQ(ParseInstant("2026-12-04T05:00:00Z"), t - std::chrono::milliseconds(250));
    EXPECT_THROW(ParseInstant("2026-12-04 05:00:00"), Error);
}

TEST(RunRecordTest, RunIdsSortByStartTime) {
    EXPECT_EQ(RunStore::NewRunId(ParseInstant("2026-12-04T05:00:00Z") + std::chrono::milliseconds(7), Trigger::MANUAL),
              "20261204T050000007Z_manual");
    EXPECT_THROW(RunRecord::FromJson("{\"run_id\": 3}", "run.json"), Error);
}

TEST(RunRecordTest, RecordsProcessedAreTheRowsExtractedInEitherShape) {
    RunRecord run = Sample();
    run.tasks.push_back(TaskRecord{"extract", TaskState::SUCCESS, 1, run.started_at, run.ended_at, 58, 58, "", "", {}});
    run.tasks.push_back(TaskRecord{"load.patients", TaskState::SUCCESS, 1, run.started_at, run.ended_at, 9, 9, "", "", {}});
    run.tasks.push_back(TaskRecord{"transform.run", TaskState::SUCCESS, 1, run.started_at,
                                   *run.started_at + std::chrono::milliseconds(1500), 0, 0, "", "", {}});
    auto m = MeasureRun(Config::Defaults().With("warehouse.engine", "postgres").With("warehouse.url", "postgresql://x@127.0.0.1:9/w"),
                        run, {{"tests_passed", 11}, {"tests_total", 12}});
    EXPECT_EQ(m.records_processed, 1058);
    EXPECT_EQ(m.latency_seconds, 3.0);
    EXPECT_EQ(m.transform_seconds, 1.5);
    EXPECT_EQ(m.tests_passed, 11);
    EXPECT_EQ(m.tests_total, 12);
    EXPECT_EQ(m.warehouse_bytes, std::nullopt);  // the warehouse cannot be reached: not measured
}

TEST(RunRecordTest, StatsOverTheLastThirtyRuns) {
    std::vector<RunRecord> runs;
    for (int i = 0; i < 40; ++i) {
        RunRecord r = Sample();
        r.state = i % 10 == 9 ? RunState::FAILED : RunState::SUCCESS;
        r.metrics.latency_seconds = 1.0 + i;
        runs.push_back(r);
    }
    auto s = ComputeStats(runs);
    EXPECT_EQ(s.window, 30u);
    EXPECT_EQ(s.runs, 30);
    EXPECT_EQ(s.succeeded, 27);
    EXPECT_EQ(s.failed, 3);
    EXPECT_DOUBLE_EQ(s.success_rate, 90.0);
    EXPECT_EQ(s.last_success.latency_seconds, 39.0);  // run 38 is the last success
    EXPECT_EQ(s.last_success.records_processed, 1000);
    EXPECT_EQ(s.last_success.tests_passed, 12);
}

}  // namespace
}  // namespace hf::pipeline::testing
