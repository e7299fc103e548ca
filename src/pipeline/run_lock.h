#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace hf::pipeline {

// The pipeline's run lock: an exclusive flock on <data_dir>/runs/run.lock, held for a whole run
// so that two runs never write the warehouse at the same time. The kernel releases it when the
// process dies, which is how a crashed run is recognised. The file names the holder (pid, run).
// Move-only; releases on destruction. Not thread-safe.
class RunLock {
public:
    // Takes the lock, waiting up to `wait` (0: fail at once). Throws CONFLICT naming the holder
    // when it stays taken, IO when the lock file cannot be opened.
    static RunLock Acquire(const std::filesystem::path& data_dir, const std::string& holder,
                           std::chrono::milliseconds wait);
    // True when nobody holds the lock right now (takes and releases it).
    static bool IsFree(const std::filesystem::path& data_dir);

    RunLock(RunLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    RunLock& operator=(RunLock&&) = delete;
    RunLock(const RunLock&) = delete;
    ~RunLock();

private:
    explicit RunLock(int fd) : fd_(fd) {}
    int fd_;
};

}  // namespace hf::pipeline
