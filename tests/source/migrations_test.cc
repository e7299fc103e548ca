#include <gtest/gtest.h>

#include "source/migrations.h"
#include "support/test_postgres.h"

namespace hf::source {
namespace {

TEST(MigrationsTest, ApplyingTwiceIsANoOp) {
    auto spec = testing::TestPostgres::Instance().FreshDatabase("migrations_twice");
    auto conn = pg::Connection::Open(spec).Value();
    auto first = ApplyMigrations(conn);
    EXPECT_EQ(first.applied.size(), AllMigrations().size());
    auto objects_before = conn.Exec(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'");
    auto second = ApplyMigrations(conn);
    EXPECT_TRUE(second.applied.empty());
    EXPECT_EQ(second.current_version, first.current_version);
    auto objects_after = conn.Exec(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'");
    EXPECT_EQ(objects_before.GetInt(0, 0), objects_after.GetInt(0, 0));
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM schema_migrations").GetInt(0, 0),
              static_cast<long long>(AllMigrations().size()));
}

TEST(MigrationsTest, ChangedMigrationIsRefused) {
    auto spec = testing::TestPostgres::Instance().FreshDatabase("migrations_changed");
    auto conn = pg::Connection::Open(spec).Value();
    ApplyMigrations(conn);
    conn.Exec("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1");
    try {
        ApplyMigrations(conn);
        FAIL() << "a changed migration must be refused";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::DATA);
        EXPECT_NE(e.Message().find("migration 1 (schema)"), std::string::npos) << e.Message();
    }
}

}  // namespace
}  // namespace hf::source
