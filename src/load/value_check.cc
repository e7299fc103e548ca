#include "load/value_check.h"

#include <cmath>
#include <limits>

#include "common/strings.h"

namespace hf::load {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `pos`.
bool Digits(std::string_view s, size_t& pos, size_t n, int& value) {
    if (pos + n > s.size()) {
        return false;
    }
    value = 0;
    for (size_t i = 0; i < n; ++i) {
        if (!IsDigit(s[pos + i])) {
            return false;
        }
        value = value * 10 + (s[pos + i] - '0');
    }
    pos += n;
    return true;
}

bool ValidDate(int y, int m, int d) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1) {
        return false;
    }
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

// YYYY-MM-DD at pos.
bool ParseDate(std::string_view s, size_t& pos) {
    int y = 0, m = 0, d = 0;
    return Digits(s, pos, 4, y) && pos < s.size() && s[pos++] == '-' && Digits(s, pos, 2, m) && pos < s.size() &&
           s[pos++] == '-' && Digits(s, pos, 2, d) && ValidDate(y, m, d);
}

// HH:MM:SS[.f{1,6}] at pos.
bool ParseTime(std::string_view s, size_t& pos) {
    int h = 0, mi = 0, se = 0;
    if (!(Digits(s, pos, 2, h) && pos < s.size() && s[pos++] == ':' && Digits(s, pos, 2, mi) && pos < s.size() &&
          s[pos++] == ':' && Digits(s, pos, 2, se))) {
        return false;
    }
    if (h > 23 || mi > 59 || se > 59) {
        return false;
    }
    if (pos < s.size() && s[pos] == '.') {
        size_t start = ++pos;
        while (pos < s.size() && IsDigit(s[pos])) {
            ++pos;
        }
        return pos - start >= 1 && pos - start <= 6;
    }
    return true;
}

// "Z", "+HH", "+HH:MM", "+HHMM" at pos, to the end.
bool ParseOffset(std::string_view s, size_t pos) {
    if (pos < s.size() && s[pos] == 'Z') {
        return pos + 1 == s.size();
    }
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) {
        return false;
    }
    ++pos;
    int h = 0, m = 0;
    if (!Digits(s, pos, 2, h) || h > 15) {
        return false;
    }
    if (pos == s.size()) {
        return true;
    }
    if (s[pos] == ':') {
        ++pos;
    }
    return Digits(s, pos, 2, m) && m <= 59 && pos == s.size();
}

std::string Quote(std::string_view text) {
    std::string shown(text.substr(0, 60));
    return "'" + shown + (text.size() > 60 ? "...'" : "'");
}

std::optional<std::string> CheckTimestamp(const StagingColumn& column, std::string_view text, db::Value& out) {
    size_t pos = 0;
    const bool tz = column.type == db::LogicalType::TIMESTAMPTZ;
    if (!ParseDate(text, pos) || pos >= text.size() || (text[pos] != ' ' && text[pos] != 'T')) {
        return Quote(text) + " is not a valid timestamp";
    }
    size_t time_start = ++pos;
    if (!ParseTime(text, pos)) {
        return Quote(text) + " is not a valid timestamp";
    }
    std::string normalized = std::string(text.substr(0, 10)) + " " + std::string(text.substr(time_start, pos - time_start));
    if (pos == text.size()) {
        out = tz ? normalized + "+00" : normalized;
        return std::nullopt;
    }
    if (!tz) {
        return Quote(text) + " has a time zone but the column is a timestamp without time zone";
    }
    if (!ParseOffset(text, pos)) {
        return Quote(text) + " is not a valid timestamp with time zone";
    }
    out = normalized + (text[pos] == 'Z' ? std::string("+00") : std::string(text.substr(pos)));
    return std::nullopt;
}

std::optional<std::string> CheckDecimal(const StagingColumn& column, std::string_view text, db::Value& out) {
    size_t pos = 0;
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
        ++pos;
    }
    size_t int_start = pos;
    while (pos < text.size() && IsDigit(text[pos])) {
        ++pos;
    }
    size_t int_digits = pos - int_start;
    size_t frac_digits = 0;
    if (pos < text.size() && text[pos] == '.') {
        size_t frac_start = ++pos;
        while (pos < text.size() && IsDigit(text[pos])) {
            ++pos;
        }
        frac_digits = pos - frac_start;
    }
    if (pos != text.size() || int_digits + frac_digits == 0) {
        return Quote(text) + " is not a number";
    }
    size_t significant = int_digits;
    for (size_t i = int_start; i < int_start + int_digits && text[i] == '0'; ++i) {
        --significant;
    }
    if (column.precision > 0 && significant > static_cast<size_t>(column.precision - column.scale)) {
        return Quote(text) + " is out of range for " + column.source_type;
    }
    if (column.precision == 0 && significant > 28) {
        return Quote(text) + " is out of range for numeric";
    }
    out = std::string(text);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> CheckField(const StagingColumn& column, std::string_view text, db::Value& out) {
    switch (column.type) {
        case db::LogicalType::INTEGER: {
            long long v = 0;
            if (!ParseInt64(text, v)) {
                return Quote(text) + " is not an integer";
            }
            if (column.int_bits < 64) {
                long long limit = 1LL << (column.int_bits - 1);
                if (v < -limit || v >= limit) {
                    return Quote(text) + " is out of range for " + column.source_type;
                }
            }
            out = v;
            return std::nullopt;
        }
        case db::LogicalType::DOUBLE: {
            double v = 0;
            if (text == "NaN" || text == "Infinity" || text == "-Infinity") {
                out = text == "NaN" ? std::numeric_limits<double>::quiet_NaN()
                                    : (text[0] == '-' ? -1 : 1) * std::numeric_limits<double>::infinity();
                return std::nullopt;
            }
            if (!ParseDouble(text, v) || !std::isfinite(v)) {
                return Quote(text) + " is not a number";
            }
            out = v;
            return std::nullopt;
        }
        case db::LogicalType::DECIMAL: return CheckDecimal(column, text, out);
        case db::LogicalType::BOOLEAN: {
            std::string lower = ToLower(text);
            if (lower == "t" || lower == "true") {
                out = true;
            } else if (lower == "f" || lower == "false") {
                out = false;
            } else {
                return Quote(text) + " is not a boolean (t/f)";
            }
            return std::nullopt;
        }
        case db::LogicalType::DATE: {
            size_t pos = 0;
            if (!ParseDate(text, pos) || pos != text.size()) {
                return Quote(text) + " is not a valid date";
            }
            out = std::string(text);
            return std::nullopt;
        }
        case db::LogicalType::TIMESTAMP:
        case db::LogicalType::TIMESTAMPTZ: return CheckTimestamp(column, text, out);
        default: {
            if (column.max_length > 0) {
                size_t chars = 0;
                for (unsigned char c : text) {
                    chars += (c & 0xC0) != 0x80 ? 1 : 0;
                }
                if (chars > static_cast<size_t>(column.max_length)) {
                    return "a value of " + std::to_string(chars) + " characters is too long for " + column.source_type;
                }
            }
            out = std::string(text);
            return std::nullopt;
        }
    }
}

}  // namespace hf::load
