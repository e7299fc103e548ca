#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "common/config.h"
#include "support/temp_dir.h"
#include "transform/session.h"

namespace hf::transform::testing {

// A throwaway dbt project written file by file into a temporary folder.
class ProjectFixture {
public:
    ProjectFixture() {
        Write("dbt_project.yml", "name: p\nprofile: p\n");
        Write("profiles.yml",
              "p:\n  target: dev\n  outputs:\n"
              "    dev: {type: duckdb, path: /tmp/p.duckdb, schema: main}\n"
              "    pg: {type: postgres, host: 127.0.0.1, dbname: wh, schema: analytics, password: secret}\n"
              "    prod: {type: postgres, host: 127.0.0.1, dbname: wh, schema: analytics}\n");
    }

    void Write(const std::string& rel, const std::string& content) {
        auto path = dir_.Path() / rel;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path) << content;
    }

    const std::filesystem::path& Path() const { return dir_.Path(); }

    // Loads, parses and builds the graph for `target` ("" = dev).
    std::unique_ptr<Session> Open(const std::string& target = "", const std::string& vars = "") {
        SessionOptions o;
        o.project_dir = dir_.Path();
        o.profiles_dir = dir_.Path();
        o.target_name = target;
        o.vars_yaml = vars;
        return Session::Open(o, Config::Defaults());
    }

    // Compiled SQL of node `id` for `target`.
    std::string Compile(const std::string& id, const std::string& target = "") {
        auto s = Open(target);
        s->GetCompiler().Compile(id);
        return s->GetProject().nodes.at(id).compiled_code;
    }

private:
    hf::testing::TempDir dir_;
};

// Message of the hf::Error `f` throws, or "(no error)".
template <typename F>
std::string ErrorMessage(F&& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.Message();
    }
    return "(no error)";
}

}  // namespace hf::transform::testing
