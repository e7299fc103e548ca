#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <thread>

#include "common/fs.h"
#include "pipeline/background_run.h"
#include "pipeline/executor.h"
#include "pipeline/pipeline_run.h"
#include "pipeline/run_lock.h"
#include "pipeline_fixture.h"

namespace hf::pipeline::testing {
namespace {

using namespace std::chrono_literals;

const Instant kStart = ParseInstant("2026-12-04T05:00:00Z");

Task MakeTask(std::string id, std::vector<std::string> deps, std::function<TaskOutcome(const TaskContext&)> body) {
    Task t;
    t.id = std::move(id);
    t.depends_on = std::move(deps);
    t.body = std::move(body);
    return t;
}

TaskOutcome Rows(int64_t in, int64_t out) {
    TaskOutcome o;
    o.rows_in = in;
    o.rows_out = out;
    return o;
}

class ExecutorTest : public ::testing::Test {
protected:
    RunRecord Run(std::vector<Task> tasks, const std::string& date = "2026-12-04") {
        PipelineRunOptions options;
        options.tasks = std::move(tasks);
        options.logical_date = date;
        options.clock = &clock_;
        return RunPipeline(TestConfig(dir_), options);
    }
    hf::testing::TempDir dir_;
    ManualClock clock_{kStart};
};

TEST_F(ExecutorTest, TaskFailingTwiceThenSucceedingIsRetriedAndTheRunSucceeds) {
    std::atomic<int> calls = 0;
    auto run = Run({MakeTask("extract.a", {},
                             [&](const TaskContext& ctx) {
                                 ++calls;
                                 if (ctx.Attempt() < 3) {
                                     throw Error(ErrorKind::UNAVAILABLE, "source down (attempt " +
                                                                             std::to_string(ctx.Attempt()) + ")");
                                 }
                                 return Rows(10, 10);
                             }),
                    MakeTask("load.a", {"extract.a"}, [](const TaskContext&) { return Rows(10, 9); })});
    EXPECT_EQ(run.state, RunState::SUCCESS);
    EXPECT_EQ(calls.load(), 3);
    ASSERT_EQ(run.tasks.size(), 2u);
    EXPECT_EQ(run.tasks[0].state, TaskState::SUCCESS);
    EXPECT_EQ(run.tasks[0].attempts, 3);
    EXPECT_EQ(run.tasks[0].error, "");
    EXPECT_EQ(run.tasks[1].state, TaskState::SUCCESS);
    EXPECT_EQ(run.tasks[1].attempts, 1);
    EXPECT_EQ(run.tasks[1].rows_in, 10);
    EXPECT_EQ(run.tasks[1].rows_out, 9);
    EXPECT_EQ(run.metrics.records_processed, 10);
    // Two retries of 5 minutes each, on the injected clock.
    EXPECT_EQ(clock_.Sleeps(), (std::vector<std::chrono::milliseconds>{300'000ms, 300'000ms}));
    EXPECT_EQ(run.metrics.latency_seconds, 600.0);
    EXPECT_EQ(FormatInstant(*run.tasks[0].ended_at), "2026-12-04T05:10:00Z");

    // The history on disk is the same run, and the task's log tells the story.
    RunStore store(dir_.Path());
    auto stored = store.Load(run.run_id);
    EXPECT_EQ(stored.ToJson(), run.ToJson());
    EXPECT_EQ(stored.trigger, Trigger::MANUAL);
    auto log = ReadFile(store.TaskLogPath(run.run_id, "extract.a")).Value();
    EXPECT_NE(log.find("attempt 1 failed (unavailable): source down (attempt 1)"), std::string::npos) << log;
    EXPECT_NE(log.find("retrying in 300 s"), std::string::npos) << log;
    EXPECT_NE(log.find("attempt 3 of 3"), std::string::npos) << log;
    EXPECT_NE(log.find("success: 10 rows in, 10 rows out"), std::string::npos) << log;
    EXPECT_EQ(run.tasks[0].log, "runs/" + run.run_id + "/extract.a.log");
}

TEST_F(ExecutorTest, TaskFailingForGoodSkipsItsDependantsOnly) {
    auto run = Run({MakeTask("a", {}, [](const TaskContext&) -> TaskOutcome {
                        throw Error(ErrorKind::UNAVAILABLE, "always down");
                    }),
                    MakeTask("b", {"a"}, [](const TaskContext&) { return Rows(1, 1); }),
                    MakeTask("c", {"b"}, [](const TaskContext&) { return Rows(1, 1); }),
                    MakeTask("d", {}, [](const TaskContext&) { return Rows(2, 2); })});
    EXPECT_EQ(run.state, RunState::FAILED);
    EXPECT_EQ(run.FindTask("a")->state, TaskState::FAILED);
    EXPECT_EQ(run.FindTask("a")->attempts, 3);
    EXPECT_EQ(run.FindTask("a")->error, "always down");
    EXPECT_EQ(run.FindTask("b")->state, TaskState::SKIPPED);
    EXPECT_EQ(run.FindTask("b")->attempts, 0);
    EXPECT_EQ(run.FindTask("c")->state, TaskState::SKIPPED);
    EXPECT_EQ(run.FindTask("d")->state, TaskState::SUCCESS);
    EXPECT_EQ(RunStore(dir_.Path()).Load(run.run_id).state, RunState::FAILED);
}

TEST_F(ExecutorTest, OnlyRetryableErrorsAreRetriedUnlessTheTaskRetriesEveryFailure) {
    std::atomic<int> plain = 0;
    std::atomic<int> stubborn = 0;
    Task strict = MakeTask("strict", {}, [&](const TaskContext&) -> TaskOutcome {
        ++plain;
        throw Error(ErrorKind::DATA, "checksum mismatch");
    });
    Task lenient = MakeTask("lenient", {}, [&](const TaskContext& ctx) {
        ++stubborn;
        if (ctx.Attempt() == 1) {
            throw Error(ErrorKind::DATA, "flaky check");
        }
        return Rows(1, 1);
    });
    lenient.retry_all_failures = true;
    auto run = Run({strict, lenient});
    EXPECT_EQ(plain.load(), 1);
    EXPECT_EQ(run.FindTask("strict")->state, TaskState::FAILED);
    EXPECT_EQ(run.FindTask("strict")->attempts, 1);
    EXPECT_EQ(stubborn.load(), 2);
    EXPECT_EQ(run.FindTask("lenient")->state, TaskState::SUCCESS);
}

TEST_F(ExecutorTest, ExponentialBackoffDoublesTheDelay) {
    Task t = MakeTask("t", {}, [](const TaskContext&) -> TaskOutcome { throw Error(ErrorKind::TIMEOUT, "slow"); });
    t.retries = 3;
    t.retry_delay = 60'000ms;
    t.exponential_backoff = true;
    auto run = Run({t});
    EXPECT_EQ(run.FindTask("t")->attempts, 4);
    EXPECT_EQ(clock_.Sleeps(), (std::vector<std::chrono::milliseconds>{60'000ms, 120'000ms, 240'000ms}));
}

TEST_F(ExecutorTest, AttemptOverItsTimeoutIsStoppedAndCountsAsATimeout) {
    std::atomic<int> stopped = 0;
    Task t = MakeTask("slow", {}, [&](const TaskContext& ctx) {
        while (!ctx.StopRequested()) {
            std::this_thread::sleep_for(5ms);
        }
        ++stopped;
        return Rows(0, 0);
    });
    t.timeout = 100ms;
    t.retries = 1;
    t.retry_delay = 0ms;
    auto start = std::chrono::steady_clock::now();
    auto run = Run({t, MakeTask("after", {"slow"}, [](const TaskContext&) { return Rows(0, 0); })});
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    EXPECT_EQ(stopped.load(), 2);
    EXPECT_EQ(run.FindTask("slow")->state, TaskState::FAILED);
    EXPECT_EQ(run.FindTask("slow")->attempts, 2);
    EXPECT_EQ(run.FindTask("slow")->error,
              "task slow took longer than its timeout of 0.1 s (hint: raise the task's timeout or look in its log "
              "for what it was waiting for)");
    EXPECT_EQ(run.FindTask("after")->state, TaskState::SKIPPED);
}

TEST_F(ExecutorTest, IndependentTasksRunInParallel) {
    std::mutex m;
    std::condition_variable cv;
    int inside = 0;
    auto meet = [&](const TaskContext&) {
        std::unique_lock lock(m);
        ++inside;
        cv.notify_all();
        if (!cv.wait_for(lock, 5s, [&] { return inside == 3; })) {
            throw Error(ErrorKind::DATA, "the other tasks never ran at the same time");
        }
        return Rows(1, 1);
    };
    auto run = Run({MakeTask("x", {}, meet), MakeTask("y", {}, meet), MakeTask("z", {}, meet)});
    EXPECT_EQ(run.state, RunState::SUCCESS);
}

TEST_F(ExecutorTest, InvalidDagsAreRefused) {
    auto ok = [](const TaskContext&) { return Rows(0, 0); };
    try {
        ValidateDag({MakeTask("a", {"b"}, ok), MakeTask("b", {"a"}, ok)});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::INVALID_INPUT);
        EXPECT_EQ(e.Message(), "the DAG has a cycle through a, b");
    }
    try {
        ValidateDag({MakeTask("a", {"nope"}, ok)});
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.Message(), "task a depends on unknown task 'nope'");
    }
}

TEST_F(ExecutorTest, SecondRunFailsClearlyWhileTheLockIsHeldAndWaitsWhenAsked) {
    auto lock = std::make_unique<RunLock>(RunLock::Acquire(dir_.Path(), "run other", 0ms));
    PipelineRunOptions options;
    options.tasks = {MakeTask("a", {}, [](const TaskContext&) { return Rows(0, 0); })};
    options.logical_date = "2026-12-04";
    options.clock = &clock_;
    try {
        (void)RunPipeline(TestConfig(dir_), options);
        FAIL() << "the second run started";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::CONFLICT);
        EXPECT_EQ(e.Message(), "a pipeline run is already in progress on " + dir_.Path().string() +
                                   " (run other, pid " + std::to_string(::getpid()) + ")");
    }
    EXPECT_TRUE(RunStore(dir_.Path()).List().empty());
    std::jthread release([&] {
        std::this_thread::sleep_for(300ms);
        lock.reset();
    });
    options.lock_wait = 10s;
    auto run = RunPipeline(TestConfig(dir_), options);
    EXPECT_EQ(run.state, RunState::SUCCESS);
}

TEST_F(ExecutorTest, RunLeftRunningByADeadProcessIsMarkedFailedAtTheNextStart) {
    RunStore store(dir_.Path());
    RunRecord crashed;
    crashed.run_id = "20261203T050000000Z_schedule";
    crashed.logical_date = "2026-12-03";
    crashed.trigger = Trigger::SCHEDULE;
    crashed.started_at = ParseInstant("2026-12-03T05:00:00Z");
    crashed.tasks = {TaskRecord{"extract.a", TaskState::SUCCESS, 1, crashed.started_at, crashed.started_at, 5, 5, "", "", {}},
                     TaskRecord{"load.a", TaskState::RUNNING, 1, crashed.started_at, std::nullopt, 0, 0, "", "", {"extract.a"}},
                     TaskRecord{"transform.run", TaskState::QUEUED, 0, std::nullopt, std::nullopt, 0, 0, "", "", {"load.a"}}};
    store.Save(crashed);
    auto run = Run({MakeTask("a", {}, [](const TaskContext&) { return Rows(0, 0); })});
    EXPECT_EQ(run.state, RunState::SUCCESS);
    auto recovered = store.Load(crashed.run_id);
    EXPECT_EQ(recovered.state, RunState::FAILED);
    EXPECT_EQ(FormatInstant(*recovered.ended_at), "2026-12-04T05:00:00Z");
    EXPECT_EQ(recovered.tasks[0].state, TaskState::SUCCESS);
    EXPECT_EQ(recovered.tasks[1].state, TaskState::FAILED);
    EXPECT_EQ(recovered.tasks[1].error, "the process running this task stopped before it finished (crash or kill)");
    EXPECT_EQ(recovered.tasks[2].state, TaskState::SKIPPED);
    EXPECT_EQ(store.List().size(), 2u);
}

TEST_F(ExecutorTest, SingleTaskRunIgnoresUpstreamAndUnknownTaskIsRefused) {
    PipelineRunOptions options;
    options.tasks = {MakeTask("a", {}, [](const TaskContext&) -> TaskOutcome { throw Error(ErrorKind::DATA, "x"); }),
                     MakeTask("b", {"a"}, [](const TaskContext&) { return Rows(3, 3); })};
    options.logical_date = "2026-12-04";
    options.clock = &clock_;
    options.only_task = "b";
    auto run = RunPipeline(TestConfig(dir_), options);
    EXPECT_EQ(run.state, RunState::SUCCESS);
    ASSERT_EQ(run.tasks.size(), 1u);
    EXPECT_EQ(run.tasks[0].task_id, "b");
    options.only_task = "zz";
    try {
        (void)RunPipeline(TestConfig(dir_), options);
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.Message(), "the pipeline has no task 'zz'");
        EXPECT_EQ(e.Hint(), "tasks: a, b");
    }
}

}  // namespace
}  // namespace hf::pipeline::testing

namespace hf::pipeline::testing {
namespace {

TEST_F(ExecutorTest, TasksOfOnePoolRunOneAtATime) {
    std::atomic<int> inside = 0;
    std::atomic<int> most = 0;
    auto body = [&](const TaskContext&) {
        int now = ++inside;
        most = std::max(most.load(), now);
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        --inside;
        return Rows(1, 1);
    };
    std::vector<Task> tasks;
    for (const char* id : {"p1", "p2", "p3"}) {
        Task t = MakeTask(id, {}, body);
        t.pool = "extract";
        tasks.push_back(t);
    }
    auto run = Run(tasks);
    EXPECT_EQ(run.state, RunState::SUCCESS);
    EXPECT_EQ(most.load(), 1);
}

}  // namespace
}  // namespace hf::pipeline::testing


namespace hf::pipeline::testing {
namespace {

TEST(BackgroundRunsTest, StartReturnsTheRunIdAndRefusesWhileARunHoldsTheLock) {
    hf::testing::TempDir dir;
    Config config = TestConfig(dir, {{"pipeline.retries", "0"},
                                     {"extract.connect_attempts", "1"},
                                     {"source.url", "postgresql://healthflow@127.0.0.1:9/hopital"},
                                     {"source.password", "x"}});
    std::string run_id;
    {
        BackgroundRuns runs(config);
        {
            auto held = RunLock::Acquire(dir.Path(), "run other", std::chrono::milliseconds(0));
            try {
                runs.Start("2026-12-04");
                FAIL() << "started while the lock was held";
            } catch (const Error& e) {
                EXPECT_EQ(e.Kind(), ErrorKind::CONFLICT);
            }
        }
        run_id = runs.Start("2026-12-04", Trigger::SCHEDULE);
        EXPECT_NE(run_id.find("_schedule"), std::string::npos);
        for (int i = 0; i < 1000 && RunLock::IsFree(dir.Path()) == false; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    auto run = RunStore(dir.Path()).Load(run_id);
    EXPECT_EQ(run.state, RunState::FAILED);
    EXPECT_EQ(run.logical_date, "2026-12-04");
    EXPECT_EQ(run.FindTask("extract")->state, TaskState::FAILED);
    EXPECT_EQ(run.FindTask("transform.test")->state, TaskState::SKIPPED);
}

}  // namespace
}  // namespace hf::pipeline::testing
