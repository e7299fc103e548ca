#include "cli/warehouse_shell.h"

#include "common/error.h"
#include "common/strings.h"

namespace hf::cli {

std::vector<std::string> StatementSplitter::Feed(std::string_view line) {
    std::vector<std::string> done;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        char next = i + 1 < line.size() ? line[i + 1] : '\0';
        switch (state_) {
            case State::CODE:
                if (c == ';') {
                    if (!Trim(current_).empty()) {
                        done.emplace_back(Trim(current_));
                    }
                    current_.clear();
                    continue;
                }
                if (c == '\'') {
                    state_ = State::SINGLE_QUOTE;
                } else if (c == '"') {
                    state_ = State::DOUBLE_QUOTE;
                } else if (c == '-' && next == '-') {
                    state_ = State::LINE_COMMENT;
                } else if (c == '/' && next == '*') {
                    state_ = State::BLOCK_COMMENT;
                } else if (c == '$' && next == '$') {
                    state_ = State::DOLLAR;
                    current_ += c;
                    c = line[++i];
                }
                break;
            case State::SINGLE_QUOTE:
                if (c == '\'') {
                    state_ = State::CODE;
                }
                break;
            case State::DOUBLE_QUOTE:
                if (c == '"') {
                    state_ = State::CODE;
                }
                break;
            case State::LINE_COMMENT: break;
            case State::BLOCK_COMMENT:
                if (c == '*' && next == '/') {
                    state_ = State::CODE;
                    current_ += c;
                    c = line[++i];
                }
                break;
            case State::DOLLAR:
                if (c == '$' && next == '$') {
                    state_ = State::CODE;
                    current_ += c;
                    c = line[++i];
                }
                break;
        }
        current_ += c;
    }
    if (state_ == State::LINE_COMMENT) {
        state_ = State::CODE;
    }
    current_ += '\n';
    return done;
}

bool StatementSplitter::Empty() const { return Trim(current_).empty(); }

std::string StatementSplitter::TakeRest() {
    std::string rest(Trim(current_));
    current_.clear();
    state_ = State::CODE;
    return rest;
}

namespace {

void PrintError(const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.Message().c_str());
    if (!e.Hint().empty()) {
        std::fprintf(stderr, "hint: %s\n", e.Hint().c_str());
    }
}

void PrintTables(db::Warehouse& wh, std::FILE* out) {
    for (const auto& rel : wh.ListRelations()) {
        std::fprintf(out, "%s.%s%s\n", rel.schema.c_str(), rel.name.c_str(),
                     rel.kind == db::RelationKind::VIEW ? " (view)" : "");
    }
}

void PrintSchema(db::Warehouse& wh, std::string_view name, std::FILE* out) {
    std::vector<db::RelationInfo> matches;
    auto dot = name.find('.');
    for (const auto& rel : wh.ListRelations(dot == std::string_view::npos ? "" : std::string(name.substr(0, dot)))) {
        if (rel.name == (dot == std::string_view::npos ? name : name.substr(dot + 1))) {
            matches.push_back(rel);
        }
    }
    if (matches.empty()) {
        throw Error(ErrorKind::NOT_FOUND, "no table or view named '" + std::string(name) + "'",
                    "`.tables` lists them");
    }
    for (const auto& rel : matches) {
        db::ResultSet rs({{"column", db::LogicalType::VARCHAR, "VARCHAR"},
                          {"type", db::LogicalType::VARCHAR, "VARCHAR"},
                          {"nullable", db::LogicalType::BOOLEAN, "BOOLEAN"}});
        for (const auto& col : wh.ListColumns(rel.schema, rel.name)) {
            rs.AddRow({col.name, col.type_name, std::string(col.nullable ? "true" : "false")});
        }
        std::fprintf(out, "%s %s.%s\n", rel.kind == db::RelationKind::VIEW ? "view" : "table", rel.schema.c_str(),
                     rel.name.c_str());
        PrintResult(rs, OutputFormat::TABLE, out);
    }
}

// Runs one meta-command; returns false on .quit.
bool RunMeta(db::Warehouse& wh, std::string_view line, OutputFormat& format, std::FILE* out) {
    auto words = Split(Trim(line), ' ');
    const std::string& cmd = words[0];
    std::string arg = words.size() > 1 ? std::string(Trim(words[1])) : "";
    if (cmd == ".quit" || cmd == ".exit") {
        return false;
    }
    if (cmd == ".tables") {
        PrintTables(wh, out);
    } else if (cmd == ".schema" && !arg.empty()) {
        PrintSchema(wh, arg, out);
    } else if (cmd == ".format" && !arg.empty()) {
        format = ParseOutputFormat(arg);
    } else if (cmd == ".help") {
        std::fprintf(out,
                     "Statements end with ';'. Meta-commands:\n"
                     "  .tables            list tables and views\n"
                     "  .schema NAME       columns of a table or view (NAME or schema.NAME)\n"
                     "  .format FORMAT     table, csv or json\n"
                     "  .quit              leave\n");
    } else {
        throw Error(ErrorKind::INVALID_INPUT, "unknown meta-command '" + std::string(Trim(line)) + "'",
                    "`.help` lists them");
    }
    return true;
}

}  // namespace

int RunShell(db::Warehouse& warehouse, std::istream& in, std::FILE* out, bool interactive, OutputFormat format) {
    StatementSplitter splitter;
    int failures = 0;
    auto run = [&](const std::string& sql) {
        try {
            PrintResult(warehouse.Query(sql), format, out);
        } catch (const Error& e) {
            PrintError(e);
            ++failures;
        }
    };
    std::string line;
    if (interactive) {
        std::fprintf(out, "HealthFlow SQL shell on %s. `.help` for help, `.quit` to leave.\n",
                     warehouse.Describe().c_str());
    }
    while (true) {
        if (interactive) {
            std::fprintf(out, splitter.Empty() ? "healthflow> " : "       ...> ");
            std::fflush(out);
        }
        if (!std::getline(in, line)) {
            break;
        }
        if (splitter.Empty() && StartsWith(Trim(line), ".")) {
            try {
                if (!RunMeta(warehouse, line, format, out)) {
                    return failures;
                }
            } catch (const Error& e) {
                PrintError(e);
                ++failures;
            }
            continue;
        }
        for (const auto& sql : splitter.Feed(line)) {
            run(sql);
        }
    }
    if (!splitter.Empty()) {
        run(splitter.TakeRest());
    }
    return failures;
}

}  // namespace hf::cli
