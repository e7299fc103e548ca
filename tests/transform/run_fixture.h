#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "common/config.h"
#include "db/warehouse.h"
#include "support/temp_dir.h"
#include "support/test_postgres.h"
#include "transform/run/runner.h"
#include "transform/session.h"

namespace hf::transform::testing {

// Decodes %XX escapes of a URL component.
inline std::string UrlDecode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The value of `key` in the query string of `url` ("" when absent).
inline std::string UrlParam(const std::string& url, const std::string& key) {
    size_t q = url.find('?');
    std::string rest = q == std::string::npos ? "" : url.substr(q + 1);
    size_t pos = 0;
    while (pos <= rest.size()) {
        size_t amp = rest.find('&', pos);
        std::string kv = rest.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
        if (kv.rfind(key + "=", 0) == 0) {
            return UrlDecode(kv.substr(key.size() + 1));
        }
        if (amp == std::string::npos)
            break;
        pos = amp + 1;
    }
    return "";
}

// profiles.yml outputs `duckdb` (a file in `dir`) and `postgres` (a fresh database of the test
// cluster named `database`), both of profile `profile`.
inline std::string ProfilesYaml(const std::string& profile, const std::filesystem::path& dir,
                                const std::string& database, bool with_postgres, int threads = 1) {
    std::string yaml = profile + ":\n  target: duckdb\n  outputs:\n    duckdb:\n      type: duckdb\n      path: \"" +
                       (dir / "warehouse.duckdb").string() +
                       "\"\n      schema: main\n      threads: " + std::to_string(threads) + "\n";
    if (with_postgres) {
        auto spec = hf::testing::TestPostgres::Instance().FreshDatabase(database);
        yaml += "    postgres:\n      type: postgres\n      host: \"" + UrlParam(spec.url, "host") +
                "\"\n      port: " + UrlParam(spec.url, "port") + "\n      user: healthflow\n      password: \"" +
                spec.password.value_or("") + "\"\n      dbname: " + database + "\n      schema: analytics\n" +
                "      threads: " + std::to_string(threads) + "\n";
    }
    return yaml;
}

// A dbt project in a temporary folder, run by the runner on DuckDB or PostgreSQL (the test's
// parameter). The PostgreSQL output points at a fresh database per test.
class RunTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        Write("dbt_project.yml", "name: p\nprofile: p\n");
        std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
        std::string db = "run_";
        for (char c : name) {
            db += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
        }
        Write("profiles.yml", ProfilesYaml("p", dir_.Path(), db.substr(0, 60), GetParam() == "postgres"));
    }

    void Write(const std::string& rel, const std::string& content) {
        auto path = dir_.Path() / rel;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path) << content;
    }

    std::unique_ptr<Session> Open(const std::string& vars = "") {
        SessionOptions o;
        o.project_dir = dir_.Path();
        o.profiles_dir = dir_.Path();
        o.target_name = GetParam();
        o.vars_yaml = vars;
        return Session::Open(o, Config::Defaults());
    }

    // Opens the project afresh and runs `options` on it.
    RunSummary Run(RunOptions options) {
        auto session = Open();
        const Target& target = session->GetTarget();
        return RunTransform(
            *session, [&] { return OpenTargetWarehouse(target, Config::Defaults()); }, options);
    }
    RunSummary Run(RunCommand command, std::vector<std::string> select = {}) {
        RunOptions o;
        o.command = command;
        o.select = std::move(select);
        return Run(o);
    }

    // A connection of the test's own to the target.
    db::Warehouse& Wh() {
        if (!wh_) {
            auto session = Open();
            wh_ = OpenTargetWarehouse(session->GetTarget(), Config::Defaults());
        }
        return *wh_;
    }

    // Rows of `sql` as "a|b|c" (NULL as ∅), in the query's order.
    std::vector<std::string> Rows(const std::string& sql) {
        auto rs = Wh().Query(sql);
        std::vector<std::string> out;
        for (size_t r = 0; r < rs.RowCount(); ++r) {
            std::string row;
            for (size_t c = 0; c < rs.ColumnCount(); ++c) {
                row += (c ? "|" : "") + (rs.IsNull(r, c) ? std::string("∅") : rs.Text(r, c));
            }
            out.push_back(row);
        }
        return out;
    }

    // The schema name the target gives a custom schema `custom` ("" = the target's own).
    std::string Schema(const std::string& custom = "") const {
        std::string base = GetParam() == "duckdb" ? "main" : "analytics";
        return custom.empty() ? base : base + "_" + custom;
    }
    // "schema"."name" in the target's schema.
    std::string Rel(const std::string& name, const std::string& custom = "") const {
        return db::Warehouse::QualifiedName(Schema(custom), name);
    }

    // Status name of each result, "<node name>=<status>", in plan order.
    static std::vector<std::string> Statuses(const RunSummary& s) {
        std::vector<std::string> out;
        for (const auto& r : s.results) {
            std::string name = r.unique_id.substr(r.unique_id.find('.', r.unique_id.find('.') + 1) + 1);
            if (r.unique_id.rfind("test.", 0) == 0) {
                name = name.substr(0, name.rfind('.'));
            }
            out.push_back(name + "=" + std::string(NodeStatusName(r.status)));
        }
        return out;
    }

    hf::testing::TempDir dir_;
    std::unique_ptr<db::Warehouse> wh_;
};

inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) {
    return info.param;
}

} // namespace hf::transform::testing
