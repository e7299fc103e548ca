#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "common/fs.h"
#include "run_fixture.h"
#include "support/cli_runner.h"

namespace hf::transform::testing {
namespace {

namespace fs = std::filesystem;
using V = std::vector<std::string>;

class RunCli : public ::testing::Test {
protected:
    void SetUp() override {
        Write("dbt_project.yml", "name: p\nprofile: p\n");
        Write("profiles.yml", ProfilesYaml("p", dir_.Path(), "", false, 2));
        Write("seeds/codes.csv", "code,libelle\n1,un\n2,deux\n");
        Write("models/base.sql", "{{ config(materialized='table') }}\nselect code, libelle from {{ ref('codes') }}");
        Write("models/vue.sql", "select * from {{ ref('base') }}");
        Write("models/base.yml",
              "version: 2\nmodels:\n  - name: base\n    columns:\n      - name: code\n        data_tests: [unique]\n");
    }
    void Write(const std::string& rel, const std::string& content) {
        auto path = dir_.Path() / rel;
        fs::create_directories(path.parent_path());
        std::ofstream(path) << content;
    }
    ProcessOutcome Hf(const std::string& command, std::vector<std::string> extra = {}) {
        std::vector<std::string> args = {"transform",          command,          "--project-dir",
                                         dir_.Path().string(), "--profiles-dir", dir_.Path().string()};
        args.insert(args.end(), extra.begin(), extra.end());
        return hf::testing::RunHealthflow(args);
    }
    // stdout lines starting with "<n> of <m>" with the dots and timings cut off.
    static V ProgressLines(const std::string& out) {
        V lines;
        std::istringstream in(out);
        std::string line;
        while (std::getline(in, line)) {
            if (line.find(" of ") != std::string::npos && std::isdigit(static_cast<unsigned char>(line[0]))) {
                std::string head = line.substr(0, line.find(" ."));
                std::string status = line.substr(line.rfind('[') + 1);
                lines.push_back(head + " [" + status.substr(0, status.find(" in ")));
            }
        }
        return lines;
    }
    hf::testing::TempDir dir_;
};

TEST_F(RunCli, BuildPrintsEachNodeAndTheSummary) {
    auto r = Hf("build", {"--threads", "1"});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_EQ(
        ProgressLines(r.out),
        (V{"1 of 4 START seed file main.codes [RUN]", "1 of 4 OK loaded seed file main.codes [INSERT 2",
           "2 of 4 START sql table model main.base [RUN]", "2 of 4 OK created sql table model main.base [SELECT 2",
           "3 of 4 START test unique_base_code [RUN]", "3 of 4 PASS unique_base_code [PASS",
           "4 of 4 START sql view model main.vue [RUN]", "4 of 4 OK created sql view model main.vue [CREATE VIEW"}));
    EXPECT_NE(r.out.find("\nDone. PASS=4 WARN=0 ERROR=0 SKIP=0 TOTAL=4\n"), std::string::npos);

    // Artifacts: run_results.json and manifest.json with the fields dbt tooling reads.
    auto results = nlohmann::json::parse(ReadFile(dir_.Path() / "target/run_results.json").Value());
    EXPECT_EQ(results["metadata"]["dbt_schema_version"], "https://schemas.getdbt.com/dbt/run-results/v6.json");
    EXPECT_EQ(results["metadata"]["invocation_id"].get<std::string>().size(), 36u);
    EXPECT_EQ(results["args"]["which"], "build");
    ASSERT_EQ(results["results"].size(), 4u);
    const auto& seed = results["results"][0];
    EXPECT_EQ(seed["unique_id"], "seed.p.codes");
    EXPECT_EQ(seed["status"], "success");
    EXPECT_EQ(seed["thread_id"], "Thread-1");
    EXPECT_EQ(seed["adapter_response"]["_message"], "INSERT 2");
    EXPECT_EQ(seed["adapter_response"]["rows_affected"], 2);
    EXPECT_EQ(seed["timing"][0]["name"], "compile");
    EXPECT_EQ(seed["timing"][1]["name"], "execute");
    EXPECT_EQ(seed["timing"][1]["completed_at"].get<std::string>().back(), 'Z');
    const auto& test = results["results"][2];
    EXPECT_EQ(test["status"], "pass");
    EXPECT_EQ(test["failures"], 0);
    EXPECT_TRUE(results["elapsed_time"].is_number());

    auto manifest = nlohmann::json::parse(ReadFile(dir_.Path() / "target/manifest.json").Value());
    EXPECT_EQ(manifest["metadata"]["dbt_schema_version"], "https://schemas.getdbt.com/dbt/manifest/v12.json");
    EXPECT_EQ(manifest["metadata"]["invocation_id"], results["metadata"]["invocation_id"]);
    const auto& base = manifest["nodes"]["model.p.base"];
    EXPECT_EQ(base["relation_name"], "\"main\".\"base\"");
    EXPECT_EQ(base["depends_on"]["nodes"], nlohmann::json::array({"seed.p.codes"}));
    EXPECT_EQ(base["config"]["materialized"], "table");
    EXPECT_EQ(base["checksum"]["name"], "sha256");
    EXPECT_EQ(manifest["child_map"]["model.p.base"].size(), 2u);
    EXPECT_EQ(manifest["parent_map"]["model.p.vue"], nlohmann::json::array({"model.p.base"}));
    // The statements run, per node.
    std::string ddl = ReadFile(dir_.Path() / "target/run/p/models/base.sql").Value();
    EXPECT_NE(ddl.find("create table \"main\".\"base__dbt_tmp\" as ("), std::string::npos) << ddl;
    EXPECT_NE(ddl.find("alter table \"main\".\"base__dbt_tmp\" rename to \"base\""), std::string::npos) << ddl;
    EXPECT_TRUE(fs::exists(dir_.Path() / "target/compiled/p/models/vue.sql"));
}

TEST_F(RunCli, AFailureExitsOneAndSkipsDependants) {
    Write("seeds/codes.csv", "code,libelle\n1,un\n1,deux\n");
    auto r = Hf("build");
    EXPECT_EQ(r.exit_code, 1);
    V lines = ProgressLines(r.out);
    EXPECT_EQ(lines.back(), "4 of 4 SKIP relation main.vue [SKIP]");
    EXPECT_NE(std::find(lines.begin(), lines.end(), "3 of 4 FAIL 1 unique_base_code [FAIL 1"), lines.end());
    EXPECT_NE(r.out.find("Failure in test.p.unique_base_code."), std::string::npos);
    EXPECT_NE(r.out.find("Done. PASS=2 WARN=0 ERROR=1 SKIP=1 TOTAL=4"), std::string::npos);
    auto results = nlohmann::json::parse(ReadFile(dir_.Path() / "target/run_results.json").Value());
    EXPECT_EQ(results["results"][2]["status"], "fail");
    EXPECT_EQ(results["results"][2]["failures"], 1);
    EXPECT_EQ(results["results"][3]["status"], "skipped");

    auto seed_only = Hf("seed");
    EXPECT_EQ(seed_only.exit_code, 0);
    auto bad = Hf("run", {"-s", "bogus:x"});
    EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
}

TEST_F(RunCli, HelpListsTheRunOptions) {
    auto r = hf::testing::RunHealthflow({"transform", "build", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    for (const char* flag : {"--full-refresh", "--threads", "--store-failures", "--select", "--exclude", "--target"}) {
        EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
    }
}

} // namespace
} // namespace hf::transform::testing
