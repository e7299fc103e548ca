#pragma once

#include <spdlog/spdlog.h>

namespace hf {

// How chatty the program is on standard error.
enum class Verbosity { QUIET, NORMAL, VERBOSE };

// Configures the process-wide logger (standard error, "HH:MM:SS level message").
// Call once from main before any thread starts.
void InitLogging(Verbosity verbosity);

// The verbosity InitLogging was given; progress printers stay silent when QUIET.
Verbosity CurrentVerbosity();

}  // namespace hf
