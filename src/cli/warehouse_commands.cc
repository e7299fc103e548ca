#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "cli/cli_context.h"
#include "cli/result_printer.h"
#include "cli/warehouse_shell.h"
#include "db/warehouse.h"

namespace hf::cli {

namespace {

// Adds --warehouse-url to `cmd`: the PostgreSQL warehouse to use instead of the DuckDB file.
void AddWarehouseUrlOption(CLI::App* cmd, CliContext& ctx) {
    cmd->add_option_function<std::string>(
        "--warehouse-url", [&ctx](const std::string& url) { ctx.Override("warehouse.url", url); },
        "PostgreSQL warehouse (postgresql://user@host:5432/db) instead of the DuckDB file; "
        "env HEALTHFLOW_WAREHOUSE_URL; password from HEALTHFLOW_WAREHOUSE_PASSWORD or warehouse.password_file");
}

}  // namespace

void RegisterWarehouseCommands(CLI::App& app, CliContext& ctx) {
    AddWarehouseUrlOption(&app, ctx);

    struct SqlOptions {
        std::string query;
        std::string format = "table";
    };
    auto sql_options = std::make_shared<SqlOptions>();
    auto* sql = app.add_subcommand("sql", "Run SQL on the warehouse (DuckDB file or PostgreSQL) and print the result");
    sql->add_option("query", sql_options->query, "SQL text; several statements separated by ';' print the last result")
        ->required();
    sql->add_option("--format", sql_options->format, "Output: table (default), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    AddWarehouseUrlOption(sql, ctx);
    sql->callback([&ctx, sql_options] {
        OutputFormat format = ParseOutputFormat(sql_options->format);
        auto warehouse = db::OpenWarehouse(ctx.GetConfig());
        PrintResult(warehouse->Query(sql_options->query), format, stdout);
    });

    auto shell_format = std::make_shared<std::string>("table");
    auto* shell = app.add_subcommand(
        "shell",
        "Interactive SQL on the warehouse: statements end with ';'; .tables, .schema T, .format csv, .quit. "
        "Reads a pipe too (exit 1 if a statement failed)");
    shell->add_option("--format", *shell_format, "Output: table (default), csv or json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    AddWarehouseUrlOption(shell, ctx);
    shell->callback([&ctx, shell_format] {
        auto warehouse = db::OpenWarehouse(ctx.GetConfig());
        bool interactive = isatty(STDIN_FILENO) != 0;
        int failures = RunShell(*warehouse, std::cin, stdout, interactive, ParseOutputFormat(*shell_format));
        if (failures > 0 && !interactive) {
            throw CLI::RuntimeError(1);
        }
    });
}

}  // namespace hf::cli
