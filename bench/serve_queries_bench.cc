// Cost of each of the API's queries on a real DuckDB warehouse, as `healthflow serve` runs them:
// one connection that keeps its prepared statements, DuckDB on one thread, the values of a page
// opened with its default filters. Prints the median and 90th percentile time of an execution
// (statement reuse, binding, execution and reading of the rows) for each query. The queries are
// read from a folder, so two versions of them compare side by side on the same warehouse:
//
//   serve_queries_bench WAREHOUSE.duckdb [SQL_DIR, default src/serve/sql] [executions, default 500]
//
// The warehouse is opened read-only: stop the server that uses it first.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/error.h"
#include "db/duckdb_warehouse.h"
#include "serve/search_keys.h"

namespace {

using hf::db::Value;

struct Case {
    std::string file; // under SQL_DIR
    std::vector<Value> values;
};

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

double Percentile(std::vector<double> xs, double p) {
    std::sort(xs.begin(), xs.end());
    return xs[static_cast<size_t>(p * static_cast<double>(xs.size() - 1))];
}

} // namespace

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s WAREHOUSE.duckdb [SQL_DIR] [executions]\n", argv[0]);
        return 2;
    }
    std::filesystem::path sql_dir = argc > 2 ? argv[2] : "src/serve/sql";
    int executions = argc > 3 ? std::atoi(argv[3]) : 500;
    if (!std::filesystem::is_directory(sql_dir) || executions < 1) {
        std::fprintf(stderr, "error: %s is not a folder of queries, or executions (%s) is not a positive number\n",
                     sql_dir.c_str(), argc > 3 ? argv[3] : "500");
        return 2;
    }
    hf::db::OpenOptions options;
    options.read_only = true;
    auto opened = hf::db::DuckDbWarehouse::Open(argv[1], options);
    if (!opened) {
        std::fprintf(stderr, "error: %s\n", opened.Err().OneLine().c_str());
        return 1;
    }
    auto& warehouse = *opened.Value();
    warehouse.Execute("SET threads = 1");
    warehouse.KeepPreparedStatements(64);

    auto reference =
        warehouse.Query("SELECT CAST(date_reference AS VARCHAR), "
                        "CAST(date_reference - INTERVAL 364 DAY AS DATE)::VARCHAR FROM marts.kpi_reference");
    std::string au = reference.Text(0, 0);
    std::string du = reference.Text(0, 1);
    std::string service = warehouse.Query("SELECT MIN(code_service) FROM marts.dim_services").Text(0, 0);
    auto middle = warehouse.Query("SELECT CAST(MAX(patient_id) / 2 AS BIGINT) FROM core.dim_patients_scd").Int(0, 0);
    const Value none;
    // The middle patient's surname and pseudonym, for the search (absent from older warehouses).
    std::string surname, pseudo;
    try {
        auto keys = warehouse.Query("SELECT nom, patient_pseudo FROM core.recherche_patients "
                                    "WHERE patient_id = $1 AND genre = 'nom'",
                                    {Value(static_cast<long long>(middle))});
        if (keys.RowCount() == 1) {
            surname = keys.Text(0, 0);
            pseudo = keys.Text(0, 1);
        }
    } catch (const hf::Error& e) {
        std::fprintf(stderr, "the search is not timed: %s\n", e.OneLine().c_str());
    }
    std::vector<Case> cases = {
        {"meta/reference.sql", {}},
        {"meta/services.sql", {}},
        {"meta/service_exists.sql", {service}},
        {"lits/occupation.sql", {none}},
        {"lits/occupation_total.sql", {none}},
        {"lits/occupation_periode.sql", {du, au, none}},
        {"lits/historique.sql", {du, au, none}},
        {"lits/critiques.sql", {none}},
        {"stocks/alertes.sql", {none, none, none, 100LL}},
        {"stocks/alertes_total.sql", {none, none, none}},
        {"stocks/deficits.sql", {none, none, none, 10LL}},
        {"finance/couts_services.sql", {du, au, none}},
        {"finance/resume_hopital.sql", {du, au}},
        {"finance/resume_service.sql", {du, au, service}},
        {"finance/resume.sql", {du, au, none}},
        {"finance/tendance.sql", {du, au, none}},
        {"finance/dms.sql", {du, au, none}},
        {"finance/dms_globale.sql", {du, au}},
        {"finance/motifs.sql", {du, au, service}},
        {"patients/historique.sql", {1LL, none}},
        {"patients/historique.sql", {static_cast<long long>(middle), none}},
        {"patients/sejours.sql", {static_cast<long long>(middle), none, none, none}},
    };
    if (!surname.empty()) {
        // The search by number, by surname and by pseudonym. Since minuscules.sql, the surname
        // and pseudonym queries take the lowered text and the key numbers as the server computes
        // them; before recherche_numero.sql and recherche_pseudo.sql, one query took the text,
        // the number or NULL, and whether names may be searched.
        if (std::filesystem::exists(sql_dir / "patients/minuscules.sql")) {
            std::string start =
                warehouse.Query(ReadFile(sql_dir / "patients/minuscules.sql"), {Value(surname)}).Text(0, 0);
            auto numbers = hf::serve::PrefixNumbers(start);
            cases.push_back({"patients/recherche_numero.sql", {static_cast<long long>(middle)}});
            cases.push_back({"patients/minuscules.sql", {surname}});
            cases.push_back({"patients/recherche.sql", {start, true, numbers.low, numbers.high}});
            cases.push_back({"patients/recherche_pseudo.sql", {pseudo, hf::serve::PrefixNumbers(pseudo).low}});
        } else if (std::filesystem::exists(sql_dir / "patients/recherche_numero.sql")) {
            cases.push_back({"patients/recherche_numero.sql", {static_cast<long long>(middle)}});
            cases.push_back({"patients/recherche.sql", {surname, true}});
            cases.push_back({"patients/recherche_pseudo.sql", {pseudo}});
        } else {
            cases.push_back({"patients/recherche.sql", {std::to_string(middle), static_cast<long long>(middle), true}});
            cases.push_back({"patients/recherche.sql", {surname, none, true}});
            cases.push_back({"patients/recherche.sql", {pseudo, none, false}});
        }
    }
    std::printf("period %s .. %s, service %s, patients 1 and %lld; %d executions each\n\n", du.c_str(), au.c_str(),
                service.c_str(), static_cast<long long>(middle), executions);
    std::printf("| query | values | median ms | p90 ms |\n|---|---|---:|---:|\n");
    for (const auto& c : cases) {
        auto path = sql_dir / c.file;
        if (!std::filesystem::exists(path)) {
            continue; // not in this version of the queries
        }
        std::string sql = ReadFile(path);
        std::vector<double> ms;
        for (int i = 0; i < executions; ++i) {
            auto start = std::chrono::steady_clock::now();
            auto rows = warehouse.Query(sql, c.values);
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        }
        std::string shown;
        for (const auto& v : c.values) {
            shown += (shown.empty() ? "" : ", ") + v.ToText().value_or("NULL");
        }
        std::printf("| `%s` | %s | %.3f | %.3f |\n", c.file.c_str(), shown.c_str(), Percentile(ms, 0.5),
                    Percentile(ms, 0.9));
    }
    return 0;
} catch (const hf::Error& e) {
    std::fprintf(stderr, "error: %s\n", e.OneLine().c_str());
    return 1;
}
