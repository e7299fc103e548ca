// The same API answers on both warehouse engines: the fixture loaded into DuckDB and into a
// PostgreSQL database (TestPostgres), every GET endpoint compared body for body.
#include "serve_fixture.h"

#include <fstream>

#include "db/postgres_warehouse.h"
#include "support/test_postgres.h"

namespace hf::testing {
namespace {

TEST(ServeEnginesTest, PostgresWarehouseAnswersLikeDuckDb) {
    TempDir duck_dir;
    RunningServer duck(duck_dir.Path(), MakeFixtureWarehouse(duck_dir.Path()));

    TempDir pg_dir;
    auto spec = TestPostgres::Instance().FreshDatabase("serve_engines");
    {
        std::ifstream in(std::filesystem::path(std::getenv("HF_SOURCE_DIR")) / "tests/serve/fixtures/marts.sql");
        std::stringstream sql;
        sql << in.rdbuf();
        db::PostgresWarehouse::Open(spec).Value()->Execute(sql.str());
    }
    std::filesystem::copy(duck_dir.Path() / "runs", pg_dir.Path() / "runs", std::filesystem::copy_options::recursive);
    RunningServer pg(pg_dir.Path(), [spec] { return std::unique_ptr<db::Warehouse>(db::PostgresWarehouse::Open(spec).Value()); });

    const std::vector<std::string> paths = {
        "/api/meta",
        "/api/lits/occupation",
        "/api/lits/occupation?service=CARD&du=2026-01-01&au=2026-01-04",
        "/api/lits/historique",
        "/api/lits/critiques",
        "/api/stocks/alertes",
        "/api/stocks/alertes?au=2026-04-06",
        "/api/stocks/deficits?limite=3",
        "/api/stocks/inventaire",
        "/api/finance/couts",
        "/api/finance/couts?du=2026-03-01&au=2026-03-31",
        "/api/finance/tendance?service=CARD",
        "/api/finance/dms",
        "/api/finance/motifs?service=PNEU",
        "/api/patients/recherche?q=dup",
        "/api/patients/recherche?q=b6e4b89625d6bcd48da418526408375b",
        "/api/patients/recherche?q=m",
        "/api/patients/recherche?q=2",
        "/api/patients/historique?patient_id=1&date=2026-01-01",
        "/api/patients/sejours?patient_id=1",
        "/api/pipeline/fraicheur",
        "/api/stocks/deficits?format=csv",
    };
    auto duck_client = duck.Client();
    auto pg_client = pg.Client();
    for (const auto& path : paths) {
        auto a = duck_client->Get(path);
        auto b = pg_client->Get(path);
        ASSERT_TRUE(a && b) << path;
        EXPECT_EQ(a->status, 200) << path << ": " << a->body;
        EXPECT_EQ(b->status, 200) << path << ": " << b->body;
        if (path.find("format=csv") != std::string::npos) {
            EXPECT_EQ(a->body, b->body) << path;
        } else {
            EXPECT_EQ(nlohmann::json::parse(a->body), nlohmann::json::parse(b->body)) << path;
        }
    }
}

}  // namespace
}  // namespace hf::testing
