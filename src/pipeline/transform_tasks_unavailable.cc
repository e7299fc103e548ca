#include "pipeline/daily_dag.h"

namespace hf::pipeline {

bool TransformTasksAvailable() { return false; }

std::function<TaskOutcome(const TaskContext&)> TransformTaskBody(const Config&, const std::string& step, bool) {
    return [step](const TaskContext&) -> TaskOutcome {
        throw Error(ErrorKind::INTERNAL, "transform." + step + " cannot run: this build has no transformation runner",
                    "build HealthFlow with src/transform/run (the runner) and run the pipeline again");
    };
}

}  // namespace hf::pipeline
