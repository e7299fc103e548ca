#include "source/generator/copy_rows.h"

#include <cmath>
#include <cstdio>

#include "source/generator/calendar.h"

namespace hf::source::generator {

void CopyRow::Separate() {
    if (!first_) {
        out_.push_back('\t');
    }
    first_ = false;
}

CopyRow& CopyRow::Text(std::string_view value) {
    Separate();
    for (char c : value) {
        switch (c) {
            case '\\': out_.append("\\\\"); break;
            case '\t': out_.append("\\t"); break;
            case '\n': out_.append("\\n"); break;
            case '\r': out_.append("\\r"); break;
            default: out_.push_back(c);
        }
    }
    return *this;
}

CopyRow& CopyRow::OptionalText(const std::optional<std::string>& value) {
    return value ? Text(*value) : Null();
}

CopyRow& CopyRow::Int(long long value) {
    Separate();
    out_.append(std::to_string(value));
    return *this;
}

CopyRow& CopyRow::Money(double value) {
    Separate();
    char buf[32];
    const long long cents = std::llround(value * 100.0);
    std::snprintf(buf, sizeof buf, "%lld.%02lld", cents / 100, cents % 100);
    out_.append(buf);
    return *this;
}

CopyRow& CopyRow::Null() {
    Separate();
    out_.append("\\N");
    return *this;
}

CopyRow& CopyRow::Minute(int64_t minute_number) {
    Separate();
    AppendMinute(out_, minute_number);
    return *this;
}

CopyRow& CopyRow::Day(int64_t day_number) {
    Separate();
    out_.append(FormatDay(day_number));
    return *this;
}

CopyRow& CopyRow::Raw(std::string_view already_escaped) {
    Separate();
    out_.append(already_escaped);
    return *this;
}

}  // namespace hf::source::generator
