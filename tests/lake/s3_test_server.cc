#include "s3_test_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "common/error.h"
#include "common/strings.h"

extern char** environ;

namespace hf::testing {

namespace {

std::filesystem::path ServerDir() {
    const char* source = std::getenv("HF_SOURCE_DIR");
    std::filesystem::path root = source != nullptr ? source : ".";
    return root / "tests" / "lake" / "s3server";
}

// Reads one '\n'-terminated line from `fd`, waiting at most `timeout`; false at end of file.
bool ReadLine(int fd, std::string& pending, std::string& line, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        auto newline = pending.find('\n');
        if (newline != std::string::npos) {
            line = pending.substr(0, newline);
            pending.erase(0, newline + 1);
            return true;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            throw Error(ErrorKind::TIMEOUT, "the test S3 server did not start within 30 s");
        }
        pollfd pfd{fd, POLLIN, 0};
        if (poll(&pfd, 1, static_cast<int>(left.count())) <= 0) {
            continue;
        }
        char buf[4096];
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) {
            return false;
        }
        pending.append(buf, static_cast<size_t>(n));
    }
}

}  // namespace

S3TestServer& S3TestServer::Instance() {
    static S3TestServer server;
    return server;
}

S3TestServer::S3TestServer() {
    std::filesystem::path dir = ServerDir();
    if (!std::filesystem::exists(dir / "node_modules" / "@20minutes" / "s3rver")) {
        throw Error(ErrorKind::NOT_FOUND, "the test S3 server is not installed in " + dir.string(),
                    "run `npm ci` in tests/lake/s3server (scripts/test.sh does it)");
    }
    int in_pipe[2];
    int out_pipe[2];
    if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0) {
        throw Error(ErrorKind::IO, "cannot create pipes for the test S3 server");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    std::string script = (dir / "server.js").string();
    std::string data = (dir_.Path() / "data").string();
    // s3rver encrypts continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider.
    std::vector<std::string> args = {"node", "--openssl-legacy-provider", script, data, kBucket};
    std::vector<char*> argv;
    for (auto& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    int rc = posix_spawnp(&pid_, "node", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(in_pipe[0]);
    close(out_pipe[1]);
    stdin_fd_ = in_pipe[1];
    stdout_fd_ = out_pipe[0];
    if (rc != 0) {
        throw Error(ErrorKind::NOT_FOUND, "cannot start node for the test S3 server", "install nodejs");
    }
    std::string pending;
    std::string line;
    while (port_ == 0) {
        if (!ReadLine(stdout_fd_, pending, line, std::chrono::seconds(30))) {
            throw Error(ErrorKind::UNAVAILABLE, "the test S3 server exited before listening");
        }
        long long port = 0;
        if (StartsWith(line, "listening ") && ParseInt64(line.substr(10), port)) {
            port_ = static_cast<int>(port);
        }
    }
    reader_ = std::jthread([this, pending]() mutable {
        std::string line;
        while (ReadLine(stdout_fd_, pending, line, std::chrono::hours(24))) {
            if (StartsWith(line, "request ")) {
                std::lock_guard lock(mutex_);
                requests_.push_back(line.substr(8));
            }
        }
    });
}

S3TestServer::~S3TestServer() {
    close(stdin_fd_);
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    if (reader_.joinable()) {
        reader_.join();
    }
    close(stdout_fd_);
}

lake::S3Options S3TestServer::Options(const std::string& prefix) const {
    lake::S3Options options;
    options.bucket = kBucket;
    options.prefix = prefix.empty() ? "" : prefix + "/";
    options.endpoint = "http://127.0.0.1:" + std::to_string(port_);
    options.region = "us-east-1";
    options.path_style = true;
    options.credentials = {"S3RVER", "S3RVER", ""};
    options.part_size = lake::kMinPartSize;
    options.retry.max_retries = 2;
    options.retry.base_delay = std::chrono::milliseconds(20);
    return options;
}

std::vector<std::string> S3TestServer::Requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

}  // namespace hf::testing
