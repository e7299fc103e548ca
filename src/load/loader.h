#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "db/warehouse.h"
#include "lake/object_store.h"

namespace hf::load {

// What happened to one data file.
struct FileLoad {
    std::string batch_id;
    std::string table;
    std::string key;
    int64_t rows_loaded = 0;
    int64_t rows_rejected = 0;
    double seconds = 0;
    bool already_loaded = false;  // found in staging.load_history: skipped
};

// The outcome of one `load` run.
struct LoadReport {
    std::vector<FileLoad> files;
    int batches_complete = 0;        // batches with a manifest
    int batches_loaded = 0;          // loaded by this run
    int batches_already_loaded = 0;  // every file already in the history
    double seconds = 0;
    std::optional<Error> failure;    // the batch that was refused (later batches were not tried)

    int64_t RowsLoaded() const;
    int64_t RowsRejected() const;
};

// Progress of the file being loaded, reported every few seconds and at its end.
struct LoadProgress {
    std::string key;
    uint64_t bytes_read = 0;
    uint64_t bytes_total = 0;
    int64_t rows = 0;
};

// Options of a load run.
struct LoadOptions {
    std::function<void(const LoadProgress&)> on_progress;  // optional
    double progress_interval_seconds = 2.0;
    // Only files of these tables are loaded (empty: every table); batches without such a file
    // are left alone, so one table can be loaded while another is still being extracted.
    std::vector<std::string> tables;
};

// Loads every complete batch of `lake` (one with a manifest under bronze/_manifests/) that is
// not loaded yet, in batch order, into staging.stg_<table> of `warehouse`: each file's size and
// SHA-256 are checked against the manifest first (a mismatch refuses the whole batch); each file
// then loads in one transaction with its rejected rows (staging.load_rejects) and its
// staging.load_history row, so a file (key + SHA-256) loads exactly once even across crashes
// and reruns. Stops at the first refused batch (LoadReport::failure). On a PostgreSQL warehouse
// the staging tables that received rows are analyzed at the end (fresh planner statistics). Failures of the warehouse
// or the lake themselves throw. Not thread-safe; one load at a time per warehouse.
LoadReport LoadLake(lake::ObjectStore& lake, db::Warehouse& warehouse, const LoadOptions& options = {});

}  // namespace hf::load
