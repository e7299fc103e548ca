#include "warehouse/warehouse_fixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/test_postgres.h"

namespace hf::testing {

namespace {

std::string Normalised(const std::optional<std::string>& cell) {
    if (!cell) return "NULL";
    const std::string& text = *cell;
    if (text.find_first_of(".eE") != std::string::npos) {
        char* end = nullptr;
        double v = std::strtod(text.c_str(), &end);
        if (end == text.c_str() + text.size()) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.12g", v);
            return buf;
        }
    }
    return text;
}

std::string EnvOrFail(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr) {
        ADD_FAILURE() << name << " must be set (CTest sets it)";
        return {};
    }
    return value;
}

}  // namespace

WarehouseFixture::WarehouseFixture(const std::string& database, const std::string& as_of, int history_days) {
    auto& pg = TestPostgres::Instance();
    auto spec = pg.FreshDatabase(database);
    env_["HEALTHFLOW_DATA_DIR"] = dir_.Path().string();
    env_["HEALTHFLOW_SOURCE_URL"] = pg.Cluster().TcpUrl(database);
    env_["HEALTHFLOW_SOURCE_PASSWORD"] = spec.password.value_or("");
    // Each step runs right after the previous one: no late-committing writer to wait for.
    env_["HEALTHFLOW_EXTRACT_SAFETY_MARGIN_SECONDS"] = "0";
    project_dir = (dir_.Path() / "project").string();
    std::filesystem::copy(EnvOrFail("HF_SOURCE_DIR") + "/warehouse", project_dir,
                          std::filesystem::copy_options::recursive);
    std::filesystem::remove_all(std::filesystem::path(project_dir) / "target");
    RunOk({"generate", "--scale", "1", "--seed", "11", "--as-of", as_of, "--history-days",
           std::to_string(history_days)});
    source_.emplace(pg::Connection::Open(spec).Value());
}

ProcessOutcome WarehouseFixture::Run(const std::vector<std::string>& args,
                                     const std::map<std::string, std::string>& extra_env) {
    std::vector<std::string> argv = {EnvOrFail("HF_BINARY")};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.extra_env = env_;
    for (const auto& [k, v] : extra_env) {
        options.extra_env[k] = v;
    }
    options.timeout = std::chrono::seconds(300);
    return RunProcess(argv, options).Value();
}

ProcessOutcome WarehouseFixture::RunOk(const std::vector<std::string>& args,
                                       const std::map<std::string, std::string>& extra_env) {
    auto out = Run(args, extra_env);
    std::string line;
    for (const auto& a : args) {
        line += a + " ";
    }
    EXPECT_EQ(out.exit_code, 0) << "healthflow " << line << "\nstdout:\n" << out.out << "\nstderr:\n" << out.err;
    return out;
}

void WarehouseFixture::ExtractLoadBuild() {
    RunOk({"extract"});
    RunOk({"load"});
    RunOk({"transform", "build", "--project-dir", project_dir});
    if (postgres_warehouse_env) {
        RunOk({"load"}, *postgres_warehouse_env);
        RunOk({"transform", "build", "--project-dir", project_dir}, *postgres_warehouse_env);
    }
}

void WarehouseFixture::SimulateDay() { RunOk({"simulate", "--days", "1"}); }

std::string WarehouseFixture::ReadSourceFile(const std::string& relative_path) {
    std::ifstream in(EnvOrFail("HF_SOURCE_DIR") + "/" + relative_path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::vector<std::optional<std::string>>> WarehouseFixture::WarehouseRows(
    const std::string& query, const std::map<std::string, std::string>& extra_env) {
    auto out = RunOk({"sql", query, "--format", "csv"}, extra_env);
    auto rows = ParseCsv(out.out);
    if (!rows.empty()) {
        rows.erase(rows.begin());
    }
    return rows;
}

std::map<std::string, std::string> WarehouseFixture::PostgresWarehouseEnv(const std::string& database) {
    auto& pg = TestPostgres::Instance();
    auto spec = pg.FreshDatabase(database);
    return {{"HEALTHFLOW_WAREHOUSE_ENGINE", "postgres"},
            {"HEALTHFLOW_WAREHOUSE_URL", pg.Cluster().TcpUrl(database)},
            {"HEALTHFLOW_WAREHOUSE_PASSWORD", spec.password.value_or("")}};
}

std::vector<std::vector<std::optional<std::string>>> ParseCsv(const std::string& text) {
    std::vector<std::vector<std::optional<std::string>>> rows;
    std::vector<std::optional<std::string>> row;
    std::string field;
    bool quoted = false, in_quotes = false, any = false;
    auto end_field = [&] {
        row.push_back(quoted || !field.empty() ? std::optional<std::string>(field) : std::nullopt);
        field.clear();
        quoted = false;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        any = true;
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            in_quotes = true;
            quoted = true;
        } else if (c == ',') {
            end_field();
        } else if (c == '\n') {
            end_field();
            rows.push_back(std::move(row));
            row.clear();
            any = false;
        } else if (c != '\r') {
            field += c;
        }
    }
    if (any) {
        end_field();
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<std::string> SortedLines(const std::vector<std::vector<std::optional<std::string>>>& rows) {
    std::vector<std::string> lines;
    for (const auto& row : rows) {
        std::string line;
        for (const auto& cell : row) {
            line += Normalised(cell) + "|";
        }
        lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

}  // namespace hf::testing
