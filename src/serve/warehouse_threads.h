#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "db/warehouse.h"

namespace hf::serve {

// DuckDB's number of threads in a process that serves the dashboards and hosts pipeline runs.
// The setting covers the whole DuckDB instance of the process. The dashboards' queries are small
// and many run at once: handing each to worker threads costs more than it saves, so they are best
// served with `serving` threads (serve.warehouse_threads, 1 by default). A hosted pipeline run
// gets DuckDB's default (one per core) from its start to its end. Does nothing on PostgreSQL or
// when `serving` is 0 (DuckDB's default throughout). Thread-safe.
class WarehouseThreads {
public:
    // `open_warehouse` opens a connection of the process's warehouse.
    WarehouseThreads(std::function<std::unique_ptr<db::Warehouse>()> open_warehouse, int serving)
        : open_warehouse_(std::move(open_warehouse)), serving_(serving) {}

    // Applies the setting of the moment to a connection just opened for the dashboards (DuckDB
    // forgets it when its last connection closes).
    void OnOpen(db::Warehouse& warehouse);
    // Gives DuckDB's default back: before each hosted run.
    void ForRun();
    // Sets `serving` threads: after each hosted run.
    void ForServing();

private:
    void Apply(db::Warehouse& warehouse) const; // guarded by mutex_; serving_ > 0

    std::function<std::unique_ptr<db::Warehouse>()> open_warehouse_;
    int serving_;
    std::mutex mutex_;
    bool run_in_progress_ = false; // guarded by mutex_
};

} // namespace hf::serve
