#include <cstdio>
#include <string>

#include "cli/cli_context.h"
#include "common/logging.h"
#include "db/warehouse.h"
#include "lake/object_store.h"
#include "load/loader.h"

namespace hf::cli {

namespace {

void PrintProgress(const load::LoadProgress& p) {
    if (CurrentVerbosity() == Verbosity::QUIET) {
        return;
    }
    std::fprintf(stderr, "     %s: %.1f / %.1f MB, %lld rows\n", p.key.c_str(), static_cast<double>(p.bytes_read) / 1e6,
                 static_cast<double>(p.bytes_total) / 1e6, static_cast<long long>(p.rows));
}

void PrintReport(const load::LoadReport& report) {
    std::printf("%-20s %-27s %10s %9s %8s %10s  %s\n", "table", "batch", "loaded", "rejected", "seconds", "rows/s",
                "file");
    int skipped = 0;
    for (const auto& f : report.files) {
        if (f.already_loaded) {
            ++skipped;
            continue;
        }
        double rate = f.seconds > 0 ? static_cast<double>(f.rows_loaded + f.rows_rejected) / f.seconds : 0;
        std::printf("%-20s %-27s %10lld %9lld %8.2f %10.0f  %s\n", ("stg_" + f.table).c_str(), f.batch_id.c_str(),
                    static_cast<long long>(f.rows_loaded), static_cast<long long>(f.rows_rejected), f.seconds, rate,
                    f.key.c_str());
    }
    std::printf("%d complete batch(es): %d loaded now, %d already loaded (%d file(s) skipped); %lld rows loaded, "
                "%lld rejected (see staging.load_rejects) in %.2f s\n",
                report.batches_complete, report.batches_loaded, report.batches_already_loaded, skipped,
                static_cast<long long>(report.RowsLoaded()), static_cast<long long>(report.RowsRejected()),
                report.seconds);
}

}  // namespace

void RegisterLoadCommands(CLI::App& app, CliContext& ctx) {
    auto* cmd = app.add_subcommand("load", "Load the lake's complete batches into the warehouse's STAGING tables");
    cmd->footer(
        "Every batch with a manifest that is not loaded yet is loaded, oldest first, into staging.stg_<table>. "
        "Each file's size and SHA-256 are checked against the manifest first; a mismatch refuses the batch. "
        "Bad rows go to staging.load_rejects with the reason; each file loads in one transaction with its "
        "staging.load_history row, so running `load` again (or after a crash) never loads a file twice.");
    cmd->add_option_function<std::string>(
        "--lake", [&ctx](const std::string& uri) { ctx.Override("lake.uri", uri); },
        "Lake to read: a folder or s3://bucket/prefix (default: lake.uri, else <data_dir>/lake)");
    cmd->add_option_function<std::string>(
        "--warehouse-url", [&ctx](const std::string& url) { ctx.Override("warehouse.url", url); },
        "PostgreSQL warehouse (postgresql://user@host:5432/db) instead of the DuckDB file");
    cmd->callback([&ctx] {
        const Config& config = ctx.GetConfig();
        auto lake = lake::OpenObjectStore(config);
        auto warehouse = db::OpenWarehouse(config);
        load::LoadOptions options;
        options.on_progress = PrintProgress;
        options.progress_interval_seconds = config.GetDouble("load.progress_seconds");
        auto report = load::LoadLake(*lake, *warehouse, options);
        PrintReport(report);
        if (report.failure) {
            throw *report.failure;
        }
    });
}

}  // namespace hf::cli
