#pragma once

#include <sys/types.h>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "lake/s3_options.h"
#include "support/temp_dir.h"

namespace hf::testing {

// A local S3-compatible server for one test binary: @20minutes/s3rver (tests/lake/s3server,
// installed by `npm ci`) run by node on 127.0.0.1 at a free port, checking SigV4 signatures
// against the account S3RVER / S3RVER, with one bucket "hf-lake". Started on first use,
// stopped when the process ends. Records every request line it receives. Thread-safe.
class S3TestServer {
public:
    static constexpr const char* kBucket = "hf-lake";

    // The process-wide instance, started (and waited for) on first call.
    static S3TestServer& Instance();
    ~S3TestServer();

    int Port() const { return port_; }
    // Options reaching the bucket under `prefix` with the right credentials (path style,
    // 5 MiB parts, fast retries).
    lake::S3Options Options(const std::string& prefix) const;
    // "PUT /hf-lake/key?partNumber=1&uploadId=..." for every request received so far.
    std::vector<std::string> Requests() const;

private:
    S3TestServer();

    TempDir dir_;
    pid_t pid_ = -1;
    int stdin_fd_ = -1;
    int stdout_fd_ = -1;
    int port_ = 0;
    mutable std::mutex mutex_;
    std::vector<std::string> requests_;  // guarded by mutex_
    std::jthread reader_;
};

}  // namespace hf::testing
