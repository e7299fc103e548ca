#pragma once

#include <string>
#include <vector>

#include "pg/connection.h"

namespace hf::source {

// One versioned schema change, embedded from src/source/sql/migrations/NNN_name.sql.
struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
    std::string checksum;  // SHA-256 of sql, hex
};

// Every migration, in version order.
std::vector<Migration> AllMigrations();

// Outcome of ApplyMigrations.
struct MigrationReport {
    std::vector<int> applied;   // versions applied by this call
    int current_version = 0;    // highest version in schema_migrations afterwards
};

// Brings the database to the latest schema. Each migration runs in its own transaction,
// under an advisory lock so that two processes never migrate at once; applying twice is a
// no-op. Fails (DATA) if an applied migration's checksum no longer matches the binary's.
MigrationReport ApplyMigrations(pg::Connection& conn);

}  // namespace hf::source
