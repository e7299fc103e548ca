#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "serve/announcement.h"

namespace hf::pipeline::testing {

// `healthflow --data-dir DIR serve --port 0 [args]` as a child process with `env` added, its
// output in DIR/serve.out; ready once its serve.json names it. Stopped with SIGTERM on
// destruction (or Stop()).
class ServeProcess {
public:
    ServeProcess(const std::filesystem::path& data_dir, const std::map<std::string, std::string>& env,
                 const std::vector<std::string>& args = {})
        : data_dir_(data_dir) {
        std::vector<std::string> argv = {
            std::getenv("HF_BINARY"), "--data-dir", data_dir.string(), "serve", "--port", "0"};
        argv.insert(argv.end(), args.begin(), args.end());
        std::string out = (data_dir / "serve.out").string();
        pid_ = ::fork();
        if (pid_ == 0) {
            for (const auto& [name, value] : env) {
                ::setenv(name.c_str(), value.c_str(), 1);
            }
            int fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            std::vector<char*> raw;
            for (auto& a : argv) {
                raw.push_back(a.data());
            }
            raw.push_back(nullptr);
            ::execv(raw[0], raw.data());
            ::_exit(127);
        }
        for (int i = 0; i < 600; ++i) {
            auto found = serve::FindLiveServer(data_dir);
            if (found && found->pid == pid_) {
                announcement_ = *found;
                return;
            }
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        throw Error(ErrorKind::INTERNAL, "healthflow serve did not start on " + data_dir.string(), Output());
    }
    ~ServeProcess() { Stop(); }

    // SIGTERM, then waits; returns the exit code (-1 when killed or already stopped).
    int Stop() {
        if (pid_ <= 0) {
            return -1;
        }
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

    const serve::ServerAnnouncement& Announcement() const { return announcement_; }
    long Pid() const { return announcement_.pid; }
    // A client of the server (10 s timeouts).
    std::unique_ptr<httplib::Client> Client() const {
        auto client = std::make_unique<httplib::Client>("127.0.0.1", announcement_.port);
        client->set_read_timeout(10, 0);
        return client;
    }
    // What the server printed so far.
    std::string Output() const {
        std::ifstream in(data_dir_ / "serve.out");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

private:
    std::filesystem::path data_dir_;
    pid_t pid_ = -1;
    serve::ServerAnnouncement announcement_;
};

} // namespace hf::pipeline::testing
