#include <gtest/gtest.h>

#include "common/process.h"

namespace hf {
namespace {

TEST(ProcessTest, CapturesOutputAndExitCode) {
    auto out = RunProcess({"sh", "-c", "echo out; echo err >&2; exit 3"}).Value();
    EXPECT_EQ(out.exit_code, 3);
    EXPECT_EQ(out.out, "out\n");
    EXPECT_EQ(out.err, "err\n");
}

TEST(ProcessTest, FeedsStandardInput) {
    ProcessOptions opts;
    opts.stdin_data = std::string(200000, 'x');
    auto out = RunProcess({"wc", "-c"}, opts).Value();
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_EQ(out.out, "200000\n");
}

TEST(ProcessTest, TimeoutKillsTheChild) {
    ProcessOptions opts;
    opts.timeout = std::chrono::seconds(1);
    auto out = RunProcess({"sleep", "30"}, opts).Value();
    EXPECT_TRUE(out.timed_out);
    EXPECT_EQ(out.exit_code, -1);
}

TEST(ProcessTest, MissingProgramExits127) {
    auto out = RunProcess({"/nonexistent/program"}).Value();
    EXPECT_EQ(out.exit_code, 127);
}

}  // namespace
}  // namespace hf
