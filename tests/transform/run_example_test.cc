#include <cstdlib>
#include <map>

#include "common/hash.h"
#include "run_fixture.h"

namespace hf::transform::testing {
namespace {

namespace fs = std::filesystem;
using V = std::vector<std::string>;

// The example project's sources (schema bronze), in SQL both engines accept.
constexpr const char* kBronze = R"(
create schema bronze;
create table bronze.services (id_service integer, nom varchar(50), capacite_lits integer, _extracted_at timestamp);
create table bronze.patients (id_patient integer, nom varchar(50), prenom varchar(50), adresse varchar(100),
    mutuelle varchar(50), date_naissance date, _extracted_at timestamp);
create table bronze.admissions_raw (id_admission integer, id_patient integer, id_service integer, motif varchar(20),
    date_entree timestamp, date_sortie timestamp, cout_total numeric(10,2), _extracted_at timestamp);
create table bronze.stocks_medicaments (id_medicament integer, nom varchar(50), quantite integer,
    seuil_alerte integer, prix_unitaire numeric(10,2), _extracted_at timestamp);
insert into bronze.services values (1, ' Cardiologie ', 4, '2024-03-01 06:00:00'), (2, 'Neurologie', 2, '2024-03-01 06:00:00'),
    (3, 'Pédiatrie', 10, '2024-03-01 06:00:00');
insert into bronze.patients values
    (1, ' Martin', 'Léa ', '1 rue A', 'MGEN', '1980-05-17', '2024-03-01 06:00:00'),
    (2, 'Durand', 'Paul', '2 rue B', NULL, '1975-11-02', '2024-03-01 06:00:00'),
    (3, 'Petit', 'Inès', '3 rue C', 'Harmonie', '2019-01-30', '2024-03-01 06:00:00');
insert into bronze.admissions_raw values
    (10, 1, 1, 'chirurgie', '2024-01-05 08:00:00', '2024-01-09 12:00:00', 4200.50, '2024-03-01 06:00:00'),
    (11, 2, 1, 'urgence', '2024-02-10 22:00:00', '2024-02-11 03:00:00', 350.00, '2024-03-01 06:00:00'),
    (12, 3, 3, 'consultation', '2024-02-20 09:00:00', NULL, 80.25, '2024-03-01 06:00:00'),
    (13, 1, 2, 'autre', '2024-02-25 09:00:00', '2024-02-28 18:30:00', 1999.99, '2024-03-01 06:00:00'),
    (9, 2, 2, 'urgence', '2023-12-30 10:00:00', '2024-01-02 10:00:00', 700.00, '2024-03-01 06:00:00');
insert into bronze.stocks_medicaments values (100, 'Paracétamol', 40, 50, 1.20, '2024-03-01 06:00:00'),
    (101, 'Amoxicilline', 200, 20, 3.45, '2024-03-01 06:00:00')
)";

// Admissions that arrive after the first build (one new, one already present).
constexpr const char* kMoreAdmissions = R"(
insert into bronze.admissions_raw values
    (14, 3, 1, 'chirurgie', '2024-03-02 07:00:00', '2024-03-06 10:00:00', 5100.00, '2024-03-07 06:00:00')
)";

// A sorted digest of every relation the runner built (the snapshot schema included), keyed by
// "<schema suffix>.<name>", so that
// the same project on two engines (target schemas main / analytics) compares equal.
std::map<std::string, std::string> Checksums(db::Warehouse& wh, const std::string& target_schema) {
    std::map<std::string, std::string> out;
    for (const auto& rel : wh.ListRelations()) {
        const bool snapshot = rel.schema == "snapshots";
        if (!snapshot && rel.schema.rfind(target_schema, 0) != 0) {
            continue;
        }
        auto rs = wh.Query("select * from " + db::Warehouse::QualifiedName(rel.schema, rel.name));
        // A check-strategy snapshot stamps its versions with the run's start time, which differs
        // between two runs: compare whether those columns are set, not their values.
        const bool run_stamped = rel.name == "snap_stocks";
        std::vector<std::string> rows;
        for (size_t r = 0; r < rs.RowCount(); ++r) {
            std::string row;
            for (size_t c = 0; c < rs.ColumnCount(); ++c) {
                const std::string& column = rs.Columns()[c].name;
                const bool masked = run_stamped && column.rfind("dbt_", 0) == 0;
                row += (c ? "|" : "") + (rs.IsNull(r, c) ? std::string("∅") : masked ? std::string("set") : rs.Text(r, c));
            }
            rows.push_back(row);
        }
        std::sort(rows.begin(), rows.end());
        std::string header;
        for (const auto& c : rs.Columns()) {
            header += c.name + ",";
        }
        std::string all = header + "\n";
        for (const auto& r : rows) {
            all += r + "\n";
        }
        out[(snapshot ? rel.schema : rel.schema.substr(target_schema.size())) + "." + rel.name] =
            std::to_string(rows.size()) + " rows " + Sha256Hex(all).substr(0, 16);
    }
    return out;
}

class ExampleProject : public ::testing::Test {
protected:
    void SetUp() override {
        ::unsetenv("HF_EXAMPLE_ETABLISSEMENT");
        project_ = dir_.Path() / "example_project";
        fs::copy(fs::path(std::getenv("HF_SOURCE_DIR")) / "tests/transform/example_project", project_,
                 fs::copy_options::recursive);
        fs::remove_all(project_ / "target");
        std::ofstream(project_ / "profiles.yml")
            << ProfilesYaml("healthflow_example", dir_.Path(), "run_example", true, 2);
    }

    std::unique_ptr<Session> Open(const std::string& target) {
        SessionOptions o;
        o.project_dir = project_;
        o.profiles_dir = project_;
        o.target_name = target;
        return Session::Open(o, Config::Defaults());
    }

    // `build` of the whole project; returns "<name>=<status>" per node, sorted.
    std::pair<RunSummary, V> Build(const std::string& target, int threads = 0) {
        auto session = Open(target);
        RunOptions o;
        o.command = RunCommand::BUILD;
        o.threads = threads;
        const Target& t = session->GetTarget();
        auto s = RunTransform(
            *session, [&] { return OpenTargetWarehouse(t, Config::Defaults()); }, o);
        V statuses;
        for (const auto& r : s.results) {
            statuses.push_back(r.unique_id.substr(0, r.unique_id.rfind('.')) + "=" +
                               std::string(NodeStatusName(r.status)) + " " + r.message);
        }
        std::sort(statuses.begin(), statuses.end());
        for (const auto& r : s.results) {
            EXPECT_NE(r.status, NodeStatus::ERROR) << target << ": " << r.unique_id << ": " << r.message;
        }
        return {s, statuses};
    }

    std::unique_ptr<db::Warehouse> Connect(const std::string& target) {
        auto session = Open(target);
        return OpenTargetWarehouse(session->GetTarget(), Config::Defaults());
    }

    hf::testing::TempDir dir_;
    fs::path project_;
};

TEST_F(ExampleProject, BuildsIdenticalTablesOnDuckDbAndPostgres) {
    auto duck = Connect("duckdb");
    auto pg = Connect("postgres");
    duck->Execute(kBronze);
    pg->Execute(kBronze);

    auto [duck_run, duck_statuses] = Build("duckdb");
    auto [pg_run, pg_statuses] = Build("postgres");
    EXPECT_EQ(duck_run.DoneLine(), "Done. PASS=31 WARN=1 ERROR=0 SKIP=0 TOTAL=32");
    EXPECT_EQ(pg_run.DoneLine(), duck_run.DoneLine());
    EXPECT_EQ(pg_statuses.size(), duck_statuses.size());
    auto duck_sums = Checksums(*duck, "main");
    auto pg_sums = Checksums(*pg, "analytics");
    EXPECT_EQ(duck_sums, pg_sums);
    EXPECT_EQ(duck_sums.size(), 14u);
    EXPECT_EQ(duck_sums["_marts.fct_sejours"].substr(0, 6), "4 rows");

    // A second build takes the incremental path on both engines.
    duck->Execute(kMoreAdmissions);
    pg->Execute(kMoreAdmissions);
    auto [duck_again, d2] = Build("duckdb");
    auto [pg_again, p2] = Build("postgres");
    EXPECT_EQ(duck_again.DoneLine(), pg_again.DoneLine());
    duck_sums = Checksums(*duck, "main");
    EXPECT_EQ(duck_sums, Checksums(*pg, "analytics"));
    EXPECT_EQ(duck_sums["_marts.fct_sejours"].substr(0, 6), "5 rows");
}

TEST_F(ExampleProject, FourThreadsBuildWhatOneThreadBuilds) {
    auto duck = Connect("duckdb");
    duck->Execute(kBronze);
    auto [one, one_statuses] = Build("duckdb", 1);
    auto sums_one = Checksums(*duck, "main");
    duck->Execute(
        "drop schema main_marts cascade; drop schema main_core cascade; drop schema main_snapshots cascade; "
        "drop schema snapshots cascade");
    auto [four, four_statuses] = Build("duckdb", 4);
    EXPECT_EQ(four.threads, 4);
    EXPECT_EQ(four_statuses, one_statuses);
    EXPECT_EQ(Checksums(*duck, "main"), sums_one);
}

} // namespace
} // namespace hf::transform::testing
