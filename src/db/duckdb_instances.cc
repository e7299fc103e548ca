#include "db/duckdb_instances.h"

#include <map>
#include <mutex>
#include <regex>

#include "common/strings.h"
#include "db/warehouse.h"

namespace hf::db {

namespace {

// Guards the registry of shared instances, their opening and their closing.
std::mutex& RegistryMutex() {
    static std::mutex mutex;
    return mutex;
}

Error LockConflict(const std::string& path, const std::string& message) {
    std::smatch m;
    std::string pid = "?";
    std::string program;
    static const std::regex kHolder(R"(held in (.*) \(PID (\d+)\))");
    if (std::regex_search(message, m, kHolder)) {
        program = m[1];
        pid = m[2];
    }
    return Error(ErrorKind::CONFLICT,
                 "the warehouse " + path + " is in use by process " + pid +
                     (program.empty() ? "" : " (" + program + ")"),
                 "DuckDB lets one process at a time open the file: stop process " + pid +
                     " or wait for it to finish (a running `healthflow serve` owns the warehouse and runs "
                     "pipeline jobs itself), or use a PostgreSQL warehouse for concurrent access");
}

// Runs `sql` on `connection`; the error message, or "" on success.
std::string Run(duckdb_connection connection, const std::string& sql) {
    DuckResult result;
    if (duckdb_query(connection, sql.c_str(), result.Out()) == DuckDBSuccess) {
        return "";
    }
    const char* err = duckdb_result_error(result.Get());
    return err != nullptr && *err != '\0' ? err : "unknown error";
}

// A new in-memory DuckDB instance; `temp_directory` set when not empty (where large sorts spill).
Result<DuckDatabase> OpenHost(const std::string& temp_directory) {
    DuckConfig config;
    if (duckdb_create_config(config.Out()) != DuckDBSuccess) {
        return Error(ErrorKind::INTERNAL, "DuckDB could not allocate a configuration");
    }
    if (!temp_directory.empty()) {
        duckdb_set_config(config.Get(), "temp_directory", temp_directory.c_str());
    }
    DuckDatabase database;
    char* err = nullptr;
    if (duckdb_open_ext(nullptr, database.Out(), config.Get(), &err) != DuckDBSuccess) {
        std::string message = err != nullptr ? err : "unknown error";
        duckdb_free(err);
        return Error(ErrorKind::INTERNAL, "DuckDB could not start: " + message);
    }
    duckdb_free(err);
    return database;
}

// Attaches the file at `where` to a new host instance as `catalog`.
Result<std::shared_ptr<DuckInstance>> OpenFile(const std::string& where, const std::string& catalog, bool read_only) {
    auto host = OpenHost(where + ".tmp");
    if (!host) {
        return host.Err();
    }
    auto instance = std::make_shared<DuckInstance>();
    instance->database = std::move(host).Value();
    instance->catalog = catalog;
    instance->read_only = read_only;
    DuckConnection connection;
    if (duckdb_connect(instance->database.Get(), connection.Out()) != DuckDBSuccess) {
        return Error(ErrorKind::INTERNAL, "cannot connect to DuckDB to open " + where);
    }
    std::string attach = "ATTACH " + Warehouse::QuoteLiteral(where) + " AS " + Warehouse::QuoteIdentifier(catalog) +
                         " (ROW_GROUP_SIZE " + std::to_string(kWarehouseRowGroupSize) +
                         (read_only ? ", READ_ONLY)" : ")");
    std::string message = Run(connection.Get(), attach);
    if (message.empty()) {
        return instance;
    }
    if (message.find("Conflicting lock") != std::string::npos ||
        message.find("Could not set lock") != std::string::npos) {
        return LockConflict(where, message);
    }
    return Error(ErrorKind::IO, "cannot open the DuckDB warehouse " + where + ": " + message,
                 "check that the file is a DuckDB database of version 1.x and that its folder is writable");
}

} // namespace

DuckInstance::~DuckInstance() {
    if (shared) {
        std::lock_guard lock(RegistryMutex());
        database.Reset();
    }
}

Result<std::shared_ptr<DuckInstance>> SharedDuckInstance(const std::filesystem::path& path, bool read_only) {
    static std::map<std::string, std::weak_ptr<DuckInstance>> instances; // by absolute path, under RegistryMutex
    std::string where = path.string();
    std::string catalog = path.stem().string();
    std::string lowered = ToLower(catalog); // DuckDB's catalog names ignore case
    if (lowered == "memory" || lowered == "system" || lowered == "temp") {
        return Error(ErrorKind::INVALID_INPUT, "the warehouse file " + where + " is named like a DuckDB catalog",
                     "name the file otherwise (warehouse.path), e.g. warehouse.duckdb");
    }
    std::shared_ptr<DuckInstance> instance;
    {
        // The last owner of an instance is never let go under this lock: its close takes it.
        std::lock_guard lock(RegistryMutex());
        auto& entry = instances[std::filesystem::absolute(path).lexically_normal().string()];
        instance = entry.lock();
        if (!instance) {
            auto opened = OpenFile(where, catalog, read_only);
            if (!opened) {
                return opened.Err();
            }
            instance = std::move(opened).Value();
            instance->shared = true;
            entry = instance;
            return instance;
        }
    }
    if (instance->read_only != read_only) {
        return Error(ErrorKind::CONFLICT,
                     "the warehouse " + where + " is already open in this process " +
                         (instance->read_only ? "read-only" : "for writing"),
                     "open it the same way, or close the other connections first");
    }
    return instance;
}

Result<std::shared_ptr<DuckInstance>> PrivateDuckInstance() {
    auto host = OpenHost("");
    if (!host) {
        return host.Err();
    }
    auto instance = std::make_shared<DuckInstance>();
    instance->database = std::move(host).Value();
    return instance;
}

Result<DuckConnection> ConnectDuckInstance(const DuckInstance& instance, const std::string& describe) {
    DuckConnection connection;
    if (duckdb_connect(instance.database.Get(), connection.Out()) != DuckDBSuccess) {
        return Error(ErrorKind::INTERNAL, "cannot connect to the DuckDB warehouse " + describe);
    }
    if (!instance.catalog.empty()) {
        std::string message = Run(connection.Get(), "USE " + Warehouse::QuoteIdentifier(instance.catalog));
        if (!message.empty()) {
            return Error(ErrorKind::INTERNAL, "cannot use the DuckDB warehouse " + describe + ": " + message);
        }
    }
    return connection;
}

} // namespace hf::db
