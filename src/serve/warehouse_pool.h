#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "db/warehouse.h"

namespace hf::serve {

// Opens a warehouse connection; called when the pool has no idle one.
using WarehouseFactory = std::function<std::unique_ptr<db::Warehouse>()>;

// A small pool of warehouse connections shared by the request threads. DuckDB connections of
// one process share the same database instance, so each request gets its own connection and its
// own transaction (one consistent snapshot). Thread-safe.
class WarehousePool {
public:
    // Keeps at most `max_idle` idle connections; opens more on demand.
    WarehousePool(WarehouseFactory factory, size_t max_idle);

    // A connection borrowed for one request; goes back to the pool (or is closed) on destruction.
    class Lease {
    public:
        Lease(WarehousePool& pool, std::unique_ptr<db::Warehouse> warehouse)
            : pool_(&pool), warehouse_(std::move(warehouse)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        db::Warehouse& operator*() const { return *warehouse_; }
        db::Warehouse* operator->() const { return warehouse_.get(); }

    private:
        WarehousePool* pool_;
        std::unique_ptr<db::Warehouse> warehouse_;
    };

    // Borrows an idle connection or opens a new one; throws hf::Error when opening fails.
    Lease Acquire();

private:
    void Release(std::unique_ptr<db::Warehouse> warehouse);

    WarehouseFactory factory_;
    size_t max_idle_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<db::Warehouse>> idle_; // GUARDED_BY(mutex_)
};

} // namespace hf::serve
