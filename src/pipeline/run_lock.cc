#include "pipeline/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "common/error.h"
#include "common/fs.h"

namespace hf::pipeline {

namespace {

std::filesystem::path LockPath(const std::filesystem::path& data_dir) { return data_dir / "runs" / "run.lock"; }

int OpenLockFile(const std::filesystem::path& data_dir) {
    EnsureDirectory(data_dir / "runs").Check();
    auto path = LockPath(data_dir);
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw Error(ErrorKind::IO, "cannot open the run lock " + path.string() + ": " + std::strerror(errno),
                    "check the permissions of the data folder");
    }
    return fd;
}

std::string ReadHolder(int fd) {
    char buf[256] = {};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string s = n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
    while (!s.empty() && (s.back() == '\n' || s.back() == '\0')) {
        s.pop_back();
    }
    return s.empty() ? "another process" : s;
}

}  // namespace

RunLock RunLock::Acquire(const std::filesystem::path& data_dir, const std::string& holder,
                         std::chrono::milliseconds wait) {
    int fd = OpenLockFile(data_dir);
    auto deadline = std::chrono::steady_clock::now() + wait;
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int err = errno;
            ::close(fd);
            throw Error(ErrorKind::IO, "cannot lock " + LockPath(data_dir).string() + ": " + std::strerror(err));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            std::string who = ReadHolder(fd);
            ::close(fd);
            throw Error(ErrorKind::CONFLICT,
                        "a pipeline run is already in progress on " + data_dir.string() + " (" + who + ")",
                        "wait for it to finish (`healthflow runs` shows it), or pass --wait SECONDS to queue "
                        "behind it");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::string text = holder + ", pid " + std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, text.data(), text.size(), 0) < 0) {
        // The lock itself is held; the holder's name is only for messages.
    }
    return RunLock(fd);
}

bool RunLock::IsFree(const std::filesystem::path& data_dir) {
    int fd = OpenLockFile(data_dir);
    bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);
    return free;
}

RunLock::~RunLock() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

}  // namespace hf::pipeline
