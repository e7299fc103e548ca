#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hf::load {

// One record of a CSV file.
struct CsvRecord {
    std::vector<std::optional<std::string>> fields;  // nullopt: empty unquoted field (SQL NULL)
    uint64_t line = 0;   // physical line where the record starts (1 = the header)
    std::string raw;     // the record's text, line breaks inside quotes included, terminator excluded
    std::string error;   // non-empty when the record is malformed (e.g. an unterminated quote)
};

// Streaming RFC 4180 reader with PostgreSQL's COPY CSV conventions: ',' separator, '"' quotes
// (doubled inside), line breaks allowed inside quotes, LF or CRLF record ends, an empty
// unquoted field is NULL and "" is the empty string. Blank lines are skipped. Feed it the
// file's bytes in chunks of any size. Not thread-safe.
class CsvReader {
public:
    explicit CsvReader(std::function<void(CsvRecord&)> on_record) : on_record_(std::move(on_record)) {}

    void Feed(std::string_view data);
    // Ends the input: emits a last record without a line break, or an unterminated one.
    void Finish();

private:
    enum class State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_QUOTED };
    void EndField();
    void EndRecord();

    std::function<void(CsvRecord&)> on_record_;
    State state_ = State::FIELD_START;
    CsvRecord record_;
    std::string field_;
    bool field_quoted_ = false;
    bool skip_lf_ = false;
    uint64_t line_ = 1;
};

}  // namespace hf::load
