#include "pipeline/cron.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <vector>

#include "common/error.h"
#include "common/strings.h"

namespace hf::pipeline {

namespace {

const char* const kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};
const char* const kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

Error FieldError(const std::string& expression, const std::string& field, const std::string& part,
                 const std::string& why) {
    return Error(ErrorKind::INVALID_INPUT,
                 "cron expression '" + expression + "': " + field + " field '" + part + "' " + why,
                 "use 5 fields (minute hour day-of-month month day-of-week), e.g. '0 6 * * *', or @daily / @hourly; "
                 "fields take *, lists (1,15), ranges (1-5), steps (*/15) and names (jan, mon)");
}

int ParseValue(const std::string& expression, const std::string& field, const std::string& text, int low, int high,
               const char* const* names, int name_count) {
    std::string lower;
    for (char c : text) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (int i = 0; names && i < name_count; ++i) {
        if (lower == names[i]) {
            return i + (names == kMonthNames ? 1 : 0);
        }
    }
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) {
        throw FieldError(expression, field, text, "is not a number");
    }
    int value = std::atoi(text.c_str());
    if (value < low || value > high) {
        throw FieldError(expression, field, text,
                         "is out of range (" + std::to_string(low) + "-" + std::to_string(high) + ")");
    }
    return value;
}

// Parses one field into the set of allowed values; returns true when it is restricted (not *).
template <size_t N>
bool ParseField(const std::string& expression, const std::string& field, const std::string& text, int low, int high,
                const char* const* names, int name_count, std::bitset<N>& out) {
    bool restricted = text != "*" && text.rfind("*/", 0) != 0;
    for (const auto& part : Split(text, ',')) {
        if (part.empty()) {
            throw FieldError(expression, field, text, "has an empty list element");
        }
        std::string range = part;
        int step = 1;
        auto slash = part.find('/');
        if (slash != std::string::npos) {
            range = part.substr(0, slash);
            step = ParseValue(expression, field, part.substr(slash + 1), 1, high, nullptr, 0);
        }
        int from = low;
        int to = high;
        if (range != "*") {
            auto dash = range.find('-');
            if (dash != std::string::npos) {
                from = ParseValue(expression, field, range.substr(0, dash), low, high, names, name_count);
                to = ParseValue(expression, field, range.substr(dash + 1), low, high, names, name_count);
                if (to < from) {
                    throw FieldError(expression, field, part, "is a range that ends before it starts");
                }
            } else {
                from = ParseValue(expression, field, range, low, high, names, name_count);
                to = slash == std::string::npos ? from : high;
            }
        }
        for (int v = from; v <= to; v += step) {
            out.set(static_cast<size_t>(v));
        }
    }
    return restricted;
}

std::tm LocalTm(Instant instant) {
    std::time_t t = std::chrono::system_clock::to_time_t(instant);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}

bool SameWallMinute(const std::tm& a, const std::tm& b) {
    return a.tm_year == b.tm_year && a.tm_mon == b.tm_mon && a.tm_mday == b.tm_mday && a.tm_hour == b.tm_hour &&
           a.tm_min == b.tm_min;
}

bool MatchesTm(const CronExpression& cron, const std::tm& tm) {
    return cron.Matches(tm.tm_mon + 1, tm.tm_mday, tm.tm_wday, tm.tm_hour, tm.tm_min);
}

}  // namespace

CronExpression CronExpression::Parse(const std::string& text) {
    std::string spec(Trim(text));
    static const std::vector<std::pair<std::string, std::string>> kShorthands = {
        {"@hourly", "0 * * * *"}, {"@daily", "0 0 * * *"},   {"@midnight", "0 0 * * *"}, {"@weekly", "0 0 * * 0"},
        {"@monthly", "0 0 1 * *"}, {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}};
    if (!spec.empty() && spec[0] == '@') {
        bool found = false;
        for (const auto& [name, expansion] : kShorthands) {
            if (spec == name) {
                spec = expansion;
                found = true;
            }
        }
        if (!found) {
            throw Error(ErrorKind::INVALID_INPUT, "unknown cron shorthand '" + text + "'",
                        "use @hourly, @daily, @midnight, @weekly, @monthly, @yearly or 5 fields such as '0 6 * * *'");
        }
    }
    std::vector<std::string> fields;
    for (const auto& f : Split(spec, ' ')) {
        if (!f.empty()) {
            fields.push_back(f);
        }
    }
    if (fields.size() != 5) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "cron expression '" + text + "' has " + std::to_string(fields.size()) + " fields, not 5",
                    "write minute hour day-of-month month day-of-week, e.g. '0 6 * * *' (06:00 every day)");
    }
    CronExpression cron;
    cron.text_ = std::string(Trim(text));
    ParseField(text, "minute", fields[0], 0, 59, nullptr, 0, cron.minutes_);
    cron.hour_restricted_ = ParseField(text, "hour", fields[1], 0, 23, nullptr, 0, cron.hours_);
    cron.day_restricted_ = ParseField(text, "day-of-month", fields[2], 1, 31, nullptr, 0, cron.days_);
    ParseField(text, "month", fields[3], 1, 12, kMonthNames, 12, cron.months_);
    std::bitset<8> weekdays;
    cron.weekday_restricted_ = ParseField(text, "day-of-week", fields[4], 0, 7, kDayNames, 7, weekdays);
    for (size_t d = 0; d < 7; ++d) {
        cron.weekdays_[d] = weekdays[d];
    }
    if (weekdays[7]) {
        cron.weekdays_.set(0);
    }
    return cron;
}

bool CronExpression::Matches(int month, int day, int weekday, int hour, int minute) const {
    if (!minutes_[static_cast<size_t>(minute)] || !hours_[static_cast<size_t>(hour)] ||
        !months_[static_cast<size_t>(month)]) {
        return false;
    }
    bool day_ok = days_[static_cast<size_t>(day)];
    bool weekday_ok = weekdays_[static_cast<size_t>(weekday)];
    if (day_restricted_ && weekday_restricted_) {
        return day_ok || weekday_ok;
    }
    return day_ok && weekday_ok;
}

Instant CronExpression::NextAfter(Instant after) const {
    using std::chrono::minutes;
    auto candidate = std::chrono::time_point_cast<minutes>(after) + minutes(1);
    Instant limit = after + std::chrono::hours(24 * 366 * 5);
    std::tm prev = LocalTm(candidate - minutes(1));
    while (candidate < limit) {
        std::tm tm = LocalTm(candidate);
        if (!months_[static_cast<size_t>(tm.tm_mon + 1)] ||
            !Matches(tm.tm_mon + 1, tm.tm_mday, tm.tm_wday, tm.tm_hour, tm.tm_min)) {
            // Spring forward: the wall times skipped between prev and tm fire once, now.
            long gap_minutes = (tm.tm_gmtoff - prev.tm_gmtoff) / 60;
            bool fires = false;
            for (long m = 1; m <= gap_minutes && !fires; ++m) {
                std::tm skipped = prev;
                skipped.tm_min += static_cast<int>(m);
                skipped.tm_isdst = prev.tm_isdst;
                std::time_t t = timegm(&skipped);  // normalise the fields only
                std::tm norm{};
                gmtime_r(&t, &norm);
                fires = MatchesTm(*this, norm) && !SameWallMinute(norm, tm);
            }
            if (fires) {
                return candidate;
            }
            // Jump to the next hour or day when this one cannot match.
            auto step = minutes(1);
            if (!hours_[static_cast<size_t>(tm.tm_hour)] && tm.tm_min == 0 && gap_minutes == 0) {
                step = minutes(60);
            }
            prev = tm;
            candidate += step;
            if (step > minutes(1)) {
                prev = LocalTm(candidate - minutes(1));
            }
            continue;
        }
        // Fall back: a wall time seen an hour (or the offset change) earlier already fired.
        std::tm earlier = LocalTm(candidate - std::chrono::hours(3));
        long back = (earlier.tm_gmtoff - tm.tm_gmtoff);
        if (back > 0 && hour_restricted_) {
            std::tm first = LocalTm(candidate - std::chrono::seconds(back));
            if (SameWallMinute(first, tm)) {
                prev = tm;
                candidate += minutes(1);
                continue;
            }
        }
        return candidate;
    }
    throw Error(ErrorKind::INVALID_INPUT, "cron expression '" + text_ + "' never fires in the next 5 years",
                "check the day-of-month and month fields (e.g. 30 February does not exist)");
}

void UseTimeZone(const std::string& zone) {
    if (zone.empty() || zone.find("..") != std::string::npos ||
        (zone != "UTC" && !std::filesystem::exists("/usr/share/zoneinfo/" + zone))) {
        throw Error(ErrorKind::INVALID_INPUT, "unknown time zone '" + zone + "'",
                    "use an IANA name from /usr/share/zoneinfo such as Europe/Paris or UTC (Debian package tzdata)");
    }
    ::setenv("TZ", zone.c_str(), 1);
    ::tzset();
}

std::string LocalDate(Instant instant) {
    std::tm tm = LocalTm(instant);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string LocalTimeText(Instant instant) {
    std::tm tm = LocalTm(instant);
    char buf[48];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M %Z", &tm);
    return buf;
}

std::string CheckDate(const std::string& text) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), "%Y-%m-%d", &tm);
    if (end == nullptr || *end != '\0' || text.size() != 10) {
        throw Error(ErrorKind::INVALID_INPUT, "'" + text + "' is not a date", "write dates as YYYY-MM-DD, e.g. 2026-12-04");
    }
    std::tm copy = tm;
    std::time_t t = timegm(&copy);
    std::tm back{};
    gmtime_r(&t, &back);
    if (back.tm_mday != tm.tm_mday || back.tm_mon != tm.tm_mon) {
        throw Error(ErrorKind::INVALID_INPUT, "'" + text + "' is not a calendar date", "check the day of the month");
    }
    return text;
}

std::string NextDate(const std::string& date) {
    std::tm tm{};
    strptime(CheckDate(date).c_str(), "%Y-%m-%d", &tm);
    tm.tm_mday += 1;
    std::time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

}  // namespace hf::pipeline
