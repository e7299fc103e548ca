#pragma once

#include <cstdio>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "cli/result_printer.h"
#include "db/warehouse.h"

namespace hf::cli {

// Cuts SQL text into statements at ';' outside quotes, comments and $$ bodies, across lines.
// Not thread-safe.
class StatementSplitter {
public:
    // Adds one line (without its newline); returns the statements it completed (without ';').
    std::vector<std::string> Feed(std::string_view line);
    // True when no statement is in progress.
    bool Empty() const;
    // The unfinished statement, cleared.
    std::string TakeRest();

private:
    enum class State { CODE, SINGLE_QUOTE, DOUBLE_QUOTE, LINE_COMMENT, BLOCK_COMMENT, DOLLAR };
    State state_ = State::CODE;
    std::string current_;
};

// Interactive SQL session on `warehouse`: reads statements ending with ';' and meta-commands
// (.tables, .schema T, .format table|csv|json, .help, .quit) from `in`, prints results on `out`
// and errors on stderr, and goes on after an error. Prints a prompt when `interactive`.
// Returns the number of statements that failed.
int RunShell(db::Warehouse& warehouse, std::istream& in, std::FILE* out, bool interactive,
             OutputFormat format = OutputFormat::TABLE);

}  // namespace hf::cli
