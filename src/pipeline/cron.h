#pragma once

#include <bitset>
#include <string>

#include "pipeline/clock.h"

namespace hf::pipeline {

// A standard 5-field cron expression (minute hour day-of-month month day-of-week) with lists
// (1,15), ranges (1-5), steps (*/15, 8-18/2), month and day names (jan, mon), 7 for Sunday,
// and the shorthands @hourly, @daily (@midnight), @weekly, @monthly, @yearly (@annually).
// As in cron, when both day fields are restricted a day matches either. Immutable value.
class CronExpression {
public:
    // Throws INVALID_INPUT naming the bad field and what it accepts.
    static CronExpression Parse(const std::string& text);

    const std::string& Text() const { return text_; }

    // True when the local wall time matches (month 1-12, weekday 0 = Sunday).
    bool Matches(int month, int day, int weekday, int hour, int minute) const;

    // The first instant strictly after `after` at which the expression fires, evaluated in the
    // process's time zone (see UseTimeZone). Like cron across DST changes: a time that does not
    // exist (spring forward) fires once at the first minute after the gap; a fixed-hour time that
    // exists twice (fall back) fires once, at its first occurrence, while hour wildcards (*, */2)
    // fire in both repeated hours, since both are real hours. Throws INVALID_INPUT when it never
    // fires within 5 years (e.g. 30 February).
    Instant NextAfter(Instant after) const;

private:
    std::string text_;
    std::bitset<60> minutes_;
    std::bitset<24> hours_;
    std::bitset<32> days_;      // 1-31
    std::bitset<13> months_;    // 1-12
    std::bitset<7> weekdays_;   // 0 = Sunday
    bool hour_restricted_ = false;  // a fixed hour: a repeated wall time fires once
    bool day_restricted_ = false;
    bool weekday_restricted_ = false;
};

// Makes `zone` (an IANA name such as Europe/Paris, from /usr/share/zoneinfo) the process's
// local time zone for localtime_r/mktime. Call before starting threads. Throws INVALID_INPUT
// for an unknown zone.
void UseTimeZone(const std::string& zone);

// The local calendar date of `instant` in the process's time zone, "YYYY-MM-DD".
std::string LocalDate(Instant instant);

// Local wall time "YYYY-MM-DD HH:MM TZ" of `instant`, for messages.
std::string LocalTimeText(Instant instant);

// Checks and normalises a "YYYY-MM-DD" date; throws INVALID_INPUT.
std::string CheckDate(const std::string& text);
// The day after a "YYYY-MM-DD" date.
std::string NextDate(const std::string& date);

}  // namespace hf::pipeline
