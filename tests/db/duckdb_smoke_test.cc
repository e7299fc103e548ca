#include <gtest/gtest.h>

#include "db/duckdb_warehouse.h"

namespace hf::db {
namespace {

// The DuckDB library the bootstrap installed loads, opens an in-memory database and answers.
TEST(DuckDbSmokeTest, OpensInMemoryAndReportsThePinnedVersion) {
    auto wh = DuckDbWarehouse::Open(":memory:").Value();
    auto rs = wh->Query("SELECT version() AS v, 6 * 7 AS answer");
    ASSERT_EQ(rs.RowCount(), 1u);
    EXPECT_EQ(rs.Text(0, 0), "v1.4.4");
    EXPECT_EQ(rs.Int(0, 1), 42);
}

}  // namespace
}  // namespace hf::db
