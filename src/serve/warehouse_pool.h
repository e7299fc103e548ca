#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
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
// own transaction (one consistent snapshot). At most `max_active` connections are lent at once;
// further requests wait their turn in arrival order. With as many queries running as the machine
// has cores, each runs without sharing its core, and a request waits in a queue instead of being
// slowed down by all the others: the slowest answers come sooner. Thread-safe.
class WarehousePool {
public:
    // Keeps at most `max_idle` idle connections; opens more on demand. `max_active` 0: no limit.
    WarehousePool(WarehouseFactory factory, size_t max_idle, size_t max_active = 0);

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

    // Borrows an idle connection or opens a new one, once fewer than `max_active` are lent and
    // the requests that came before have theirs. Throws hf::Error when opening fails, and
    // ErrorKind::TIMEOUT when the turn has not come within `wait`.
    Lease Acquire(std::chrono::milliseconds wait = std::chrono::seconds(30));

    // Requests waiting for their turn now.
    size_t Waiting();

private:
    // A request waiting for its turn, on its own stack.
    struct Waiter {
        std::condition_variable turn;
        bool granted = false; // GUARDED_BY(mutex_): a finished request handed its place over
    };

    void Release(std::unique_ptr<db::Warehouse> warehouse);
    void EndLease(); // GUARDED_BY(mutex_): hands the place to the first waiting request, or frees it

    WarehouseFactory factory_;
    size_t max_idle_;
    size_t max_active_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<db::Warehouse>> idle_; // GUARDED_BY(mutex_)
    size_t active_ = 0;                                // GUARDED_BY(mutex_): connections lent
    std::deque<Waiter*> waiting_;                      // GUARDED_BY(mutex_): in arrival order
};

} // namespace hf::serve
