#include "source/local_cluster.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "common/fs.h"
#include "common/hash.h"
#include "common/process.h"
#include "common/strings.h"

namespace hf::source {

namespace fs = std::filesystem;

namespace {

int FindFreePort() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        throw Error(ErrorKind::IO, "cannot open a socket to look for a free port");
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
        port = ntohs(addr.sin_port);
    }
    ::close(fd);
    if (port == 0) {
        throw Error(ErrorKind::IO, "no free TCP port on 127.0.0.1");
    }
    return port;
}

bool PortIsFree(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return false;
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(port));
    bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

std::string LastLines(const std::string& text, size_t n) {
    auto lines = Split(std::string(Trim(text)), '\n');
    if (lines.size() > n) {
        lines.erase(lines.begin(), lines.end() - static_cast<long>(n));
    }
    return Join(lines, " | ");
}

}  // namespace

LocalCluster::LocalCluster(LocalClusterOptions options) : options_(std::move(options)) {
    options_.data_dir = fs::absolute(options_.data_dir).lexically_normal();
}

fs::path LocalCluster::StateFile() const { return options_.data_dir / "cluster.json"; }

fs::path LocalCluster::PasswordFile() const { return options_.data_dir / "secrets" / "source_password"; }

bool LocalCluster::RunsAsOtherUser() const { return ::geteuid() == 0; }

fs::path LocalCluster::BinDir() const {
    std::vector<std::pair<int, fs::path>> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        long long version = 0;
        if (ParseInt64(entry.path().filename().string(), version) && fs::exists(entry.path() / "bin" / "initdb")) {
            found.emplace_back(static_cast<int>(version), entry.path() / "bin");
        }
    }
    if (found.empty()) {
        throw Error(ErrorKind::NOT_FOUND, "PostgreSQL server programs (initdb, pg_ctl) are not installed",
                    "run scripts/bootstrap.sh, or apt-get install postgresql; or point source.url at a server");
    }
    std::sort(found.begin(), found.end());
    return found.back().second;
}

fs::path LocalCluster::SocketDir(const State& s) const {
    fs::path dir = s.cluster_root / "run";
    if (dir.string().size() + 20 < 100) {
        return dir;
    }
    return fs::path("/tmp") / ("healthflow-" + Sha256Hex(s.cluster_root.string()).substr(0, 12));
}

void LocalCluster::RunTool(const std::vector<std::string>& argv, const std::string& what) const {
    ProcessOptions opts;
    if (RunsAsOtherUser()) {
        opts.run_as_user = options_.system_user;
    }
    opts.working_dir = "/";
    opts.timeout = std::chrono::seconds(120);
    auto outcome = RunProcess(argv, opts).Value();
    if (outcome.exit_code != 0) {
        throw Error(ErrorKind::IO, what + " failed: " + LastLines(outcome.err.empty() ? outcome.out : outcome.err, 3),
                    "see the cluster log in " + (options_.data_dir / "cluster.json").string() +
                        "'s cluster_root/postgresql.log");
    }
}

std::optional<LocalCluster::State> LocalCluster::LoadState() const {
    auto text = ReadFile(StateFile());
    if (!text) {
        return std::nullopt;
    }
    try {
        auto j = nlohmann::json::parse(text.Value());
        State s;
        s.cluster_root = ResolveClusterRoot(j.at("cluster_root").get<std::string>());
        s.port = j.at("port").get<int>();
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorKind::DATA, "cluster state file '" + StateFile().string() + "' is damaged: " + e.what(),
                    "remove the data folder to start over (this deletes the private cluster's data)");
    }
}

fs::path LocalCluster::ResolveClusterRoot(const fs::path& stored) const {
    const fs::path inside = options_.data_dir / "pg";
    if (stored.is_relative()) {
        return options_.data_dir / stored;
    }
    // Written by an older version as an absolute path. When the data folder has been copied or
    // moved, that path names the original folder's cluster: use the copy's own.
    if (stored.filename() == "pg" && stored.lexically_normal() != inside.lexically_normal() &&
        fs::exists(inside / "data" / "PG_VERSION")) {
        spdlog::warn("cluster.json names {}, another data folder's cluster; using this folder's {}", stored.string(),
                     inside.string());
        return inside;
    }
    return stored;
}

void LocalCluster::WriteServerConfig(const State& state) const {
    const std::string conf = "# Written by healthflow.\n"
                             "listen_addresses = '127.0.0.1'\n"
                             "port = " + std::to_string(state.port) + "\n"
                             "unix_socket_directories = '" + SocketDir(state).string() + "'\n"
                             "timezone = 'Europe/Paris'\n"
                             "max_connections = 60\n"
                             "logging_collector = off\n";
    const fs::path file = PgData(state) / "healthflow.conf";
    auto current = ReadFile(file);
    if (current && current.Value() == conf) {
        return;
    }
    WriteFileAtomic(file, conf, 0600).Check();
    if (RunsAsOtherUser()) {
        struct passwd* pw = ::getpwnam(options_.system_user.c_str());
        if (pw != nullptr && ::chown(file.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
            throw Error(ErrorKind::IO, "cannot give " + file.string() + " to " + options_.system_user);
        }
    }
}

void LocalCluster::CheckReachable(const State& state) const {
    if (!RunsAsOtherUser()) {
        return;
    }
    ProcessOptions as_user;
    as_user.run_as_user = options_.system_user;
    auto reach = RunProcess({"test", "-x", PgData(state).string()}, as_user).Value();
    if (reach.exit_code != 0) {
        throw Error(ErrorKind::IO,
                    "user '" + options_.system_user + "', who runs the private cluster, cannot reach " +
                        PgData(state).string(),
                    "let it through every parent folder (chmod o+x on each, e.g. a folder made by mktemp -d is 0700), "
                    "or move the data folder");
    }
}

void LocalCluster::GiveToSystemUser(const State& state) const {
    if (!RunsAsOtherUser()) {
        return;
    }
    struct passwd* pw = ::getpwnam(options_.system_user.c_str());
    struct stat st {};
    if (pw == nullptr || ::stat(PgData(state).c_str(), &st) != 0 || st.st_uid == pw->pw_uid) {
        return;
    }
    // A data folder copied without keeping owners (cp -r as root): PostgreSQL refuses to start
    // on files its user cannot read, so the cluster's files go back to that user.
    spdlog::warn("the cluster files in {} are not owned by '{}' (copied without keeping owners?); giving them back",
                 state.cluster_root.string(), options_.system_user);
    std::error_code ec;
    [[maybe_unused]] int rc = ::lchown(state.cluster_root.c_str(), pw->pw_uid, pw->pw_gid);
    for (auto it = fs::recursive_directory_iterator(state.cluster_root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (::lchown(it->path().c_str(), pw->pw_uid, pw->pw_gid) != 0) {
            throw Error(ErrorKind::IO, "cannot give " + it->path().string() + " to " + options_.system_user,
                        "copy data folders with `cp -a` to keep owners");
        }
    }
}

void LocalCluster::SaveState(const State& state) const {
    // Inside the data folder the root is kept relative, so that a copied or moved data folder
    // keeps using its own cluster.
    const fs::path relative = state.cluster_root.lexically_relative(options_.data_dir);
    const bool inside = !relative.empty() && *relative.begin() != "..";
    nlohmann::json j = {{"cluster_root", inside ? relative.string() : state.cluster_root.string()},
                        {"port", state.port}};
    WriteFileAtomic(StateFile(), j.dump(2) + "\n", 0600).Check();
}

LocalCluster::State LocalCluster::Initialise() {
    EnsureDirectory(options_.data_dir, 0755).Check();
    EnsureDirectory(options_.data_dir / "secrets", 0700).Check();
    State state;
    state.cluster_root = options_.data_dir / "pg";
    uid_t uid = ::geteuid();
    gid_t gid = ::getegid();
    if (RunsAsOtherUser()) {
        if (::getpwnam(options_.system_user.c_str()) == nullptr) {
            spdlog::info("creating system user '{}' to run the private PostgreSQL cluster", options_.system_user);
            auto out = RunProcess({"useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell",
                                   "/usr/sbin/nologin", options_.system_user})
                           .Value();
            if (out.exit_code != 0) {
                throw Error(ErrorKind::IO, "cannot create system user '" + options_.system_user + "': " + out.err,
                            "create it by hand, or set source.system_user to an existing non-root user");
            }
        }
        struct passwd* pw = ::getpwnam(options_.system_user.c_str());
        uid = pw->pw_uid;
        gid = pw->pw_gid;
        ProcessOptions as_user;
        as_user.run_as_user = options_.system_user;
        auto reach = RunProcess({"test", "-x", options_.data_dir.string()}, as_user).Value();
        if (reach.exit_code != 0) {
            // The data folder sits under a folder the system user may not enter (e.g. /root):
            // keep the cluster files in a system location instead, and remember where.
            state.cluster_root =
                fs::path("/var/lib/healthflow/clusters") / Sha256Hex(options_.data_dir.string()).substr(0, 16);
            spdlog::info("the data folder is not reachable by user '{}'; cluster files go to {}",
                         options_.system_user, state.cluster_root.string());
        }
    }
    EnsureDirectory(state.cluster_root, 0700).Check();
    if (::chown(state.cluster_root.c_str(), uid, gid) != 0) {
        throw Error(ErrorKind::IO, "cannot give " + state.cluster_root.string() + " to " + options_.system_user);
    }

    std::string password = RandomToken(32);
    fs::path pwfile = state.cluster_root / ".initdb_password";
    WriteFileAtomic(pwfile, password + "\n", 0600).Check();
    [[maybe_unused]] int rc = ::chown(pwfile.c_str(), uid, gid);
    spdlog::info("initialising the private PostgreSQL cluster in {}", PgData(state).string());
    try {
        RunTool({(BinDir() / "initdb").string(), "-D", PgData(state).string(), "-U", "healthflow",
                 "--pwfile=" + pwfile.string(), "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                 "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"},
                "initdb");
    } catch (...) {
        fs::remove(pwfile);
        throw;
    }
    fs::remove(pwfile);
    WriteSecretFile(PasswordFile(), password).Check();

    state.port = options_.port != 0 ? options_.port : FindFreePort();
    WriteServerConfig(state);
    auto main_conf = ReadFile(PgData(state) / "postgresql.conf").Value();
    main_conf += "\ninclude 'healthflow.conf'\n";
    WriteFileAtomic(PgData(state) / "postgresql.conf", main_conf, 0600).Check();
    rc = ::chown((PgData(state) / "postgresql.conf").c_str(), uid, gid);
    SaveState(state);
    return state;
}

bool LocalCluster::IsRunning(const State& s) const {
    ProcessOptions opts;
    if (RunsAsOtherUser()) {
        opts.run_as_user = options_.system_user;
    }
    opts.working_dir = "/";
    auto outcome = RunProcess({(BinDir() / "pg_ctl").string(), "status", "-D", PgData(s).string()}, opts).Value();
    return outcome.exit_code == 0;
}

ClusterStatus LocalCluster::Status() const {
    ClusterStatus status;
    auto state = LoadState();
    if (!state || !fs::exists(state->cluster_root)) {
        return status;
    }
    status.initialized = true;
    status.port = state->port;
    status.cluster_dir = PgData(*state);
    status.socket_dir = SocketDir(*state);
    status.log_file = state->cluster_root / "postgresql.log";
    status.running = IsRunning(*state);
    return status;
}

void LocalCluster::Start() {
    auto state = LoadState();
    bool fresh = false;
    if (!state || !fs::exists(PgData(*state) / "PG_VERSION")) {
        state = Initialise();
        fresh = true;
    } else if (IsRunning(*state)) {
        throw Error(ErrorKind::CONFLICT,
                    "the private PostgreSQL cluster is already running on port " + std::to_string(state->port),
                    "nothing to do; `healthflow db status` shows it, `healthflow db stop` stops it");
    }
    if (!fresh) {
        GiveToSystemUser(*state);
        CheckReachable(*state);
    }
    if (!PortIsFree(state->port)) {
        if (options_.port != 0) {
            throw Error(ErrorKind::CONFLICT, "port " + std::to_string(state->port) + " on 127.0.0.1 is in use",
                        "choose another source.port, or stop what listens there");
        }
        int old_port = state->port;
        state->port = FindFreePort();
        spdlog::warn("port {} is taken by another program; the cluster moves to port {}", old_port, state->port);
        SaveState(*state);
    }
    WriteServerConfig(*state);  // port and socket folder of this data folder (it may be a copy)
    fs::path socket_dir = SocketDir(*state);
    EnsureDirectory(socket_dir, 0755).Check();
    if (RunsAsOtherUser()) {
        struct passwd* pw = ::getpwnam(options_.system_user.c_str());
        [[maybe_unused]] int rc = ::chown(socket_dir.c_str(), pw->pw_uid, pw->pw_gid);
    }
    spdlog::info("starting the private PostgreSQL cluster on 127.0.0.1:{}", state->port);
    RunTool({(BinDir() / "pg_ctl").string(), "start", "-D", PgData(*state).string(), "-l",
             (state->cluster_root / "postgresql.log").string(), "-w", "-t", "60"},
            "pg_ctl start");
    if (fresh) {
        CreateDatabase("healthflow");
    }
}

void LocalCluster::EnsureRunning() {
    auto status = Status();
    if (!status.running) {
        Start();
    }
}

void LocalCluster::Stop() {
    auto state = LoadState();
    if (!state || !IsRunning(*state)) {
        throw Error(ErrorKind::CONFLICT, "the private PostgreSQL cluster is not running",
                    "`healthflow db start` starts it");
    }
    RunTool({(BinDir() / "pg_ctl").string(), "stop", "-D", PgData(*state).string(), "-m", "fast", "-w", "-t", "60"},
            "pg_ctl stop");
}

pg::ConnectionSpec LocalCluster::Spec(const std::string& database) const {
    auto state = LoadState();
    if (!state) {
        throw Error(ErrorKind::NOT_FOUND, "the private PostgreSQL cluster has not been created in " +
                                              options_.data_dir.string(),
                    "run `healthflow db start`, or set source.url to use another server");
    }
    pg::ConnectionSpec spec;
    spec.url = "postgresql://healthflow@/" + database + "?host=" + UriEncode(SocketDir(*state).string(), true) +
               "&port=" + std::to_string(state->port);
    spec.password = ReadSecretFile(PasswordFile()).Value();
    return spec;
}

std::string LocalCluster::TcpUrl(const std::string& database) const {
    auto state = LoadState();
    if (!state) {
        throw Error(ErrorKind::NOT_FOUND, "the private PostgreSQL cluster has not been created",
                    "run `healthflow db start`");
    }
    return "postgresql://healthflow@127.0.0.1:" + std::to_string(state->port) + "/" + database;
}

void LocalCluster::CreateDatabase(const std::string& name) {
    auto conn = pg::Connection::Open(Spec("postgres")).Value();
    auto exists = conn.ExecParams("SELECT 1 FROM pg_database WHERE datname = $1", {name});
    if (exists.Rows() == 0) {
        conn.Exec("CREATE DATABASE " + conn.QuoteIdentifier(name));
    }
}

}  // namespace hf::source
