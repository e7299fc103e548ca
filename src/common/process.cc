#include "common/process.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hf {

namespace {

struct Pipe {
    int fds[2] = {-1, -1};
    Pipe() {
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            throw Error(ErrorKind::IO, std::string("cannot create a pipe: ") + std::strerror(errno));
        }
    }
    ~Pipe() {
        CloseRead();
        CloseWrite();
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    void CloseRead() {
        if (fds[0] >= 0) {
            ::close(fds[0]);
            fds[0] = -1;
        }
    }
    void CloseWrite() {
        if (fds[1] >= 0) {
            ::close(fds[1]);
            fds[1] = -1;
        }
    }
};

[[noreturn]] void ChildExec(const std::vector<std::string>& argv, const ProcessOptions& options, Pipe& in, Pipe& out,
                            Pipe& err, uid_t uid, gid_t gid, const std::string& user) {
    ::dup2(in.fds[0], STDIN_FILENO);
    ::dup2(out.fds[1], STDOUT_FILENO);
    ::dup2(err.fds[1], STDERR_FILENO);
    if (options.run_as_user) {
        if (::initgroups(user.c_str(), gid) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) {
            ::dprintf(STDERR_FILENO, "cannot switch to user %s: %s\n", user.c_str(), std::strerror(errno));
            ::_exit(126);
        }
    }
    if (options.working_dir && ::chdir(options.working_dir->c_str()) != 0) {
        ::dprintf(STDERR_FILENO, "cannot enter %s: %s\n", options.working_dir->c_str(), std::strerror(errno));
        ::_exit(126);
    }
    for (const auto& [key, value] : options.extra_env) {
        ::setenv(key.c_str(), value.c_str(), 1);
    }
    std::vector<char*> args;
    for (const auto& a : argv) {
        args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::dprintf(STDERR_FILENO, "cannot run %s: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
}

}  // namespace

Result<ProcessOutcome> RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options) {
    if (argv.empty()) {
        return Error(ErrorKind::INTERNAL, "RunProcess called with no program");
    }
    uid_t uid = 0;
    gid_t gid = 0;
    if (options.run_as_user) {
        struct passwd* pw = ::getpwnam(options.run_as_user->c_str());
        if (pw == nullptr) {
            return Error(ErrorKind::NOT_FOUND, "system user '" + *options.run_as_user + "' does not exist");
        }
        uid = pw->pw_uid;
        gid = pw->pw_gid;
    }
    Pipe in;
    Pipe out;
    Pipe err;
    pid_t pid = ::fork();
    if (pid < 0) {
        return Error(ErrorKind::IO, std::string("cannot start ") + argv[0] + ": " + std::strerror(errno));
    }
    if (pid == 0) {
        ChildExec(argv, options, in, out, err, uid, gid, options.run_as_user.value_or(""));
    }
    in.CloseRead();
    out.CloseWrite();
    err.CloseWrite();

    ProcessOutcome outcome;
    std::string_view to_write = options.stdin_data ? std::string_view(*options.stdin_data) : std::string_view();
    if (to_write.empty()) {
        in.CloseWrite();
    } else {
        ::fcntl(in.fds[1], F_SETFL, O_NONBLOCK);
    }
    auto deadline = std::chrono::steady_clock::now() + options.timeout;
    while (out.fds[0] >= 0 || err.fds[0] >= 0) {
        pollfd fds[3];
        int n = 0;
        int out_idx = -1;
        int err_idx = -1;
        int in_idx = -1;
        if (out.fds[0] >= 0) {
            out_idx = n;
            fds[n++] = {out.fds[0], POLLIN, 0};
        }
        if (err.fds[0] >= 0) {
            err_idx = n;
            fds[n++] = {err.fds[0], POLLIN, 0};
        }
        if (in.fds[1] >= 0) {
            in_idx = n;
            fds[n++] = {in.fds[1], POLLOUT, 0};
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid, SIGKILL);
            outcome.timed_out = true;
            break;
        }
        int rc = ::poll(fds, n, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (rc < 0 && errno != EINTR) {
            break;
        }
        char buf[65536];
        auto drain = [&](int idx, Pipe& p, std::string& sink) {
            if (idx >= 0 && (fds[idx].revents & (POLLIN | POLLHUP | POLLERR))) {
                ssize_t r = ::read(p.fds[0], buf, sizeof buf);
                if (r > 0) {
                    sink.append(buf, static_cast<size_t>(r));
                } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
                    p.CloseRead();
                }
            }
        };
        drain(out_idx, out, outcome.out);
        drain(err_idx, err, outcome.err);
        if (in_idx >= 0 && (fds[in_idx].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = ::write(in.fds[1], to_write.data(), to_write.size());
            if (w > 0) {
                to_write.remove_prefix(static_cast<size_t>(w));
            }
            if (w < 0 && errno != EAGAIN && errno != EINTR) {
                to_write = {};
            }
            if (to_write.empty()) {
                in.CloseWrite();
            }
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!outcome.timed_out && WIFEXITED(status)) {
        outcome.exit_code = WEXITSTATUS(status);
    }
    return outcome;
}

}  // namespace hf
