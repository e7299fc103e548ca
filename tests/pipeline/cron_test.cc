#include <gtest/gtest.h>

#include "pipeline/cron.h"
#include "pipeline/scheduler.h"
#include "pipeline_fixture.h"

namespace hf::pipeline::testing {
namespace {

// Fires the scheduler `n` times from `start` on a manual clock; returns "instant date" lines.
std::vector<std::string> Fires(const std::string& cron, const std::string& start, int n) {
    ManualClock clock(ParseInstant(start));
    SchedulerOptions options;
    options.clock = &clock;
    options.max_fires = n;
    std::vector<std::string> out;
    options.fire = [&](Instant slot, const std::string& date) {
        EXPECT_EQ(clock.Now(), slot);
        out.push_back(FormatInstant(slot) + " " + date);
    };
    EXPECT_EQ(RunScheduler(CronExpression::Parse(cron), options, {}), n);
    return out;
}

class CronTest : public ::testing::Test {
protected:
    void SetUp() override { UseTimeZone("Europe/Paris"); }
};

TEST_F(CronTest, DailyAtSixFiresAtSixParisTime) {
    EXPECT_EQ(Fires("0 6 * * *", "2026-12-04T10:00:00Z", 3),
              (std::vector<std::string>{"2026-12-05T05:00:00Z 2026-12-05", "2026-12-06T05:00:00Z 2026-12-06",
                                        "2026-12-07T05:00:00Z 2026-12-07"}));
    EXPECT_EQ(Fires("@daily", "2026-07-01T21:59:00Z", 2),
              (std::vector<std::string>{"2026-07-01T22:00:00Z 2026-07-02", "2026-07-02T22:00:00Z 2026-07-03"}));
}

TEST_F(CronTest, SpringForwardFiresTheSkippedTimeOnceAfterTheGap) {
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist that day.
    EXPECT_EQ(Fires("30 2 * * *", "2026-03-27T12:00:00Z", 4),
              (std::vector<std::string>{"2026-03-28T01:30:00Z 2026-03-28", "2026-03-29T01:00:00Z 2026-03-29",
                                        "2026-03-30T00:30:00Z 2026-03-30", "2026-03-31T00:30:00Z 2026-03-31"}));
    // Every 20 minutes: 01:40 CET, then the skipped 02:00-02:40 collapse into one fire at 03:00 CEST.
    EXPECT_EQ(Fires("*/20 * * * *", "2026-03-29T00:30:00Z", 3),
              (std::vector<std::string>{"2026-03-29T00:40:00Z 2026-03-29", "2026-03-29T01:00:00Z 2026-03-29",
                                        "2026-03-29T01:20:00Z 2026-03-29"}));
}

TEST_F(CronTest, FallBackFiresARepeatedFixedTimeOnceButEveryRealHour) {
    // 25 October 2026: 03:00 CEST goes back to 02:00 CET; 02:30 happens twice.
    EXPECT_EQ(Fires("30 2 * * *", "2026-10-23T12:00:00Z", 3),
              (std::vector<std::string>{"2026-10-24T00:30:00Z 2026-10-24", "2026-10-25T00:30:00Z 2026-10-25",
                                        "2026-10-26T01:30:00Z 2026-10-26"}));
    EXPECT_EQ(Fires("@hourly", "2026-10-24T23:30:00Z", 3),
              (std::vector<std::string>{"2026-10-25T00:00:00Z 2026-10-25", "2026-10-25T01:00:00Z 2026-10-25",
                                        "2026-10-25T02:00:00Z 2026-10-25"}));
}

TEST_F(CronTest, ListsRangesStepsAndNames) {
    auto cron = CronExpression::Parse("*/15 8-18/2 * jan-mar MON-fri");
    EXPECT_TRUE(cron.Matches(1, 5, 1, 8, 45));
    EXPECT_TRUE(cron.Matches(3, 5, 5, 18, 0));
    EXPECT_FALSE(cron.Matches(3, 5, 5, 9, 0));
    EXPECT_FALSE(cron.Matches(4, 5, 5, 8, 0));
    EXPECT_FALSE(cron.Matches(1, 5, 6, 8, 0));
    EXPECT_FALSE(cron.Matches(1, 5, 1, 8, 10));
    auto sunday = CronExpression::Parse("0 0 * * 7");
    EXPECT_TRUE(sunday.Matches(1, 4, 0, 0, 0));
    // Both day fields restricted: either matches (the 1st, or any Monday).
    auto either = CronExpression::Parse("0 12 1 * mon");
    EXPECT_TRUE(either.Matches(6, 1, 3, 12, 0));
    EXPECT_TRUE(either.Matches(6, 8, 1, 12, 0));
    EXPECT_FALSE(either.Matches(6, 9, 2, 12, 0));
    EXPECT_EQ(Fires("0 9 1,15 * *", "2026-12-02T00:00:00Z", 2),
              (std::vector<std::string>{"2026-12-15T08:00:00Z 2026-12-15", "2027-01-01T08:00:00Z 2027-01-01"}));
}

TEST_F(CronTest, MalformedExpressionsAreRefusedWithTheFieldAtFault) {
    auto message = [](const std::string& text) {
        try {
            CronExpression::Parse(text);
        } catch (const Error& e) {
            EXPECT_EQ(e.Kind(), ErrorKind::INVALID_INPUT);
            return e.Message();
        }
        return std::string("accepted");
    };
    EXPECT_EQ(message("0 6 * *"), "cron expression '0 6 * *' has 4 fields, not 5");
    EXPECT_EQ(message("61 6 * * *"), "cron expression '61 6 * * *': minute field '61' is out of range (0-59)");
    EXPECT_EQ(message("0 24 * * *"), "cron expression '0 24 * * *': hour field '24' is out of range (0-23)");
    EXPECT_EQ(message("0 6 * foo *"), "cron expression '0 6 * foo *': month field 'foo' is not a number");
    EXPECT_EQ(message("0 6 * * 1-x"), "cron expression '0 6 * * 1-x': day-of-week field 'x' is not a number");
    EXPECT_EQ(message("*/0 6 * * *"), "cron expression '*/0 6 * * *': minute field '0' is out of range (1-59)");
    EXPECT_EQ(message("0 6 5-1 * *"),
              "cron expression '0 6 5-1 * *': day-of-month field '5-1' is a range that ends before it starts");
    EXPECT_EQ(message("0 6 1,,2 * *"), "cron expression '0 6 1,,2 * *': day-of-month field '1,,2' has an empty list element");
    EXPECT_EQ(message("@fortnightly"), "unknown cron shorthand '@fortnightly'");
    try {
        CronExpression::Parse("0 0 30 2 *").NextAfter(ParseInstant("2026-01-01T00:00:00Z"));
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.Message(), "cron expression '0 0 30 2 *' never fires in the next 5 years");
    }
}

TEST_F(CronTest, CatchUpFiresMissedSlotsAtOnceThenWaits) {
    ManualClock clock(ParseInstant("2026-12-04T10:00:00Z"));
    SchedulerOptions options;
    options.clock = &clock;
    options.catch_up = true;
    options.last_fired = ParseInstant("2026-12-02T05:00:00Z");
    options.max_fires = 3;
    std::vector<std::string> out;
    options.fire = [&](Instant slot, const std::string& date) {
        out.push_back(FormatInstant(slot) + " " + date + " at " + FormatInstant(clock.Now()));
    };
    RunScheduler(CronExpression::Parse("0 6 * * *"), options, {});
    EXPECT_EQ(out, (std::vector<std::string>{"2026-12-03T05:00:00Z 2026-12-03 at 2026-12-04T10:00:00Z",
                                             "2026-12-04T05:00:00Z 2026-12-04 at 2026-12-04T10:00:00Z",
                                             "2026-12-05T05:00:00Z 2026-12-05 at 2026-12-05T05:00:00Z"}));
    // Without catch-up the missed slots are dropped.
    options.catch_up = false;
    options.max_fires = 1;
    out.clear();
    RunScheduler(CronExpression::Parse("0 6 * * *"), options, {});
    EXPECT_EQ(out, (std::vector<std::string>{"2026-12-06T05:00:00Z 2026-12-06 at 2026-12-06T05:00:00Z"}));
}

TEST_F(CronTest, DatesAndZones) {
    EXPECT_EQ(NextDate("2026-12-31"), "2027-01-01");
    EXPECT_EQ(NextDate("2028-02-28"), "2028-02-29");
    EXPECT_THROW(CheckDate("2026-02-30"), Error);
    EXPECT_THROW(CheckDate("04/12/2026"), Error);
    EXPECT_EQ(LocalDate(ParseInstant("2026-12-04T23:30:00Z")), "2026-12-05");
    try {
        UseTimeZone("Europe/Atlantis");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.Message(), "unknown time zone 'Europe/Atlantis'");
    }
}

}  // namespace
}  // namespace hf::pipeline::testing
