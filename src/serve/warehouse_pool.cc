#include "serve/warehouse_pool.h"

namespace hf::serve {

WarehousePool::WarehousePool(WarehouseFactory factory, size_t max_idle)
    : factory_(std::move(factory)), max_idle_(max_idle) {}

WarehousePool::Lease::~Lease() {
    if (pool_ != nullptr && warehouse_) {
        pool_->Release(std::move(warehouse_));
    }
}

WarehousePool::Lease WarehousePool::Acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto warehouse = std::move(idle_.back());
            idle_.pop_back();
            return Lease(*this, std::move(warehouse));
        }
    }
    return Lease(*this, factory_());
}

void WarehousePool::Release(std::unique_ptr<db::Warehouse> warehouse) {
    if (warehouse->InTransaction()) {
        try {
            warehouse->Rollback();
        } catch (const std::exception&) {
            return; // a connection in an unknown state is closed rather than reused
        }
    }
    std::lock_guard lock(mutex_);
    if (idle_.size() < max_idle_) {
        idle_.push_back(std::move(warehouse));
    }
}

} // namespace hf::serve
