// The pool of warehouse connections shared by the request threads: how many it lends at once, in
// which order the waiting requests get theirs, and what a request that waits too long gets. Real
// in-memory DuckDB connections.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "common/error.h"
#include "db/duckdb_warehouse.h"
#include "serve/warehouse_pool.h"

namespace hf::serve {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<db::Warehouse> OpenMemory() {
    return db::DuckDbWarehouse::Open(":memory:").Value();
}

// Waits until `count` requests are queued (each test thread queues itself in Acquire).
void WaitForQueue(WarehousePool& pool, size_t count) {
    for (int i = 0; i < 2000 && pool.Waiting() < count; ++i) {
        std::this_thread::sleep_for(1ms);
    }
    ASSERT_EQ(pool.Waiting(), count);
}

TEST(WarehousePoolTest, LendsAtMostMaxActiveAndSaysSoWhenTheWaitIsTooLong) {
    WarehousePool pool(OpenMemory, 4, 2);
    auto first = pool.Acquire();
    auto second = pool.Acquire();
    EXPECT_EQ(first->Query("SELECT 42").Int(0, 0), 42);
    try {
        pool.Acquire(50ms);
        FAIL() << "a third connection was lent";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::TIMEOUT);
        EXPECT_NE(e.Message().find("2 requests querying it"), std::string::npos) << e.Message();
        EXPECT_FALSE(e.Hint().empty());
    }
    EXPECT_EQ(pool.Waiting(), 0u);
    { auto done = std::move(first); }
    auto third = pool.Acquire(50ms); // the place freed is lent again
    EXPECT_EQ(third->Query("SELECT 1").Int(0, 0), 1);
}

TEST(WarehousePoolTest, WaitingRequestsGetTheirTurnInArrivalOrder) {
    WarehousePool pool(OpenMemory, 4, 1);
    auto held = std::make_unique<WarehousePool::Lease>(pool.Acquire());
    std::mutex order_mutex;
    std::vector<int> order;
    std::vector<std::thread> waiting;
    for (int i = 0; i < 5; ++i) {
        waiting.emplace_back([&, i] {
            auto lease = pool.Acquire(10s);
            std::lock_guard lock(order_mutex);
            order.push_back(i);
        });
        WaitForQueue(pool, static_cast<size_t>(i) + 1);
    }
    held.reset();
    for (auto& t : waiting) {
        t.join();
    }
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
    EXPECT_EQ(pool.Waiting(), 0u);
}

TEST(WarehousePoolTest, ARequestThatGaveUpDoesNotHoldUpTheOnesBehindIt) {
    WarehousePool pool(OpenMemory, 4, 1);
    auto held = std::make_unique<WarehousePool::Lease>(pool.Acquire());
    auto impatient = std::async(std::launch::async, [&] {
        try {
            pool.Acquire(100ms);
            return false;
        } catch (const Error& e) {
            return e.Kind() == ErrorKind::TIMEOUT;
        }
    });
    WaitForQueue(pool, 1);
    std::atomic<bool> served = false;
    std::thread patient([&] {
        auto lease = pool.Acquire(10s);
        served = true;
    });
    WaitForQueue(pool, 2);
    EXPECT_TRUE(impatient.get());
    held.reset();
    patient.join();
    EXPECT_TRUE(served);
}

TEST(WarehousePoolTest, AFailedOpeningGivesItsPlaceBack) {
    std::atomic<int> calls = 0;
    WarehousePool pool(
        [&]() -> std::unique_ptr<db::Warehouse> {
            if (calls++ == 0) {
                throw Error(ErrorKind::UNAVAILABLE, "warehouse unreachable");
            }
            return OpenMemory();
        },
        4, 1);
    EXPECT_THROW(pool.Acquire(), Error);
    auto lease = pool.Acquire(50ms);
    EXPECT_EQ(lease->Query("SELECT 7").Int(0, 0), 7);
}

TEST(WarehousePoolTest, NoLimitWhenMaxActiveIsZero) {
    WarehousePool pool(OpenMemory, 1, 0);
    std::vector<WarehousePool::Lease> leases;
    for (int i = 0; i < 8; ++i) {
        leases.push_back(pool.Acquire(10ms));
    }
    EXPECT_EQ(leases.size(), 8u);
}

} // namespace
} // namespace hf::serve
