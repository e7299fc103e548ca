#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "cli/cli_context.h"
#include "common/logging.h"
#include "common/strings.h"
#include "extract/extraction.h"

namespace hf::cli {

namespace {

void PrintProgress(const extract::TableProgress& p) {
    if (CurrentVerbosity() == Verbosity::QUIET) {
        return;
    }
    double mb = static_cast<double>(p.bytes) / 1e6;
    double rate = p.seconds > 0 ? mb / p.seconds : 0;
    std::fprintf(stderr, "%s %s: %llu rows, %.1f MB, %.1f MB/s\n", p.done ? "done" : "    ", p.table.c_str(),
                 static_cast<unsigned long long>(p.rows), mb, rate);
}

void PrintSummary(const extract::ExtractionReport& report) {
    std::printf("%-20s %-12s %10s %10s %12s %8s  %s\n", "table", "mode", "rows", "tombstones", "bytes", "seconds",
                "file");
    for (const auto& t : report.tables) {
        std::printf("%-20s %-12s %10llu %10llu %12llu %8.2f  %s\n", t.table.c_str(),
                    std::string(extract::ModeName(t.mode)).c_str(), static_cast<unsigned long long>(t.rows),
                    static_cast<unsigned long long>(t.tombstones), static_cast<unsigned long long>(t.bytes),
                    t.seconds, t.key.c_str());
    }
    std::printf("batch %s (%s, %s) published in %.2f s: %s\n", report.manifest.batch_id.c_str(),
                report.manifest.mode.c_str(), report.manifest.format.c_str(), report.seconds,
                report.manifest_key.c_str());
}

}  // namespace

void RegisterExtractCommands(CLI::App& app, CliContext& ctx) {
    struct Args {
        std::string tables;
        std::string mode = "incremental";
        std::string format;
        double lock_timeout = -1;
    };
    auto args = std::make_shared<Args>();
    auto* cmd = app.add_subcommand(
        "extract",
        "Extract the operational tables into the lake's bronze zone as one batch (data files, then a manifest)");
    cmd->footer(
        "Every table of a batch is read in one consistent snapshot. Incremental mode extracts the rows changed "
        "since the last batch plus tombstones (_op = 'D') for deleted rows; a table never extracted before is "
        "extracted in full. Progress goes to stderr, the summary to stdout.");
    cmd->add_option("--tables", args->tables,
                    "Comma-separated tables (default: services,patients,admissions,stocks_medicaments)");
    cmd->add_option("--mode", args->mode, "full or incremental")
        ->check(CLI::IsMember({"full", "incremental"}))
        ->capture_default_str();
    cmd->add_option("--format", args->format, "csv or parquet (default: lake.format)")
        ->check(CLI::IsMember({"csv", "parquet"}));
    cmd->add_option("--lock-timeout", args->lock_timeout,
                    "Seconds to wait for a running extraction to finish; 0 refuses at once "
                    "(default: extract.lock_timeout_seconds)");
    cmd->callback([&ctx, args] {
        const Config& config = ctx.GetConfig();
        extract::ExtractOptions options = extract::OptionsFromConfig(config);
        options.mode = extract::ParseMode(args->mode);
        if (!args->format.empty()) {
            options.format = lake::ParseFormat(args->format);
        }
        if (args->lock_timeout >= 0) {
            options.lock_timeout = std::chrono::milliseconds(static_cast<long long>(args->lock_timeout * 1000));
        }
        for (const auto& table : Split(args->tables, ',')) {
            if (!Trim(table).empty()) {
                options.tables.emplace_back(Trim(table));
            }
        }
        options.progress = PrintProgress;
        auto report = extract::RunExtraction(config, options);
        for (const auto& t : report.tables) {
            if (t.first_incremental) {
                std::printf("%s: no watermark yet, extracted in full (first incremental run)\n", t.table.c_str());
            }
        }
        PrintSummary(report);
    });
}

}  // namespace hf::cli
