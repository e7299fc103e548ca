#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/process.h"
#include "support/temp_dir.h"
#include "transform/project/project_location.h"

namespace hf::transform {
namespace {

namespace fs = std::filesystem;

// Runs the built binary from `cwd` with a data folder of its own.
ProcessOutcome RunIn(const fs::path& binary, const fs::path& cwd, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {binary.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.working_dir = cwd.string();
    options.extra_env = {{"HEALTHFLOW_DATA_DIR", (cwd / ".healthflow").string()}};
    return RunProcess(argv, options).Value();
}

class ProjectLocation : public ::testing::Test {
protected:
    void SetUp() override {
        binary_ = std::getenv("HF_BINARY");
        source_ = std::getenv("HF_SOURCE_DIR");
        cwd_ = dir_.Path() / "elsewhere";
        fs::create_directories(cwd_);
    }

    // The model names of the project `args` designate, as `transform ls` prints them from `cwd`.
    ProcessOutcome ListModels(const fs::path& cwd, std::vector<std::string> args = {}) {
        std::vector<std::string> all = {"transform", "ls", "--resource-type", "model", "--output", "name"};
        all.insert(all.end(), args.begin(), args.end());
        return RunIn(binary_, cwd, all);
    }

    // Copies the small example project to `dir`.
    void CopyExampleProject(const fs::path& dir) {
        fs::create_directories(dir.parent_path());
        fs::copy(source_ / "tests/transform/example_project", dir, fs::copy_options::recursive);
        fs::remove_all(dir / "target");
    }

    hf::testing::TempDir dir_;
    fs::path binary_;
    fs::path source_;
    fs::path cwd_;
};

const std::string kExampleModels =
    "journal_admissions\nstg_admissions\nstg_patients\nstg_services\nstg_stocks\nalertes_stock\ndim_patients\n"
    "int_sejours\nfct_sejours\nkpi_occupation\n";

TEST_F(ProjectLocation, FromAnotherFolderTheSourceTreeProjectIsFound) {
    auto explicit_run = ListModels(cwd_, {"--project-dir", (source_ / "warehouse").string()});
    ASSERT_EQ(explicit_run.exit_code, 0) << explicit_run.err;
    ASSERT_NE(explicit_run.out.find("\ndim_patients_scd\n"), std::string::npos) << explicit_run.out;
    auto found = ListModels(cwd_);
    ASSERT_EQ(found.exit_code, 0) << found.err;
    EXPECT_EQ(found.out, explicit_run.out);
    EXPECT_FALSE(fs::exists(cwd_ / "warehouse"));
}

TEST_F(ProjectLocation, TheCurrentFolderComesFirst) {
    CopyExampleProject(cwd_ / "warehouse");
    auto found = ListModels(cwd_);
    ASSERT_EQ(found.exit_code, 0) << found.err;
    EXPECT_EQ(found.out, kExampleModels);
}

TEST_F(ProjectLocation, TheInstalledProjectComesBeforeTheSourceTree) {
    const fs::path prefix = dir_.Path() / "prefix";
    fs::create_directories(prefix / "bin");
    std::error_code ec;
    fs::create_hard_link(binary_, prefix / "bin/healthflow", ec);  // a symbolic link would resolve to the build
    if (ec) {
        fs::copy_file(binary_, prefix / "bin/healthflow");
    }
    CopyExampleProject(prefix / "share/healthflow/warehouse");
    auto found = RunIn(prefix / "bin/healthflow", cwd_,
                       {"transform", "ls", "--resource-type", "model", "--output", "name"});
    ASSERT_EQ(found.exit_code, 0) << found.err;
    EXPECT_EQ(found.out, kExampleModels);
}

TEST_F(ProjectLocation, AnExplicitWrongFolderFailsNamingIt) {
    const fs::path wrong = dir_.Path() / "nope";
    auto failed = ListModels(cwd_, {"--project-dir", wrong.string()});
    EXPECT_EQ(failed.exit_code, 1);
    EXPECT_EQ(failed.out, "");
    EXPECT_NE(failed.err.find("no dbt_project.yml in " + wrong.string()), std::string::npos) << failed.err;
    auto relative = ListModels(cwd_, {"--project-dir", "warehouse"});
    EXPECT_EQ(relative.exit_code, 1);
    EXPECT_NE(relative.err.find("no dbt_project.yml in " + (cwd_ / "warehouse").string()), std::string::npos)
        << relative.err;
}

TEST(ResolveProjectDir, AnExplicitFolderIsUsedAsGiven) {
    EXPECT_EQ(ResolveProjectDir(fs::path("some/where")), fs::path("some/where"));
    EXPECT_EQ(ResolveProjectDir(fs::path("/no/such/project")), fs::path("/no/such/project"));
}

TEST(ResolveProjectDir, DefaultCandidatesStartWithTheCurrentFolder) {
    auto candidates = DefaultProjectCandidates();
    ASSERT_GE(candidates.size(), 2u);
    EXPECT_EQ(candidates[0], fs::current_path() / "warehouse");
    EXPECT_EQ(candidates[1].filename(), "warehouse");
    EXPECT_EQ(candidates[1].parent_path().filename(), "healthflow");
    EXPECT_EQ(candidates.back(), fs::path(std::getenv("HF_SOURCE_DIR")) / "warehouse");
}

}  // namespace
}  // namespace hf::transform
