#include "serve/warehouse_pool.h"

#include <algorithm>
#include <string>

#include "common/error.h"

namespace hf::serve {

WarehousePool::WarehousePool(WarehouseFactory factory, size_t max_idle, size_t max_active)
    : factory_(std::move(factory)), max_idle_(max_idle), max_active_(max_active) {}

WarehousePool::Lease::~Lease() {
    if (pool_ != nullptr && warehouse_) {
        pool_->Release(std::move(warehouse_));
    }
}

WarehousePool::Lease WarehousePool::Acquire(std::chrono::milliseconds wait) {
    std::unique_ptr<db::Warehouse> warehouse;
    {
        std::unique_lock lock(mutex_);
        if (waiting_.empty() && (max_active_ == 0 || active_ < max_active_)) {
            ++active_;
        } else {
            Waiter me;
            waiting_.push_back(&me);
            if (!me.turn.wait_for(lock, wait, [&] { return me.granted; })) {
                waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &me));
                throw Error(ErrorKind::TIMEOUT,
                            "no warehouse connection free within " + std::to_string(wait.count()) + " ms (" +
                                std::to_string(active_) + " requests querying it, " + std::to_string(waiting_.size()) +
                                " more waiting)",
                            "retry in a moment; if it lasts, look for slow requests in the server's log");
            }
            // The place of the request that finished was handed over: active_ already counts it.
        }
        if (!idle_.empty()) {
            warehouse = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (!warehouse) {
        try {
            warehouse = factory_();
        } catch (...) {
            std::lock_guard lock(mutex_);
            EndLease();
            throw;
        }
    }
    return Lease(*this, std::move(warehouse));
}

size_t WarehousePool::Waiting() {
    std::lock_guard lock(mutex_);
    return waiting_.size();
}

void WarehousePool::EndLease() {
    if (waiting_.empty()) {
        --active_;
        return;
    }
    Waiter* next = waiting_.front();
    waiting_.pop_front();
    next->granted = true;
    next->turn.notify_one();
}

void WarehousePool::Release(std::unique_ptr<db::Warehouse> warehouse) {
    if (warehouse->InTransaction()) {
        try {
            warehouse->Rollback();
        } catch (const std::exception&) {
            warehouse.reset(); // a connection in an unknown state is closed rather than reused
        }
    }
    std::lock_guard lock(mutex_);
    if (warehouse && idle_.size() < max_idle_) {
        idle_.push_back(std::move(warehouse));
    }
    EndLease();
}

} // namespace hf::serve
