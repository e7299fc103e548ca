#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "common/fs.h"
#include "common/process.h"
#include "pipeline/airflow_dag.h"
#include "pipeline/daily_dag.h"
#include "pipeline_fixture.h"
#include "support/cli_runner.h"

namespace hf::pipeline::testing {
namespace {

std::vector<std::string> DailyIds() {
    std::vector<std::string> ids;
    for (const auto& t : BuildDailyDag(Config::Defaults(), false)) {
        ids.push_back(t.id);
    }
    return ids;
}

TEST(AirflowTest, ExportedDagCompilesAndCallsRealSubcommands) {
    hf::testing::TempDir dir;
    auto file = dir.Path() / "healthflow_dag.py";
    auto out = hf::testing::RunHealthflow(
        {"--data-dir", dir.Path().string(), "airflow-dag", "--output", file.string(), "--cron", "0 6 * * *"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    auto text = ReadFile(file).Value();
    auto compiled = RunProcess({"python3", "-m", "py_compile", file.string()}).Value();
    EXPECT_EQ(compiled.exit_code, 0) << compiled.err;

    EXPECT_NE(text.find("\"retries\": 2,"), std::string::npos) << text;
    EXPECT_NE(text.find("\"retry_delay\": timedelta(seconds=300),"), std::string::npos);
    EXPECT_NE(text.find("schedule_interval=\"0 6 * * *\","), std::string::npos);
    EXPECT_NE(text.find("start_date=pendulum.datetime(2026, 1, 1, tz=\"Europe/Paris\"),"), std::string::npos);
    EXPECT_NE(text.find("catchup=False,"), std::string::npos);
    EXPECT_NE(text.find("    extract >> load_patients\n"), std::string::npos);
    EXPECT_NE(text.find("    transform_run >> transform_test\n"), std::string::npos);

    // One BashOperator per task, each a `healthflow run --task` of a task the binary knows.
    std::regex command(R"re(bash_command=f"\{HEALTHFLOW\} run --task ([a-z_.]+) --date \{LOGICAL_DATE\} --trigger schedule --wait 3600")re");
    std::vector<std::string> ids;
    for (std::sregex_iterator it(text.begin(), text.end(), command), end; it != end; ++it) {
        ids.push_back((*it)[1].str());
    }
    auto expected = DailyIds();
    std::sort(ids.begin(), ids.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(ids, expected);
    auto listed = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "run", "--list"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    for (const auto& id : ids) {
        EXPECT_NE(listed.out.find(id + " "), std::string::npos) << id;
    }
    auto help = hf::testing::RunHealthflow({"run", "--help"});
    EXPECT_NE(help.out.find("--task"), std::string::npos);
    EXPECT_NE(help.out.find("--trigger"), std::string::npos);
    EXPECT_NE(help.out.find("--wait"), std::string::npos);
}

TEST(AirflowTest, BadScheduleIsRefused) {
    hf::testing::TempDir dir;
    auto out = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "airflow-dag", "--cron", "0 6 * *"});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_EQ(out.err, "error: cron expression '0 6 * *' has 4 fields, not 5 (hint: write minute hour day-of-month "
                       "month day-of-week, e.g. '0 6 * * *' (06:00 every day))\n");
}

}  // namespace
}  // namespace hf::pipeline::testing
