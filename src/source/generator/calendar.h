#pragma once

#include <cstdint>
#include <string>

namespace hf::source::generator {

// Civil (local, zone-less) time as used by the hospital's TIMESTAMP columns: days since
// 1970-01-01 and minutes since 1970-01-01 00:00. Plain functions, thread-safe.
constexpr int64_t kMinutesPerDay = 1440;

struct CivilDate {
    int year = 1970;
    int month = 1;  // 1-12
    int day = 1;    // 1-31
};

// Day number of a civil date and back.
int64_t DayNumber(const CivilDate& date);
CivilDate DateOf(int64_t day_number);
// 0 = Monday ... 6 = Sunday.
int Weekday(int64_t day_number);
// Parses YYYY-MM-DD; throws hf::Error INVALID_INPUT with a hint when malformed.
int64_t ParseDay(const std::string& text);
// Today's date in the machine's local time zone.
int64_t TodayLocal();
// Whole years between a birth date and a date (the usual "age" rule).
int AgeInYears(int64_t birth_day, int64_t day);
// The day `years` years before `day` (29 February maps to 28 February).
int64_t YearsBefore(int64_t day, int years);
// Parses "YYYY-MM-DD HH:MM[:SS...]" (PostgreSQL's TIMESTAMP text) to a minute number; INVALID_INPUT if malformed.
int64_t ParseMinute(const std::string& text);
// "YYYY-MM-DD".
std::string FormatDay(int64_t day_number);
// "YYYY-MM-DD HH:MM:SS" for a minute number.
std::string FormatMinute(int64_t minute_number);
// Appends FormatMinute(minute_number) to out without allocating.
void AppendMinute(std::string& out, int64_t minute_number);

}  // namespace hf::source::generator
