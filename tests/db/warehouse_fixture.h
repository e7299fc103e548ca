#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "db/duckdb_warehouse.h"
#include "db/postgres_warehouse.h"
#include "support/temp_dir.h"
#include "support/test_postgres.h"

namespace hf::db::testing {

// Runs the same tests on each engine: DuckDB on a temporary file, PostgreSQL from TestPostgres
// (a fresh database per test).
class WarehouseTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "duckdb") {
            wh_ = DuckDbWarehouse::Open(dir_.Path() / "warehouse.duckdb").Value();
        } else {
            std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
            for (auto& c : name) {
                c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
            }
            spec_ = hf::testing::TestPostgres::Instance().FreshDatabase("wh_" + name);
            wh_ = PostgresWarehouse::Open(spec_).Value();
        }
    }
    // The engine's type name for a logical type.
    std::string T(LogicalType type, int precision = 18, int scale = 3) {
        return wh_->GetDialect().TypeName(type, precision, scale);
    }

    hf::testing::TempDir dir_;
    pg::ConnectionSpec spec_;
    std::unique_ptr<Warehouse> wh_;
};

inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace hf::db::testing
