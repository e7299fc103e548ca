#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <exception>
#include <filesystem>
#include <thread>

#include "common/process.h"

#include "source/generator/generator.h"
#include "source/simulator/simulator.h"
#include "source/generator_fixture.h"
#include "support/temp_dir.h"

namespace hf::source::generator {
namespace {

using testing_support::GenerateInto;
using testing_support::MaxMidnightCensusRatio;
using testing_support::ServicesOverCapacity;
using testing_support::TableChecksums;

constexpr const char* kAsOf = "2026-02-15";

// A year of scale-1 history as of mid-February, shared by the realism tests (read only).
class YearOfHistory : public ::testing::Test {
protected:
    static void SetUpTestSuite() { spec_ = GenerateInto("generator_year", 42, kAsOf, 365); }
    void SetUp() override { conn_.emplace(pg::Connection::Open(spec_).Value()); }
    double Scalar(const std::string& sql) { return conn_->Exec(sql).GetDouble(0, 0); }

    static inline pg::ConnectionSpec spec_;
    std::optional<pg::Connection> conn_;
};

TEST_F(YearOfHistory, VolumesFollowFromTheCensus) {
    EXPECT_EQ(Scalar("SELECT count(*) FROM services"), 8);
    EXPECT_EQ(Scalar("SELECT sum(capacite_lits) FROM services"), 218);
    EXPECT_EQ(Scalar("SELECT count(*) FROM stocks_medicaments"), 150);
    const double patients = Scalar("SELECT count(*) FROM patients");
    const double admissions = Scalar("SELECT count(*) FROM admissions");
    EXPECT_GE(patients, 14000);
    EXPECT_LE(patients, 20000);
    EXPECT_GE(admissions, 20000);
    EXPECT_LE(admissions, 30000);
    EXPECT_GE(admissions / patients, 1.3);
    EXPECT_LE(admissions / patients, 1.8);
    // Sequences continue after the explicit ids; the clock is at the as-of instant.
    EXPECT_EQ(Scalar("SELECT nextval('admissions_id_seq') - (SELECT max(id) FROM admissions)"), 1);
    EXPECT_EQ(conn_->Exec("SELECT instant::text, graine, echelle FROM horloge_simulation").Get(0, 0),
              "2026-02-15 06:00:00");
    // Stays in progress have no exit and no cost yet; the discharged ones have both.
    EXPECT_EQ(Scalar("SELECT count(*) FROM admissions WHERE (date_sortie IS NULL) <> (cout_total IS NULL)"), 0);
    EXPECT_EQ(Scalar("SELECT count(*) FROM admissions WHERE date_sortie > TIMESTAMP '2026-02-15 06:00'"), 0);
    EXPECT_EQ(Scalar("SELECT count(*) FROM admissions WHERE cout_total >= 50000"), 0);
}

TEST_F(YearOfHistory, CensusNeverExceedsCapacity) {
    EXPECT_EQ(ServicesOverCapacity(*conn_), 0);
    EXPECT_LE(MaxMidnightCensusRatio(*conn_, "2025-02-16", kAsOf), 1.0);
}

TEST_F(YearOfHistory, OccupancyOfTheLast30DaysIsRealistic) {
    auto res = conn_->Exec(
        "SELECT s.code, 100.0 * count(a.id) / (30 * s.capacite_lits) AS taux"
        " FROM services s CROSS JOIN generate_series(DATE '2026-01-17', DATE '2026-02-15', '1 day') AS d (minuit)"
        " LEFT JOIN admissions a ON a.service_id = s.id AND a.date_entree <= d.minuit"
        "  AND (a.date_sortie IS NULL OR a.date_sortie > d.minuit)"
        " GROUP BY s.code, s.capacite_lits ORDER BY s.code");
    double patient_days = 0;
    int saturated = 0;
    const std::map<std::string, int> beds = {{"CARDIO", 30}, {"CHIR", 35}, {"GERIA", 28}, {"MATER", 20},
                                             {"NEURO", 18}, {"PEDIA", 25}, {"PNEUMO", 22}, {"URG", 40}};
    for (int r = 0; r < res.Rows(); ++r) {
        const double taux = res.GetDouble(r, 1);
        patient_days += taux * beds.at(std::string(res.Get(r, 0))) * 30 / 100.0;
        saturated += taux >= 90.0 ? 1 : 0;
        EXPECT_GE(taux, 60.0) << res.Get(r, 0);
    }
    const double overall = 100.0 * patient_days / (218 * 30);
    EXPECT_GE(overall, 75.0);
    EXPECT_LE(overall, 95.0);
    EXPECT_GE(saturated, 1);
    EXPECT_LE(saturated, 2);
}

TEST_F(YearOfHistory, LengthsOfStayMatchTheReference) {
    // Full hospitalisation = at least one night; UHCD (Urgences) stays are counted apart.
    const double dms = Scalar(
        "SELECT avg(date_sortie::date - date_entree::date) FROM admissions a JOIN services s ON s.id = a.service_id"
        " WHERE s.code <> 'URG' AND date_sortie IS NOT NULL AND date_sortie::date > date_entree::date");
    EXPECT_GE(dms, 5.0);
    EXPECT_LE(dms, 6.5);
    const std::map<std::string, double> reference = {{"CARDIO", 5.5}, {"PNEUMO", 7.5}, {"PEDIA", 3.1},
                                                     {"CHIR", 4.5},   {"MATER", 4.2},  {"GERIA", 15.0},
                                                     {"NEURO", 9.0}};
    for (const auto& [code, mean] : reference) {
        const double los = conn_
                               ->ExecParams("SELECT avg(date_sortie::date - date_entree::date) FROM admissions a"
                                            " JOIN services s ON s.id = a.service_id WHERE s.code = $1"
                                            " AND date_sortie IS NOT NULL AND date_sortie::date > date_entree::date",
                                            {code})
                               .GetDouble(0, 0);
        EXPECT_NEAR(los, mean, mean * 0.12) << code;
    }
    const double ambulatory = Scalar(
        "SELECT avg((date_sortie::date = date_entree::date)::int) FROM admissions a JOIN services s"
        " ON s.id = a.service_id WHERE s.code = 'CHIR' AND date_sortie IS NOT NULL");
    EXPECT_NEAR(ambulatory, 0.5, 0.07);
    EXPECT_EQ(Scalar("SELECT (max(date_sortie - date_entree) < INTERVAL '2 days')::int FROM admissions a"
                     " JOIN services s ON s.id = a.service_id WHERE s.code = 'URG'"),
              1.0);
}

TEST_F(YearOfHistory, PatientsFitTheirServices) {
    const std::string base = "SELECT count(*) FROM admissions a JOIN services s ON s.id = a.service_id"
                             " JOIN patients p ON p.id = a.patient_id WHERE s.code = ";
    EXPECT_EQ(Scalar(base + "'PEDIA' AND date_part('year', age(a.date_entree::date, p.date_naissance)) >= 18"), 0);
    EXPECT_EQ(Scalar(base + "'MATER' AND (p.sexe <> 'F' OR date_part('year', age(a.date_entree::date, "
                            "p.date_naissance)) NOT BETWEEN 18 AND 45)"),
              0);
    EXPECT_EQ(Scalar(base + "'GERIA' AND date_part('year', age(a.date_entree::date, p.date_naissance)) < 75"), 0);
    const double geria_mean = Scalar(
        "SELECT avg(date_part('year', age(a.date_entree::date, p.date_naissance))) FROM admissions a"
        " JOIN services s ON s.id = a.service_id JOIN patients p ON p.id = a.patient_id WHERE s.code = 'GERIA'");
    EXPECT_NEAR(geria_mean, 87.0, 1.5);
    const double bronchiolitis_infants = Scalar(
        "SELECT avg((age(a.date_entree::date, p.date_naissance) < INTERVAL '1 year')::int) FROM admissions a"
        " JOIN patients p ON p.id = a.patient_id WHERE a.motif = 'Bronchiolite'");
    EXPECT_NEAR(bronchiolitis_infants, 0.89, 0.04);
    const double no_mutuelle = Scalar("SELECT avg((mutuelle IS NULL)::int) FROM patients");
    EXPECT_NEAR(no_mutuelle, 0.08, 0.015);
    EXPECT_EQ(Scalar("SELECT count(DISTINCT mutuelle) FROM patients"), 13);
    // Overlapping stays of one patient.
    EXPECT_EQ(Scalar("SELECT count(*) FROM admissions a JOIN admissions b ON a.patient_id = b.patient_id"
                     " AND a.id < b.id AND b.date_entree < coalesce(a.date_sortie, 'infinity')"
                     " AND a.date_entree < coalesce(b.date_sortie, 'infinity')"),
              0);
}

TEST_F(YearOfHistory, WinterBringsRespiratoryAndBronchiolitisStays) {
    for (const char* code : {"PNEUMO", "PEDIA"}) {
        auto res = conn_->ExecParams(
            "SELECT count(*) FILTER (WHERE extract(month FROM date_entree) IN (12, 1)),"
            "       count(*) FILTER (WHERE extract(month FROM date_entree) IN (6, 7))"
            " FROM admissions a JOIN services s ON s.id = a.service_id WHERE s.code = $1",
            {code});
        EXPECT_GT(res.GetDouble(0, 0), 1.1 * res.GetDouble(0, 1)) << code;
    }
    const double august = Scalar("SELECT count(*) FROM admissions a JOIN services s ON s.id = a.service_id"
                                 " WHERE s.code = 'CHIR' AND extract(month FROM date_entree) = 8");
    const double june = Scalar("SELECT count(*) FROM admissions a JOIN services s ON s.id = a.service_id"
                               " WHERE s.code = 'CHIR' AND extract(month FROM date_entree) = 6");
    EXPECT_LT(august / 31, june / 30);
}

TEST_F(YearOfHistory, StocksSitAroundTheirReorderPoint) {
    const double share = Scalar("SELECT avg((quantite <= seuil_alerte)::int) FROM stocks_medicaments");
    EXPECT_GE(share, 0.10);
    EXPECT_LE(share, 0.20);
    EXPECT_GE(Scalar("SELECT count(*) FROM stocks_medicaments WHERE quantite = 0"), 1);
    EXPECT_NEAR(Scalar("SELECT avg((classe_ven = 'V')::int) FROM stocks_medicaments"), 0.3, 0.08);
    EXPECT_EQ(Scalar("SELECT count(*) FROM v_alertes_stocks"),
              Scalar("SELECT count(*) FROM stocks_medicaments WHERE quantite <= seuil_alerte"));
}

TEST(GeneratorTest, SameSeedGivesIdenticalTablesAndAnotherSeedDiffers) {
    auto a_spec = GenerateInto("generator_same_a", 7, kAsOf, 60);
    auto b_spec = GenerateInto("generator_same_b", 7, kAsOf, 60);
    auto c_spec = GenerateInto("generator_other", 8, kAsOf, 60);
    auto a = pg::Connection::Open(a_spec).Value();
    auto b = pg::Connection::Open(b_spec).Value();
    auto c = pg::Connection::Open(c_spec).Value();
    const auto sums_a = TableChecksums(a);
    EXPECT_EQ(sums_a, TableChecksums(b));
    const auto sums_c = TableChecksums(c);
    for (const char* table : {"patients", "admissions", "stocks_medicaments"}) {
        EXPECT_NE(sums_a.at(table), sums_c.at(table)) << table;
    }
    EXPECT_EQ(sums_a.at("services"), sums_c.at("services"));
}

TEST(GeneratorTest, RefusesNonEmptyTablesUnlessReset) {
    auto spec = GenerateInto("generator_reset", 5, kAsOf, 30);
    auto conn = pg::Connection::Open(spec).Value();
    const auto before = TableChecksums(conn);
    GenerateOptions options;
    options.seed = 5;
    options.as_of_day = ParseDay(kAsOf);
    options.history_days = 30;
    try {
        Generate(conn, options);
        FAIL() << "generating over a hospital must be refused";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::CONFLICT);
        EXPECT_NE(e.Hint().find("--reset"), std::string::npos);
    }
    conn.Exec("DELETE FROM patients WHERE id = 1");  // leaves a trace in the deletion log
    options.reset = true;
    Generate(conn, options);
    EXPECT_EQ(TableChecksums(conn), before);
}

TEST(GeneratorTest, AFailureInTheMiddleLeavesEveryTableEmpty) {
    auto spec = hf::testing::TestPostgres::Instance().FreshDatabase("generator_failure");
    auto conn = pg::Connection::Open(spec).Value();
    GenerateOptions options;
    options.as_of_day = ParseDay(kAsOf);
    options.history_days = 30;
    Generate(conn, options);  // creates the schema
    options.reset = true;
    // The admissions COPY fails after services and patients were written.
    conn.Exec("TRUNCATE admissions, patients, services, stocks_medicaments RESTART IDENTITY CASCADE");
    conn.Exec("ALTER TABLE admissions ADD CONSTRAINT test_only_few CHECK (id < 500)");
    options.reset = false;
    EXPECT_THROW(Generate(conn, options), Error);
    for (const char* table : {"services", "patients", "admissions", "stocks_medicaments"}) {
        EXPECT_EQ(conn.Exec(std::string("SELECT count(*) FROM ") + table).GetInt(0, 0), 0) << table;
    }
    // The indexes and foreign keys dropped for the load are still there.
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'idx_%'").GetInt(0, 0), 10);
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM pg_constraint WHERE conname LIKE 'admissions_%_fkey'").GetInt(0, 0), 2);
}

TEST(GeneratorTest, ALostConnectionInTheMiddleLeavesEveryTableEmpty) {
    auto spec = hf::testing::TestPostgres::Instance().FreshDatabase("generator_lost");
    auto admin = pg::Connection::Open(spec).Value();
    std::exception_ptr failure;
    bool finished = false;
    {
        std::jthread generation([&] {
            try {
                auto conn = pg::Connection::Open(spec).Value();
                GenerateOptions options;
                options.scale = 3;
                options.history_days = 120;
                options.as_of_day = ParseDay(kAsOf);
                Generate(conn, options);
                finished = true;
            } catch (...) {
                failure = std::current_exception();
            }
        });
        // Terminate the generating backend once it streams the admissions.
        bool terminated = false;
        for (int i = 0; i < 3000 && !terminated; ++i) {
            auto res = admin.Exec(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'COPY admissions%'");
            terminated = res.Rows() == 1;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        EXPECT_TRUE(terminated) << "the admissions COPY was never seen";
    }
    EXPECT_FALSE(finished);
    ASSERT_TRUE(failure != nullptr);
    try {
        std::rethrow_exception(failure);
    } catch (const Error& e) {
        EXPECT_TRUE(e.Retryable()) << e.Message();
    }
    for (const char* table : {"services", "patients", "admissions", "stocks_medicaments"}) {
        EXPECT_EQ(admin.Exec(std::string("SELECT count(*) FROM ") + table).GetInt(0, 0), 0) << table;
    }
}

// Disk full: the database lives in a 4 MiB tmpfs tablespace (needs root to mount; skipped otherwise).
TEST(GeneratorTest, DiskFullLeavesEveryTableEmpty) {
    if (geteuid() != 0) {
        GTEST_SKIP() << "mounting a tmpfs needs root";
    }
    hf::testing::TempDir dir;
    const std::string mount_point = (dir.Path() / "tablespace").string();
    std::filesystem::create_directories(mount_point);
    auto mounted = RunProcess({"mount", "-t", "tmpfs", "-o", "size=4M", "tmpfs", mount_point}).Value();
    if (mounted.exit_code != 0) {
        GTEST_SKIP() << "cannot mount a tmpfs here: " << mounted.err;
    }
    RunProcess({"chown", "healthflow", mount_point}).Value();
    auto admin_spec = hf::testing::TestPostgres::Instance().FreshDatabase("generator_disk_admin");
    auto admin = pg::Connection::Open(admin_spec).Value();
    admin.Exec("DROP DATABASE IF EXISTS generator_disk_full");
    admin.Exec("CREATE TABLESPACE generator_small LOCATION " + admin.QuoteLiteral(mount_point));
    admin.Exec("CREATE DATABASE generator_disk_full TABLESPACE generator_small");
    {
        auto spec = hf::testing::TestPostgres::Instance().Cluster().Spec("generator_disk_full");
        auto conn = pg::Connection::Open(spec).Value();
        GenerateOptions options;
        options.as_of_day = ParseDay(kAsOf);
        try {
            Generate(conn, options);
            ADD_FAILURE() << "a year of history cannot fit in 4 MiB";
        } catch (const Error& e) {
            EXPECT_NE(e.Message().find("No space left on device"), std::string::npos) << e.Message();
        }
        for (const char* table : {"services", "patients", "admissions", "stocks_medicaments"}) {
            EXPECT_EQ(conn.Exec(std::string("SELECT count(*) FROM ") + table).GetInt(0, 0), 0) << table;
        }
    }
    admin.Exec("DROP DATABASE generator_disk_full WITH (FORCE)");
    admin.Exec("DROP TABLESPACE generator_small");
    EXPECT_EQ(RunProcess({"umount", mount_point}).Value().exit_code, 0);
}

TEST(GeneratorTest, InvalidOptionsAreRefused) {
    GenerateOptions options;
    options.scale = -1;
    EXPECT_THROW(ValidateOptions(options), Error);
    options.scale = 0;
    EXPECT_THROW(ValidateOptions(options), Error);
    options.scale = 1;
    options.history_days = 0;
    EXPECT_THROW(ValidateOptions(options), Error);
}

}  // namespace
}  // namespace hf::source::generator
