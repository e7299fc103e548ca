#include <unistd.h>

#include "common/process.h"
#include "warehouse_fixture.h"

namespace hf::db::testing {
namespace {

TEST_P(WarehouseTest, TypesRoundTripWithNulls) {
    wh_->Execute("CREATE TABLE t (b " + T(LogicalType::BOOLEAN) + ", i " + T(LogicalType::INTEGER) + ", d " +
                 T(LogicalType::DOUBLE) + ", n " + T(LogicalType::DECIMAL, 12, 2) + ", s " + T(LogicalType::VARCHAR) +
                 ", dt " + T(LogicalType::DATE) + ", ts " + T(LogicalType::TIMESTAMP) + ", tz " +
                 T(LogicalType::TIMESTAMPTZ) + ")");
    const std::string unicode = "Zoé «Hôpital» 🏥 \"quoted\" 'single' \\back";
    wh_->Query("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
               {true, 9007199254740993LL, 0.1, "-12345.60", unicode, "2026-11-28", "2026-11-28 18:00:05.123456",
                "2026-11-28 19:00:05.5+01"});
    wh_->Query("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
               {Value(), Value(), Value(), Value(), Value(), Value(), Value(), Value()});
    wh_->Query("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
               {"false", "-42", "1e+100", "0.05", "", "1999-01-01", "2000-02-29 00:00:00", "2026-03-29 01:59:59+00"});

    auto rs = wh_->Query("SELECT * FROM t ORDER BY i NULLS LAST");
    ASSERT_EQ(rs.RowCount(), 3u);
    std::vector<LogicalType> types;
    for (const auto& c : rs.Columns()) {
        types.push_back(c.type);
    }
    EXPECT_EQ(types, (std::vector<LogicalType>{LogicalType::BOOLEAN, LogicalType::INTEGER, LogicalType::DOUBLE,
                                               LogicalType::DECIMAL, LogicalType::VARCHAR, LogicalType::DATE,
                                               LogicalType::TIMESTAMP, LogicalType::TIMESTAMPTZ}));
    std::vector<std::string> row0, row1;
    for (size_t c = 0; c < 8; ++c) {
        row0.push_back(rs.Text(0, c));
        row1.push_back(rs.Text(1, c));
        EXPECT_TRUE(rs.IsNull(2, c)) << c;
    }
    EXPECT_EQ(row0, (std::vector<std::string>{"false", "-42", "1e+100", "0.05", "", "1999-01-01", "2000-02-29 00:00:00",
                                              "2026-03-29 01:59:59+00"}));
    EXPECT_FALSE(rs.IsNull(0, 4));  // empty string is not NULL
    EXPECT_EQ(row1, (std::vector<std::string>{"true", "9007199254740993", "0.1", "-12345.60", unicode, "2026-11-28",
                                              "2026-11-28 18:00:05.123456", "2026-11-28 18:00:05.5+00"}));
    EXPECT_EQ(rs.Int(1, 1), 9007199254740993LL);
    EXPECT_EQ(rs.Int(1, 0), 1);
    EXPECT_DOUBLE_EQ(rs.Double(1, 3), -12345.6);
    EXPECT_THROW(rs.Int(2, 1), Error);
}

TEST_P(WarehouseTest, QuotesIdentifiersAndLiterals) {
    const std::string table = "we\"ird; DROP TABLE x; --";
    const std::string text = "'); DROP TABLE t; -- O'Brien \"x\"";
    wh_->Execute("CREATE TABLE " + Warehouse::QuoteIdentifier(table) + " (" + Warehouse::QuoteIdentifier("Nom \"complet\"") +
                 " " + T(LogicalType::VARCHAR) + ")");
    wh_->Execute("INSERT INTO " + Warehouse::QuoteIdentifier(table) + " VALUES (" + Warehouse::QuoteLiteral(text) + ")");
    auto rs = wh_->Query("SELECT * FROM " + Warehouse::QuoteIdentifier(table));
    ASSERT_EQ(rs.RowCount(), 1u);
    EXPECT_EQ(rs.Text(0, 0), text);
    EXPECT_EQ(rs.Columns()[0].name, "Nom \"complet\"");
    EXPECT_EQ(Warehouse::QuoteIdentifier("a\"b"), "\"a\"\"b\"");
    EXPECT_EQ(Warehouse::QuoteLiteral("it's"), "'it''s'");
    EXPECT_THROW(Warehouse::QuoteLiteral(std::string("a\0b", 3)), Error);
    auto kind = wh_->GetRelationKind(wh_->GetDialect().engine == "duckdb" ? "main" : "public", table);
    ASSERT_TRUE(kind.has_value());
    EXPECT_EQ(*kind, RelationKind::TABLE);
}

TEST_P(WarehouseTest, TransactionsRollBack) {
    wh_->Execute("CREATE TABLE t (i " + T(LogicalType::INTEGER) + ")");
    wh_->Execute("INSERT INTO t VALUES (1)");
    {
        Transaction tx(*wh_);
        wh_->Execute("INSERT INTO t VALUES (2)");
        wh_->Execute("CREATE TABLE u (i " + T(LogicalType::INTEGER) + ")");
        EXPECT_TRUE(wh_->InTransaction());
    }
    EXPECT_FALSE(wh_->InTransaction());
    EXPECT_EQ(wh_->Query("SELECT count(*) FROM t").Int(0, 0), 1);
    EXPECT_FALSE(wh_->RelationExists(wh_->GetDialect().engine == "duckdb" ? "main" : "public", "u"));
    EXPECT_THROW(WithTransaction(*wh_,
                                 [&] {
                                     wh_->Execute("INSERT INTO t VALUES (3)");
                                     wh_->Execute("INSERT INTO no_such_table VALUES (4)");
                                 }),
                 Error);
    EXPECT_EQ(wh_->Query("SELECT count(*) FROM t").Int(0, 0), 1);
    WithTransaction(*wh_, [&] { wh_->Execute("INSERT INTO t VALUES (5)"); });
    EXPECT_EQ(wh_->Query("SELECT sum(i) FROM t").Int(0, 0), 6);
}

TEST_P(WarehouseTest, BulkAppendLoadsRowsAndRollsBack) {
    wh_->Execute("CREATE SCHEMA staging");
    wh_->Execute("CREATE TABLE staging.a (id " + T(LogicalType::INTEGER) + ", nom " + T(LogicalType::VARCHAR) +
                 ", cout " + T(LogicalType::DECIMAL, 12, 2) + ", ts " + T(LogicalType::TIMESTAMPTZ) + ", ok " +
                 T(LogicalType::BOOLEAN) + ")");
    {
        auto app = wh_->OpenAppender("staging", "a");
        for (int i = 1; i <= 10000; ++i) {
            app->AppendRow({i, i % 100 == 0 ? Value() : Value("nom\t" + std::to_string(i) + "\n\\"),
                            std::to_string(i) + ".25", "2026-11-28 18:00:05+00", i % 2 == 0});
        }
        app->Close();
        EXPECT_EQ(app->RowsAppended(), 10000);
    }
    auto rs = wh_->Query(
        "SELECT count(*), count(nom), sum(id), sum(cout), sum(CASE WHEN ok THEN 1 ELSE 0 END) FROM staging.a");
    EXPECT_EQ(rs.Int(0, 0), 10000);
    EXPECT_EQ(rs.Int(0, 1), 9900);
    EXPECT_EQ(rs.Int(0, 2), 50005000);
    EXPECT_EQ(rs.Text(0, 3), "50007500.00");
    EXPECT_EQ(rs.Int(0, 4), 5000);
    auto one = wh_->Query("SELECT nom, ts FROM staging.a WHERE id = $1", {7});
    EXPECT_EQ(one.Text(0, 0), "nom\t7\n\\");
    EXPECT_EQ(one.Text(0, 1), "2026-11-28 18:00:05+00");
    {
        Transaction tx(*wh_);
        auto app = wh_->OpenAppender("staging", "a");
        app->AppendRow({20001, "x", "1", Value(), false});
        app->Close();
    }
    EXPECT_EQ(wh_->Query("SELECT count(*) FROM staging.a").Int(0, 0), 10000);
}

TEST_P(WarehouseTest, AppendingAValueThatDoesNotFitFails) {
    wh_->Execute("CREATE TABLE t (id " + T(LogicalType::INTEGER) + ")");
    Transaction tx(*wh_);
    try {
        auto app = wh_->OpenAppender(wh_->GetDialect().engine == "duckdb" ? "main" : "public", "t");
        app->AppendRow({"not a number"});
        app->Close();
        FAIL() << "a text that is not an integer must be refused";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::DATA) << e.Message();
    }
}

TEST_P(WarehouseTest, CatalogIntrospection) {
    wh_->Execute("CREATE SCHEMA staging; CREATE SCHEMA marts");
    wh_->Execute("CREATE TABLE staging.stg_patients (id " + T(LogicalType::INTEGER) + " NOT NULL, nom " +
                 T(LogicalType::VARCHAR) + ", cout " + T(LogicalType::DECIMAL, 10, 2) + ", vu " +
                 T(LogicalType::TIMESTAMPTZ) + ")");
    wh_->Execute("CREATE VIEW marts.v_patients AS SELECT id, nom FROM staging.stg_patients");
    auto schemas = wh_->ListSchemas();
    EXPECT_NE(std::find(schemas.begin(), schemas.end(), "staging"), schemas.end());
    EXPECT_NE(std::find(schemas.begin(), schemas.end(), "marts"), schemas.end());
    EXPECT_EQ(std::find(schemas.begin(), schemas.end(), "information_schema"), schemas.end());
    auto rels = wh_->ListRelations("staging");
    ASSERT_EQ(rels.size(), 1u);
    EXPECT_EQ(rels[0].name, "stg_patients");
    EXPECT_EQ(rels[0].kind, RelationKind::TABLE);
    auto all = wh_->ListRelations();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].schema, "marts");
    EXPECT_EQ(all[0].kind, RelationKind::VIEW);
    EXPECT_EQ(wh_->GetRelationKind("marts", "v_patients"), RelationKind::VIEW);
    EXPECT_FALSE(wh_->GetRelationKind("marts", "nothing").has_value());
    auto cols = wh_->ListColumns("staging", "stg_patients");
    ASSERT_EQ(cols.size(), 4u);
    EXPECT_EQ(cols[0].name, "id");
    EXPECT_EQ(cols[0].type, LogicalType::INTEGER);
    EXPECT_FALSE(cols[0].nullable);
    EXPECT_TRUE(cols[1].nullable);
    EXPECT_EQ(cols[1].type, LogicalType::VARCHAR);
    EXPECT_EQ(cols[2].type, LogicalType::DECIMAL);
    EXPECT_EQ(cols[2].type_name, wh_->GetDialect().engine == "duckdb" ? "DECIMAL(10,2)" : "numeric(10,2)");
    EXPECT_EQ(cols[3].type, LogicalType::TIMESTAMPTZ);
    EXPECT_TRUE(wh_->ListColumns("staging", "nothing").empty());
}

TEST_P(WarehouseTest, LargeResultIsStreamedInChunks) {
    std::vector<size_t> sizes;
    long long sum = 0;
    int64_t total = wh_->QueryChunks("SELECT i FROM generate_series(1, $1) AS g(i)", {25000},
                                     [&](const ResultSet& chunk) {
                                         sizes.push_back(chunk.RowCount());
                                         for (size_t r = 0; r < chunk.RowCount(); ++r) {
                                             sum += chunk.Int(r, 0);
                                         }
                                         return true;
                                     },
                                     10000);
    EXPECT_EQ(total, 25000);
    EXPECT_EQ(sum, 312512500LL);
    ASSERT_EQ(sizes.size(), 3u);
    for (size_t s : sizes) {
        EXPECT_LE(s, 10000u + 2048u);
    }
    int calls = 0;
    int64_t stopped = wh_->QueryChunks("SELECT i FROM generate_series(1, 25000) AS g(i)", {},
                                       [&](const ResultSet&) { return ++calls < 1; }, 1000);
    EXPECT_EQ(calls, 1);
    EXPECT_LT(stopped, 25000);
    EXPECT_FALSE(wh_->InTransaction());
}

TEST_P(WarehouseTest, ErrorsNameTheMissingObject) {
    try {
        wh_->Query("SELECT * FROM no_such_table");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::NOT_FOUND);
        EXPECT_NE(e.Message().find("no_such_table"), std::string::npos) << e.Message();
    }
}

TEST_P(WarehouseTest, MultipleStatementsReturnTheLastResult) {
    auto rs = wh_->Query("CREATE TABLE t (i " + T(LogicalType::INTEGER) + "); INSERT INTO t VALUES (1), (2); "
                         "SELECT sum(i) AS total FROM t;");
    ASSERT_EQ(rs.RowCount(), 1u);
    EXPECT_EQ(rs.Columns()[0].name, "total");
    EXPECT_EQ(rs.Int(0, 0), 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, WarehouseTest, ::testing::Values("duckdb", "postgres"), EngineName);

TEST(DuckDbWarehouseTest, SecondProcessIsRefusedWithTheHolderPid) {
    hf::testing::TempDir dir;
    auto wh = DuckDbWarehouse::Open(dir.Path() / "warehouse.duckdb").Value();
    wh->Execute("CREATE TABLE t (i INTEGER)");
    const char* binary = std::getenv("HF_BINARY");
    ASSERT_NE(binary, nullptr);
    auto outcome = RunProcess({binary, "--data-dir", dir.Path().string(), "sql", "SELECT 1"}).Value();
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_NE(outcome.err.find("is in use by process " + std::to_string(getpid())), std::string::npos)
        << outcome.err;
    EXPECT_NE(outcome.err.find("hint: DuckDB lets one process at a time open the file"), std::string::npos)
        << outcome.err;
}

TEST(DuckDbWarehouseTest, UnusualTypesAreReadAsText) {
    auto wh = DuckDbWarehouse::Open(":memory:").Value();
    auto rs = wh->Query("SELECT [1, 2] AS l, INTERVAL 90 MINUTE AS iv, 42 AS n");
    ASSERT_EQ(rs.RowCount(), 1u);
    EXPECT_EQ(rs.Text(0, 0), "[1, 2]");
    EXPECT_EQ(rs.Text(0, 1), "01:30:00");
    EXPECT_EQ(rs.Text(0, 2), "42");
    EXPECT_EQ(rs.Columns()[0].type, LogicalType::VARCHAR);
}

}  // namespace
}  // namespace hf::db::testing

namespace hf::db::testing {
namespace {

ProcessOutcome RunCli(const hf::testing::TempDir& dir, const std::vector<std::string>& args,
                      std::optional<std::string> stdin_data = std::nullopt) {
    std::vector<std::string> argv = {std::getenv("HF_BINARY"), "--data-dir", dir.Path().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.stdin_data = std::move(stdin_data);
    return RunProcess(argv, options).Value();
}

TEST(WarehouseCliTest, SqlPrintsTableCsvAndJson) {
    ASSERT_NE(std::getenv("HF_BINARY"), nullptr);
    hf::testing::TempDir dir;
    auto created = RunCli(dir, {"sql", "CREATE TABLE t (id INTEGER, nom VARCHAR, cout DECIMAL(6,2)); "
                                       "INSERT INTO t VALUES (1, 'Zoé', 12.5), (2, NULL, NULL), (3, 'a,\"b', 0)"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    auto table = RunCli(dir, {"sql", "SELECT * FROM t ORDER BY id"});
    EXPECT_EQ(table.out,
              " id | nom  | cout \n"
              "----+------+-------\n"
              " 1  | Zoé  | 12.50\n"
              " 2  | NULL | NULL \n"
              " 3  | a,\"b | 0.00 \n"
              "(3 rows)\n");
    auto csv = RunCli(dir, {"sql", "SELECT * FROM t ORDER BY id", "--format", "csv"});
    EXPECT_EQ(csv.out, "id,nom,cout\n1,Zoé,12.50\n2,,\n3,\"a,\"\"b\",0.00\n");
    auto json = RunCli(dir, {"sql", "SELECT id, nom, cout FROM t WHERE id < 3 ORDER BY id", "--format", "json"});
    EXPECT_EQ(json.out,
              "[\n  {\n    \"id\": 1,\n    \"nom\": \"Zoé\",\n    \"cout\": 12.5\n  },\n"
              "  {\n    \"id\": 2,\n    \"nom\": null,\n    \"cout\": null\n  }\n]\n");
    auto bad = RunCli(dir, {"sql", "SELECT * FROM missing"});
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("error: query failed on duckdb"), std::string::npos) << bad.err;
}

TEST(WarehouseCliTest, ShellReadsStatementsAndMetaCommandsFromAPipe) {
    ASSERT_NE(std::getenv("HF_BINARY"), nullptr);
    hf::testing::TempDir dir;
    auto out = RunCli(dir, {"shell"},
                      "CREATE SCHEMA staging;\nCREATE TABLE staging.s (id INTEGER,\n  txt VARCHAR);\n"
                      "INSERT INTO staging.s VALUES (1, 'a;b'), -- a comment; with a semicolon\n (2, 'c');\n"
                      ".tables\n.format csv\nSELECT * FROM staging.s ORDER BY id;\n.schema s\n"
                      "SELECT * FROM nowhere;\nSELECT 42 AS answer\n");
    EXPECT_EQ(out.exit_code, 1);  // one statement failed
    EXPECT_NE(out.out.find("staging.s\n"), std::string::npos) << out.out;
    EXPECT_NE(out.out.find("id,txt\n1,a;b\n2,c\n"), std::string::npos) << out.out;
    EXPECT_NE(out.out.find("table staging.s\n"), std::string::npos) << out.out;
    EXPECT_NE(out.out.find("answer\n42\n"), std::string::npos) << out.out;
    EXPECT_NE(out.err.find("nowhere"), std::string::npos) << out.err;
}

}  // namespace
}  // namespace hf::db::testing
