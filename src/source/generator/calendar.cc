#include "source/generator/calendar.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "common/error.h"

namespace hf::source::generator {

namespace {

void Append2(std::string& out, int v) {
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
}

void AppendDate(std::string& out, const CivilDate& d) {
    Append2(out, d.year / 100);
    Append2(out, d.year % 100);
    out.push_back('-');
    Append2(out, d.month);
    out.push_back('-');
    Append2(out, d.day);
}

}  // namespace

int64_t DayNumber(const CivilDate& date) {
    using namespace std::chrono;
    const year_month_day ymd{year{date.year}, month{static_cast<unsigned>(date.month)},
                             day{static_cast<unsigned>(date.day)}};
    return sys_days{ymd}.time_since_epoch().count();
}

CivilDate DateOf(int64_t day_number) {
    using namespace std::chrono;
    const year_month_day ymd{sys_days{days{day_number}}};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int Weekday(int64_t day_number) {
    using namespace std::chrono;
    return static_cast<int>(weekday{sys_days{days{day_number}}}.iso_encoding()) - 1;
}

int64_t ParseDay(const std::string& text) {
    int y = 0;
    int m = 0;
    int d = 0;
    char extra = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) {
        throw Error(ErrorKind::INVALID_INPUT, "invalid date '" + text + "'", "write dates as YYYY-MM-DD");
    }
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || y < 1900 || y > 9999) {
        throw Error(ErrorKind::INVALID_INPUT, "invalid date '" + text + "'", "write an existing date as YYYY-MM-DD");
    }
    return DayNumber({y, m, d});
}

int64_t ParseMinute(const std::string& text) {
    int h = 0;
    int m = 0;
    if (text.size() < 16 || std::sscanf(text.c_str() + 11, "%2d:%2d", &h, &m) != 2 || h > 23 || m > 59) {
        throw Error(ErrorKind::INVALID_INPUT, "invalid timestamp '" + text + "'", "expected YYYY-MM-DD HH:MM:SS");
    }
    return ParseDay(text.substr(0, 10)) * kMinutesPerDay + h * 60 + m;
}

int64_t TodayLocal() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return DayNumber({local.tm_year + 1900, local.tm_mon + 1, local.tm_mday});
}

int AgeInYears(int64_t birth_day, int64_t day) {
    const CivilDate b = DateOf(birth_day);
    const CivilDate d = DateOf(day);
    int age = d.year - b.year;
    if (d.month < b.month || (d.month == b.month && d.day < b.day)) {
        --age;
    }
    return age;
}

int64_t YearsBefore(int64_t day, int years) {
    CivilDate d = DateOf(day);
    d.year -= years;
    if (d.month == 2 && d.day == 29) {
        d.day = 28;
    }
    return DayNumber(d);
}

std::string FormatDay(int64_t day_number) {
    std::string out;
    AppendDate(out, DateOf(day_number));
    return out;
}

std::string FormatMinute(int64_t minute_number) {
    std::string out;
    AppendMinute(out, minute_number);
    return out;
}

void AppendMinute(std::string& out, int64_t minute_number) {
    int64_t day = minute_number / kMinutesPerDay;
    int64_t minute = minute_number % kMinutesPerDay;
    if (minute < 0) {
        minute += kMinutesPerDay;
        --day;
    }
    AppendDate(out, DateOf(day));
    out.push_back(' ');
    Append2(out, static_cast<int>(minute / 60));
    out.push_back(':');
    Append2(out, static_cast<int>(minute % 60));
    out.append(":00");
}

}  // namespace hf::source::generator
