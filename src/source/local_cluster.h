#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "common/result.h"
#include "pg/connection.h"

namespace hf::source {

// Settings of a private PostgreSQL cluster kept under HealthFlow's data folder.
struct LocalClusterOptions {
    std::filesystem::path data_dir;         // HealthFlow's data folder (absolute)
    std::string system_user = "healthflow"; // owner of the cluster files when run as root
    int port = 0;                           // 0: pick a free port on first start
};

// What `healthflow db status` reports.
struct ClusterStatus {
    bool initialized = false;
    bool running = false;
    int port = 0;
    std::filesystem::path cluster_dir;   // PGDATA
    std::filesystem::path socket_dir;
    std::filesystem::path log_file;
};

// A private PostgreSQL cluster (initdb/pg_ctl from Debian's postgresql package) listening on
// a Unix socket and on 127.0.0.1. Its superuser "healthflow" has a generated password kept
// in <data_dir>/secrets/source_password (mode 0600). When HealthFlow runs as root the cluster
// runs as a dedicated system user, since PostgreSQL refuses to run as root.
// Not thread-safe; one process manages a cluster at a time.
class LocalCluster {
public:
    explicit LocalCluster(LocalClusterOptions options);

    // Initialises the cluster if needed and starts it. Fails with CONFLICT if it is already running.
    void Start();
    // Stops the cluster (fast shutdown). Fails with CONFLICT if it is not running.
    void Stop();
    ClusterStatus Status() const;
    // Starts the cluster unless it is already running.
    void EnsureRunning();

    // Connection to the cluster's "healthflow" database through its Unix socket.
    pg::ConnectionSpec Spec(const std::string& database = "healthflow") const;
    // Public URL on 127.0.0.1 (no password in it), for psql and other tools.
    std::string TcpUrl(const std::string& database = "healthflow") const;
    // Creates a database if it does not exist (used by tests and the PostgreSQL warehouse).
    void CreateDatabase(const std::string& name);
    // Path of the secret file holding the password.
    std::filesystem::path PasswordFile() const;

private:
    struct State {
        std::filesystem::path cluster_root;
        int port = 0;
    };
    std::optional<State> LoadState() const;
    void SaveState(const State& state) const;
    // The cluster root recorded in cluster.json, made absolute: relative to the data folder, or,
    // for an absolute path naming another data folder's cluster (a copied folder), this folder's.
    std::filesystem::path ResolveClusterRoot(const std::filesystem::path& stored) const;
    // Gives the cluster's files back to the system user when they belong to someone else.
    void GiveToSystemUser(const State& state) const;
    // Fails with a hint when the system user cannot reach the cluster's files (a parent folder
    // closed to others, e.g. a copy made under a mktemp -d folder).
    void CheckReachable(const State& state) const;
    // Writes the server settings HealthFlow owns (port, socket folder...) into healthflow.conf
    // when they differ from the file's.
    void WriteServerConfig(const State& state) const;
    State Initialise();
    std::filesystem::path StateFile() const;
    std::filesystem::path PgData(const State& s) const { return s.cluster_root / "data"; }
    std::filesystem::path SocketDir(const State& s) const;
    bool RunsAsOtherUser() const;
    std::filesystem::path BinDir() const;
    void RunTool(const std::vector<std::string>& argv, const std::string& what) const;
    bool IsRunning(const State& s) const;

    LocalClusterOptions options_;
};

}  // namespace hf::source
