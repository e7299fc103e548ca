// Generation benchmark: `healthflow generate` at several scales (wall time and peak RSS of the
// generating process, median of several runs), beside the scale-1 volume loaded the source
// design's way (one INSERT per row through libpq, one transaction). Starts a private
// PostgreSQL cluster in a temporary folder unless HEALTHFLOW_SOURCE_URL is set.
//
// usage: generation_bench <healthflow binary> [scales, default 1,100,1000] [runs of small scales, default 3]
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "common/strings.h"
#include "source/generator/calendar.h"
#include "source/generator/hospital_history.h"
#include "source/generator/identity.h"
#include "source/generator/medication_catalog.h"
#include "source/generator/service_profiles.h"
#include "source/local_cluster.h"
#include "source/migrations.h"

namespace {

using namespace hf::source;
using Clock = std::chrono::steady_clock;

struct Measure {
    double seconds = 0.0;
    long max_rss_kb = 0;
    int exit_code = 0;
};

// Runs argv with the extra environment and measures the child alone (wait4).
Measure RunChild(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
    const auto start = Clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        for (const auto& e : env) {
            putenv(const_cast<char*>(e.c_str()));
        }
        std::vector<char*> args;
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    Measure m;
    m.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    m.max_rss_kb = usage.ru_maxrss;
    m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return m;
}

// The source design's loader: one INSERT per row, committed at the end.
double InsertPerRow(const hf::pg::ConnectionSpec& spec, long long& rows) {
    auto conn = hf::pg::Connection::Open(spec).Value();
    const auto start = Clock::now();
    conn.Exec("BEGIN; TRUNCATE admissions, patients, services, stocks_medicaments, journal_suppressions, "
              "simulation.commandes_en_cours RESTART IDENTITY");
    const auto& services = generator::ServiceProfiles();
    for (const auto& s : services) {
        conn.ExecParams("INSERT INTO services (code, nom_service, capacite_lits) VALUES ($1, $2, $3)",
                        {std::string(s.code), std::string(s.nom_service), std::to_string(s.beds)});
        ++rows;
    }
    generator::HistoryOptions options;
    options.as_of_day = generator::ParseDay("2026-02-15");
    options.today_real = generator::TodayLocal();
    generator::HospitalHistory history(options);
    auto on_patient = [&](const generator::PatientRecord& p) {
        generator::Rng rng(generator::DeriveSeed(42, 1, static_cast<uint64_t>(p.id)));
        const auto id = generator::MakeIdentity(rng, p.profile.sexe);
        conn.ExecParams("INSERT INTO patients (nom, prenom, sexe, date_naissance, adresse, mutuelle, telephone, email)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        {id.nom, id.prenom, std::string(1, p.profile.sexe),
                         generator::FormatDay(p.profile.date_naissance), id.adresse, id.mutuelle, id.telephone,
                         id.email});
        ++rows;
    };
    auto on_stay = [&](const generator::StayRecord& s) {
        conn.ExecParams("INSERT INTO admissions (patient_id, service_id, date_entree, date_sortie, mode_entree,"
                        " score_gravite, motif, cout_total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                        {std::to_string(s.patient_id), std::to_string(s.service_id),
                         generator::FormatMinute(s.plan.entree),
                         s.discharged ? std::optional<std::string>(generator::FormatMinute(s.plan.sortie)) : std::nullopt,
                         std::string(s.plan.mode_entree), std::to_string(s.plan.score_gravite),
                         std::string(s.plan.motif),
                         s.discharged ? std::optional<std::string>(std::to_string(s.plan.cout_total)) : std::nullopt});
        ++rows;
    };
    while (history.Step(on_patient, on_stay)) {
    }
    for (size_t i = 0; i < 150; ++i) {
        const auto m = generator::MakeMedication(42, i);
        conn.ExecParams("INSERT INTO stocks_medicaments (nom_medicament, classe_ven, quantite, seuil_alerte,"
                        " prix_unitaire) VALUES ($1, $2, $3, $4, $5)",
                        {m.nom_medicament, std::string(1, m.classe_ven), std::to_string(m.quantite),
                         std::to_string(m.seuil_alerte), std::to_string(m.prix_unitaire)});
        ++rows;
    }
    conn.Exec("COMMIT");
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double Median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <healthflow binary> [scales, default 1,100,1000] [runs, default 3]\n", argv[0]);
        return 2;
    }
    const std::string binary = std::filesystem::absolute(argv[1]).string();
    const std::vector<std::string> scales = hf::Split(argc > 2 ? argv[2] : "1,100,1000", ',');
    const int runs = argc > 3 ? std::atoi(argv[3]) : 3;
    const auto dir = std::filesystem::temp_directory_path() / ("hf-bench-" + std::to_string(getpid()));
    LocalClusterOptions cluster_options;
    cluster_options.data_dir = dir;
    LocalCluster cluster(cluster_options);
    cluster.Start();
    std::vector<std::string> env = {"HEALTHFLOW_DATA_DIR=" + dir.string()};
    {
        auto conn = hf::pg::Connection::Open(cluster.Spec()).Value();
        ApplyMigrations(conn);
    }
    std::printf("| loader | scale | rows (patients + admissions) | runs | wall time (median) | peak RSS (max) |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (const auto& scale : scales) {
        double value = 0.0;
        hf::ParseDouble(scale, value);
        const int n = value <= 10.0 ? runs : 1;
        std::vector<double> times;
        long rss = 0;
        for (int i = 0; i < n; ++i) {
            auto m = RunChild({binary, "-q", "generate", "--scale", scale, "--seed", "42", "--as-of", "2026-02-15",
                               "--reset"},
                              env);
            if (m.exit_code != 0) {
                std::fprintf(stderr, "generate --scale %s failed (exit %d)\n", scale.c_str(), m.exit_code);
                cluster.Stop();
                return 1;
            }
            times.push_back(m.seconds);
            rss = std::max(rss, m.max_rss_kb);
        }
        auto conn = hf::pg::Connection::Open(cluster.Spec()).Value();
        const long long rows =
            conn.Exec("SELECT (SELECT count(*) FROM patients) + (SELECT count(*) FROM admissions)").GetInt(0, 0);
        std::printf("| healthflow generate (COPY, one transaction) | %s | %lld | %d | %.2f s | %.1f MB |\n",
                    scale.c_str(), rows, n, Median(times), rss / 1024.0);
        std::fflush(stdout);
    }
    long long rows = 0;
    const double insert_seconds = InsertPerRow(cluster.Spec(), rows);
    std::printf("| one INSERT per row through libpq (source design) | 1 | %lld | 1 | %.2f s | - |\n", rows,
                insert_seconds);
    cluster.Stop();
    std::filesystem::remove_all(dir);
    return 0;
}
