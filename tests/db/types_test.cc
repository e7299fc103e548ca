#include <gtest/gtest.h>

#include "common/error.h"
#include "db/types.h"
#include "db/warehouse.h"

namespace hf::db {
namespace {

TEST(LogicalTypeTest, MapsEngineTypeNames) {
    EXPECT_EQ(LogicalTypeFromName("integer"), LogicalType::INTEGER);
    EXPECT_EQ(LogicalTypeFromName("BIGINT"), LogicalType::INTEGER);
    EXPECT_EQ(LogicalTypeFromName("character varying(100)"), LogicalType::VARCHAR);
    EXPECT_EQ(LogicalTypeFromName("numeric(10,2)"), LogicalType::DECIMAL);
    EXPECT_EQ(LogicalTypeFromName("DECIMAL(18,3)"), LogicalType::DECIMAL);
    EXPECT_EQ(LogicalTypeFromName("double precision"), LogicalType::DOUBLE);
    EXPECT_EQ(LogicalTypeFromName("timestamp with time zone"), LogicalType::TIMESTAMPTZ);
    EXPECT_EQ(LogicalTypeFromName("timestamp(3) with time zone"), LogicalType::TIMESTAMPTZ);
    EXPECT_EQ(LogicalTypeFromName("timestamp without time zone"), LogicalType::TIMESTAMP);
    EXPECT_EQ(LogicalTypeFromName("TIMESTAMPTZ"), LogicalType::TIMESTAMPTZ);
    EXPECT_EQ(LogicalTypeFromName("TIMESTAMP"), LogicalType::TIMESTAMP);
    EXPECT_EQ(LogicalTypeFromName("date"), LogicalType::DATE);
    EXPECT_EQ(LogicalTypeFromName("boolean"), LogicalType::BOOLEAN);
    EXPECT_EQ(LogicalTypeFromName("interval"), LogicalType::OTHER);
    EXPECT_EQ(LogicalTypeName(LogicalType::TIMESTAMPTZ), "TIMESTAMPTZ");
}

TEST(ValueTest, RendersTextForEngines) {
    EXPECT_FALSE(Value().ToText().has_value());
    EXPECT_EQ(*Value(true).ToText(), "t");
    EXPECT_EQ(*Value(-7).ToText(), "-7");
    EXPECT_EQ(*Value(0.1).ToText(), "0.1");
    EXPECT_EQ(*Value("abc").ToText(), "abc");
    EXPECT_TRUE(Value(std::optional<std::string>()).IsNull());
    EXPECT_EQ(FormatDouble(1e100), "1e+100");
}

TEST(ResultSetTest, ReadsCellsAndRejectsBadAccess) {
    ResultSet rs({{"a", LogicalType::INTEGER, "BIGINT"}, {"b", LogicalType::VARCHAR, "VARCHAR"}});
    rs.AddRow({"12", std::nullopt});
    EXPECT_EQ(rs.RowCount(), 1u);
    EXPECT_EQ(rs.Int(0, 0), 12);
    EXPECT_EQ(rs.Text(0, 1), "");
    EXPECT_TRUE(rs.IsNull(0, 1));
    EXPECT_EQ(rs.ColumnIndex("b"), 1u);
    EXPECT_THROW(rs.ColumnIndex("c"), Error);
    EXPECT_THROW(rs.Text(1, 0), Error);
    EXPECT_THROW(rs.AddRow({"1"}), Error);
}

TEST(DialectTest, TypeNamesAndRename) {
    Dialect duck{"duckdb", true, true, true};
    Dialect pg{"postgres", true, false, true};
    EXPECT_EQ(duck.TypeName(LogicalType::DECIMAL, 10, 2), "DECIMAL(10,2)");
    EXPECT_EQ(pg.TypeName(LogicalType::DECIMAL, 10, 2), "numeric(10,2)");
    EXPECT_EQ(pg.TypeName(LogicalType::DOUBLE), "double precision");
    EXPECT_EQ(duck.RenameTableSql("\"s\"", "\"a\"", "\"b\""), "ALTER TABLE \"s\".\"a\" RENAME TO \"b\"");
    EXPECT_EQ(Warehouse::QualifiedName("staging", "stg\"x"), "\"staging\".\"stg\"\"x\"");
}

}  // namespace
}  // namespace hf::db
