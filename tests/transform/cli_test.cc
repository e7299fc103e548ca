#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <algorithm>
#include "support/temp_dir.h"

namespace hf::transform {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs `healthflow <args>` and returns (exit code, stdout).
std::pair<int, std::string> RunHealthflow(const std::string& args) {
    const char* bin = std::getenv("HF_BINARY");
    std::string cmd = std::string(bin ? bin : "healthflow") + " " + args + " 2>/dev/null";
    std::string out;
    FILE* pipe = popen(cmd.c_str(), "r");
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) {
        out.append(buf, n);
    }
    int status = pclose(pipe);
    return {WEXITSTATUS(status), out};
}

class TransformCli : public ::testing::Test {
protected:
    void SetUp() override {
        source_ = fs::path(std::getenv("HF_SOURCE_DIR")) / "tests/transform";
        project_ = dir_.Path() / "example_project";
        fs::copy(source_ / "example_project", project_, fs::copy_options::recursive);
        fs::remove_all(project_ / "target");
        ::unsetenv("HF_EXAMPLE_ETABLISSEMENT");
    }

    std::string Flags() const { return "--project-dir " + project_.string() + " --profiles-dir " + project_.string(); }
    fs::path Compiled(const std::string& rel) const {
        return project_ / "target/compiled/healthflow_example" / rel;
    }
    std::string Golden(const std::string& name) const { return Slurp(source_ / "golden" / name); }

    hf::testing::TempDir dir_;
    fs::path source_;
    fs::path project_;
};

TEST_F(TransformCli, CompileWritesEveryNodeForDuckDb) {
    auto [rc, out] = RunHealthflow("transform compile " + Flags());
    ASSERT_EQ(rc, 0) << out;
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 31);
    EXPECT_EQ(Slurp(Compiled("models/staging/stg_patients.sql")), Golden("duckdb_stg_patients.sql"));
    EXPECT_EQ(Slurp(Compiled("models/marts/fct_sejours.sql")), Golden("duckdb_fct_sejours.sql"));
    EXPECT_EQ(Slurp(Compiled("models/marts/kpi_occupation.sql")), Golden("duckdb_kpi_occupation.sql"));
    EXPECT_EQ(Slurp(Compiled("models/core/dim_patients.sql")), Golden("duckdb_dim_patients.sql"));
    EXPECT_EQ(Slurp(Compiled("models/staging/_staging.yml/not_null_stg_admissions_cout_total.sql")),
              Golden("duckdb_not_null_stg_admissions_cout_total.sql"));
    EXPECT_EQ(Slurp(Compiled("snapshots/snapshots.yml/snap_stocks.sql")), Golden("duckdb_snap_stocks.sql"));
    EXPECT_FALSE(fs::exists(Compiled("seeds/motifs.csv")));
}

TEST_F(TransformCli, CompileForPostgresWithSelection) {
    auto [rc, out] = RunHealthflow("transform compile " + Flags() + " --target postgres -s +fct_sejours dim_patients --exclude "
                                                          "resource_type:test");
    ASSERT_EQ(rc, 0) << out;
    EXPECT_EQ(Slurp(Compiled("models/marts/fct_sejours.sql")), Golden("postgres_fct_sejours.sql"));
    EXPECT_EQ(Slurp(Compiled("models/core/dim_patients.sql")), Golden("postgres_dim_patients.sql"));
    EXPECT_FALSE(fs::exists(Compiled("models/marts/kpi_occupation.sql")));
}

TEST_F(TransformCli, LsListsSelectionInDependencyOrder) {
    auto [rc, out] = RunHealthflow("transform ls " + Flags() + " -s +kpi_occupation --exclude resource_type:test");
    ASSERT_EQ(rc, 0);
    EXPECT_EQ(out, Golden("ls_plus_kpi_occupation.txt"));
    auto [rc2, names] = RunHealthflow("transform ls " + Flags() + " -s tag:finance --output name --resource-type model");
    EXPECT_EQ(names, "fct_sejours\n");
}

TEST_F(TransformCli, ErrorsExitNonZeroWithTheLocation) {
    std::ofstream(project_ / "models/marts/broken.sql") << "select\n{{ nom | slugify }}\n";
    const char* bin = std::getenv("HF_BINARY");
    std::string cmd = std::string(bin) + " transform compile " + Flags() + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    char buf[4096];
    std::string out;
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) {
        out.append(buf, n);
    }
    int status = pclose(pipe);
    EXPECT_EQ(WEXITSTATUS(status), 2);
    EXPECT_NE(out.find("error: models/marts/broken.sql:2: unknown filter 'slugify'"), std::string::npos) << out;
}

}  // namespace
}  // namespace hf::transform
