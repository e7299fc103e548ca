#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace hf {

// How to run a child process.
struct ProcessOptions {
    std::map<std::string, std::string> extra_env;    // added to the current environment
    std::optional<std::string> run_as_user;          // switch to this system user (needs root)
    std::optional<std::string> working_dir;
    std::optional<std::string> stdin_data;           // fed to the child's standard input
    std::chrono::seconds timeout{600};
};

// What a finished child process left behind.
struct ProcessOutcome {
    int exit_code = -1;      // -1 when killed by a signal or the timeout
    std::string out;         // standard output
    std::string err;         // standard error
    bool timed_out = false;
};

// Runs argv[0] (looked up in PATH) with its arguments and waits for it. Returns an Error only
// when the program cannot be started at all; a non-zero exit is reported in the outcome.
Result<ProcessOutcome> RunProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace hf
