#include <gtest/gtest.h>

#include "db/duckdb_warehouse.h"
#include "support/temp_dir.h"

namespace hf::db {
namespace {

int64_t RowGroups(Warehouse& warehouse, const std::string& table) {
    return warehouse.Query("SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('" + table + "')").Int(0, 0);
}

// A table written into a warehouse file is cut into row groups of kWarehouseRowGroupSize rows,
// not DuckDB's 122 880, and keeps them once checkpointed and opened again.
TEST(DuckDbInstancesTest, TablesAreWrittenInTheWarehouseRowGroupSize) {
    ASSERT_EQ(kWarehouseRowGroupSize, 32768);
    hf::testing::TempDir dir;
    auto path = dir.Path() / "warehouse.duckdb";
    {
        auto warehouse = DuckDbWarehouse::Open(path).Value();
        warehouse->Execute("CREATE TABLE t AS SELECT range AS i FROM range(100000)");
        EXPECT_EQ(RowGroups(*warehouse, "t"), 4);
        warehouse->Execute("CHECKPOINT");
    }
    auto reopened = DuckDbWarehouse::Open(path).Value();
    EXPECT_EQ(RowGroups(*reopened, "t"), 4);
    EXPECT_EQ(reopened->Query("SELECT count(*), sum(i) FROM t").Int(0, 1), 4999950000);
    auto in_memory = DuckDbWarehouse::Open(":memory:").Value();
    in_memory->Execute("CREATE TABLE t AS SELECT range AS i FROM range(100000)");
    EXPECT_EQ(RowGroups(*in_memory, "t"), 1);
}

// Every Warehouse on one file in this process shares its instance, whatever the path's spelling;
// the catalog is named after the file, as a plain DuckDB open names it.
TEST(DuckDbInstancesTest, OpensOfOneFileShareItsInstance) {
    hf::testing::TempDir dir;
    auto first = DuckDbWarehouse::Open(dir.Path() / "entrepot.duckdb").Value();
    first->Execute("CREATE SCHEMA core; CREATE TABLE core.t AS SELECT 7 AS i");
    auto second = DuckDbWarehouse::Open(dir.Path() / "." / "entrepot.duckdb").Value();
    EXPECT_EQ(second->Query("SELECT i FROM core.t").Int(0, 0), 7);
    EXPECT_EQ(second->Query("SELECT current_database()").Text(0, 0), "entrepot");
    second->Execute("INSERT INTO core.t VALUES (8)");
    EXPECT_EQ(first->Query("SELECT count(*) FROM core.t").Int(0, 0), 2);
}

// The last connection's close writes the file; the next open finds the rows.
TEST(DuckDbInstancesTest, TheFileIsWrittenWhenTheLastConnectionCloses) {
    hf::testing::TempDir dir;
    auto path = dir.Path() / "warehouse.duckdb";
    for (int round = 1; round <= 3; ++round) {
        auto warehouse = DuckDbWarehouse::Open(path).Value();
        warehouse->Execute("CREATE TABLE IF NOT EXISTS t (i INTEGER); INSERT INTO t VALUES (" + std::to_string(round) +
                           ")");
        EXPECT_EQ(warehouse->Query("SELECT count(*) FROM t").Int(0, 0), round);
    }
    auto read_only = DuckDbWarehouse::Open(path, {.read_only = true}).Value();
    EXPECT_EQ(read_only->Query("SELECT sum(i) FROM t").Int(0, 0), 6);
    EXPECT_THROW(read_only->Execute("INSERT INTO t VALUES (4)"), Error);
}

// A file open for writing cannot be opened read-only beside it in the same process.
TEST(DuckDbInstancesTest, ReadOnlyBesideAWriterIsAConflict) {
    hf::testing::TempDir dir;
    auto path = dir.Path() / "warehouse.duckdb";
    auto writer = DuckDbWarehouse::Open(path).Value();
    auto reader = DuckDbWarehouse::Open(path, {.read_only = true});
    ASSERT_FALSE(reader);
    EXPECT_EQ(reader.Err().Kind(), ErrorKind::CONFLICT);
    EXPECT_NE(std::string(reader.Err().what()).find("already open in this process for writing"), std::string::npos)
        << reader.Err().what();
}

// A file named like one of DuckDB's own catalogs is refused with what to do.
TEST(DuckDbInstancesTest, AFileNamedLikeADuckDbCatalogIsRefused) {
    hf::testing::TempDir dir;
    auto opened = DuckDbWarehouse::Open(dir.Path() / "memory.duckdb");
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.Err().Kind(), ErrorKind::INVALID_INPUT);
    EXPECT_NE(opened.Err().Hint().find("warehouse.path"), std::string::npos);
    auto capitalised = DuckDbWarehouse::Open(dir.Path() / "Temp.duckdb");
    ASSERT_FALSE(capitalised);
    EXPECT_EQ(capitalised.Err().Kind(), ErrorKind::INVALID_INPUT);
}

} // namespace
} // namespace hf::db
