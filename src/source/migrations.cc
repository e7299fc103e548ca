#include "source/migrations.h"

#include <algorithm>
#include <map>

#include "common/hash.h"
#include "common/resources.h"
#include "common/strings.h"

HF_DECLARE_RESOURCE_BUNDLE(source_sql)

namespace hf::source {

namespace {

constexpr long long kMigrationLockId = 0x4846'4d49'4752;  // "HFMIGR"

}  // namespace

std::vector<Migration> AllMigrations() {
    std::vector<Migration> out;
    const auto& bundle = resources::bundles::source_sql();
    for (const auto& path : bundle.List("migrations/")) {
        std::string file = path.substr(std::string("migrations/").size());
        long long version = 0;
        if (file.size() < 5 || !ParseInt64(file.substr(0, 3), version)) {
            throw Error(ErrorKind::INTERNAL, "migration file '" + path + "' must be named NNN_name.sql");
        }
        Migration m;
        m.version = static_cast<int>(version);
        m.name = file.substr(4, file.size() - 4 - 4);
        m.sql = std::string(bundle.Get(path));
        m.checksum = Sha256Hex(m.sql);
        out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
}

MigrationReport ApplyMigrations(pg::Connection& conn) {
    MigrationReport report;
    conn.Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,"
        " applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    for (const auto& m : AllMigrations()) {
        pg::WithTransaction(conn, [&] {
            conn.Exec("SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLockId) + ")");
            auto existing =
                conn.ExecParams("SELECT checksum FROM schema_migrations WHERE version = $1", {std::to_string(m.version)});
            if (existing.Rows() == 1) {
                if (existing.Get(0, 0) != m.checksum) {
                    throw Error(ErrorKind::DATA,
                                "migration " + std::to_string(m.version) + " (" + m.name +
                                    ") was applied with different content than this binary carries",
                                "a migration must never change once released; add a new one instead");
                }
                return;
            }
            conn.Exec(m.sql);
            conn.ExecParams("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                            {std::to_string(m.version), m.name, m.checksum});
            report.applied.push_back(m.version);
        });
    }
    auto current = conn.Exec("SELECT coalesce(max(version), 0) FROM schema_migrations");
    report.current_version = static_cast<int>(current.GetInt(0, 0));
    return report;
}

}  // namespace hf::source
