// UTC time stamps, from a known instant.
#include <gtest/gtest.h>

#include "common/utc_time.h"

namespace hf {
namespace {

using namespace std::chrono;

// 2026-11-28 18:00:05.012345 UTC (a Saturday).
system_clock::time_point Known() {
    return sys_days{year{2026} / 11 / 28} + hours{18} + seconds{5} + microseconds{12345};
}

TEST(UtcTimeTest, FormatsWithStrftime) {
    EXPECT_EQ(FormatUtc(Known(), "%Y-%m-%dT%H:%M:%SZ"), "2026-11-28T18:00:05Z");
    EXPECT_EQ(FormatUtc(Known(), "%Y%m%dT%H%M%SZ"), "20261128T180005Z");
    EXPECT_EQ(FormatUtc(Known(), "%a"), "Sat");
    EXPECT_EQ(FormatUtc(Known(), ""), "");
}

TEST(UtcTimeTest, WritesMicrosecondsWithTheirLeadingZeros) {
    EXPECT_EQ(FormatUtcMicros(Known()), "2026-11-28 18:00:05.012345");
    EXPECT_EQ(FormatUtcMicros(Known(), true), "2026-11-28T18:00:05.012345");
    EXPECT_EQ(FormatUtcMicros(sys_days{year{2027} / 1 / 1} - microseconds{1}), "2026-12-31 23:59:59.999999");
}

} // namespace
} // namespace hf
