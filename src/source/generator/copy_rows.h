#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hf::source::generator {

// Appends one row of PostgreSQL COPY text format to a buffer: fields separated by tabs, rows
// ended by a newline, NULL as \N, backslash/tab/newline/carriage return escaped.
// Borrows the buffer; not thread-safe.
class CopyRow {
public:
    explicit CopyRow(std::string& out) : out_(out) {}

    CopyRow& Text(std::string_view value);
    CopyRow& OptionalText(const std::optional<std::string>& value);
    CopyRow& Int(long long value);
    CopyRow& Money(double value);  // two decimals
    CopyRow& Null();
    CopyRow& Minute(int64_t minute_number);  // TIMESTAMP "YYYY-MM-DD HH:MM:SS"
    CopyRow& Day(int64_t day_number);        // DATE "YYYY-MM-DD"
    CopyRow& Raw(std::string_view already_escaped);
    // Ends the row.
    void End() { out_.push_back('\n'); }

private:
    void Separate();
    std::string& out_;
    bool first_ = true;
};

}  // namespace hf::source::generator
