#include "load/csv_reader.h"

namespace hf::load {

void CsvReader::EndField() {
    if (field_quoted_ || !field_.empty()) {
        record_.fields.emplace_back(std::move(field_));
    } else {
        record_.fields.emplace_back(std::nullopt);
    }
    field_.clear();
    field_quoted_ = false;
}

void CsvReader::EndRecord() {
    EndField();
    bool blank = record_.raw.empty() && record_.fields.size() == 1 && !record_.fields[0].has_value();
    if (!blank) {
        on_record_(record_);
    }
    record_ = CsvRecord{};
    state_ = State::FIELD_START;
}

void CsvReader::Feed(std::string_view data) {
    for (char c : data) {
        if (skip_lf_) {
            skip_lf_ = false;
            if (c == '\n') {
                continue;
            }
        }
        if (record_.raw.empty() && record_.fields.empty() && state_ == State::FIELD_START && field_.empty()) {
            record_.line = line_;
        }
        const bool newline = c == '\n' || c == '\r';
        if (newline && state_ != State::QUOTED) {
            ++line_;  // a CR ending a record counts once: the LF that may follow is skipped
            skip_lf_ = c == '\r';
            EndRecord();
            continue;
        }
        if (c == '\n') {
            ++line_;
        }
        record_.raw += c;
        switch (state_) {
            case State::FIELD_START:
                if (c == '"') {
                    state_ = State::QUOTED;
                    field_quoted_ = true;
                } else if (c == ',') {
                    EndField();
                } else {
                    field_ += c;
                    state_ = State::UNQUOTED;
                }
                break;
            case State::UNQUOTED:
                if (c == ',') {
                    EndField();
                    state_ = State::FIELD_START;
                } else {
                    if (c == '"' && record_.error.empty()) {
                        record_.error = "a quote inside an unquoted field";
                    }
                    field_ += c;
                }
                break;
            case State::QUOTED:
                if (c == '"') {
                    state_ = State::QUOTE_IN_QUOTED;
                } else {
                    field_ += c;
                }
                break;
            case State::QUOTE_IN_QUOTED:
                if (c == '"') {
                    field_ += '"';
                    state_ = State::QUOTED;
                } else if (c == ',') {
                    EndField();
                    state_ = State::FIELD_START;
                } else {
                    if (record_.error.empty()) {
                        record_.error = "text after a closing quote";
                    }
                    field_ += c;
                    state_ = State::AFTER_QUOTED;
                }
                break;
            case State::AFTER_QUOTED:
                if (c == ',') {
                    EndField();
                    state_ = State::FIELD_START;
                } else {
                    field_ += c;
                }
                break;
        }
    }
}

void CsvReader::Finish() {
    if (state_ == State::QUOTED) {
        record_.error = "a quoted field is not closed before the end of the file";
        EndRecord();
        return;
    }
    if (!record_.raw.empty() || !record_.fields.empty() || !field_.empty()) {
        EndRecord();
    }
}

}  // namespace hf::load
