#include "serve/warehouse_threads.h"

namespace hf::serve {

void WarehouseThreads::OnOpen(db::Warehouse& warehouse) {
    std::lock_guard lock(mutex_);
    if (serving_ > 0) {
        Apply(warehouse);
    }
}

void WarehouseThreads::ForRun() {
    std::lock_guard lock(mutex_);
    run_in_progress_ = true;
    if (serving_ > 0) {
        Apply(*open_warehouse_());
    }
}

void WarehouseThreads::ForServing() {
    std::lock_guard lock(mutex_);
    run_in_progress_ = false;
    if (serving_ > 0) {
        Apply(*open_warehouse_());
    }
}

void WarehouseThreads::Apply(db::Warehouse& warehouse) const {
    if (warehouse.GetDialect().engine != "duckdb") {
        return;
    }
    warehouse.Execute(run_in_progress_ ? std::string("RESET GLOBAL threads")
                                       : "SET GLOBAL threads = " + std::to_string(serving_));
}

} // namespace hf::serve
