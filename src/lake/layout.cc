#include "lake/layout.h"

#include <fmt/format.h>
#include <sys/random.h>

#include <cstdint>
#include <cstdio>

#include "common/error.h"
#include "common/strings.h"

namespace hf::lake {

namespace {

struct Parts {
    int year, month, day, hour, minute, second;
    long long micros;
};

Parts Split(Instant instant) {
    auto day_point = std::chrono::floor<std::chrono::days>(instant);
    std::chrono::year_month_day ymd{day_point};
    auto in_day = instant - day_point;
    auto hms = std::chrono::hh_mm_ss<std::chrono::microseconds>(in_day);
    return Parts{static_cast<int>(ymd.year()),
                 static_cast<int>(static_cast<unsigned>(ymd.month())),
                 static_cast<int>(static_cast<unsigned>(ymd.day())),
                 static_cast<int>(hms.hours().count()),
                 static_cast<int>(hms.minutes().count()),
                 static_cast<int>(hms.seconds().count()),
                 static_cast<long long>(hms.subseconds().count())};
}

uint32_t RandomWord() {
    uint32_t value = 0;
    if (::getrandom(&value, sizeof value, 0) != static_cast<ssize_t>(sizeof value)) {
        throw Error(ErrorKind::INTERNAL, "cannot read random bytes for a batch id");
    }
    return value;
}

}  // namespace

const std::vector<std::string>& Zones() {
    static const std::vector<std::string> zones = {"bronze", "silver", "gold"};
    return zones;
}

std::string_view FormatName(FileFormat format) { return format == FileFormat::CSV ? "csv" : "parquet"; }

FileFormat ParseFormat(std::string_view name) {
    std::string lower = ToLower(name);
    if (lower == "csv") {
        return FileFormat::CSV;
    }
    if (lower == "parquet") {
        return FileFormat::PARQUET;
    }
    throw Error(ErrorKind::INVALID_INPUT, fmt::format("unknown lake file format '{}'", name),
                "use csv or parquet");
}

std::string FormatIsoMicros(Instant instant) {
    Parts p = Split(instant);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", p.year, p.month, p.day, p.hour, p.minute,
                       p.second, p.micros);
}

Instant ParseIsoMicros(std::string_view text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
    std::string s(text);
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
                    &consumed) != 6) {
        throw Error(ErrorKind::INVALID_INPUT, fmt::format("'{}' is not an ISO 8601 UTC instant", text),
                    "expected the form 2026-11-28T18:00:05.123456Z");
    }
    long long micros = 0;
    size_t pos = static_cast<size_t>(consumed);
    if (pos < s.size() && s[pos] == '.') {
        int digits = 0;
        ++pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (digits < 6) {
                micros = micros * 10 + (s[pos] - '0');
                ++digits;
            }
            ++pos;
        }
        for (; digits < 6; ++digits) {
            micros *= 10;
        }
    }
    if (pos + 1 != s.size() || s[pos] != 'Z') {
        throw Error(ErrorKind::INVALID_INPUT, fmt::format("'{}' is not an ISO 8601 UTC instant", text),
                    "expected the form 2026-11-28T18:00:05.123456Z");
    }
    std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                    std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) {
        throw Error(ErrorKind::INVALID_INPUT, fmt::format("'{}' is not a valid date", text));
    }
    return std::chrono::sys_days{ymd} + std::chrono::hours{hour} + std::chrono::minutes{minute} +
           std::chrono::seconds{second} + std::chrono::microseconds{micros};
}

std::string BatchIdSecondPrefix(Instant instant) {
    Parts p = Split(instant);
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z_", p.year, p.month, p.day, p.hour, p.minute, p.second);
}

std::string NewBatchId(Instant instant) { return fmt::format("{}{:08x}", BatchIdSecondPrefix(instant), RandomWord()); }

bool IsBatchId(std::string_view id) {
    if (id.size() != 25 || id[8] != 'T' || id[15] != 'Z' || id[16] != '_') {
        return false;
    }
    for (size_t i = 0; i < id.size(); ++i) {
        if (i == 8 || i == 15 || i == 16) {
            continue;
        }
        char c = id[i];
        bool digit = c >= '0' && c <= '9';
        bool hex = digit || (c >= 'a' && c <= 'f');
        if (i < 16 ? !digit : !hex) {
            return false;
        }
    }
    return true;
}

std::string DataFileKey(std::string_view table, Instant instant, FileFormat format) {
    Parts p = Split(instant);
    return fmt::format("bronze/{0}/year={1:04}/month={2:02}/day={3:02}/{0}_{1:04}{2:02}{3:02}_{4:02}{5:02}{6:02}.{7}",
                       table, p.year, p.month, p.day, p.hour, p.minute, p.second, FormatName(format));
}

std::string TablePrefix(std::string_view table) { return fmt::format("bronze/{}/", table); }
std::string ManifestPrefix() { return "bronze/_manifests/"; }
std::string ManifestKey(std::string_view batch_id) { return fmt::format("bronze/_manifests/{}.json", batch_id); }
std::string ExtractStateKey() { return "_state/extract_state.json"; }
std::string ExtractLockKey() { return "_state/extract.lock"; }

}  // namespace hf::lake
