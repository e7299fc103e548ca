#include <gtest/gtest.h>

#include <map>

#include "source/generator_fixture.h"
#include "source/simulator/simulator.h"

namespace hf::source::simulator {
namespace {

using generator::testing_support::GenerateInto;
using generator::testing_support::MaxMidnightCensusRatio;
using generator::testing_support::ServicesOverCapacity;
using generator::testing_support::TableChecksums;

std::map<long long, long long> StockQuantities(pg::Connection& conn) {
    std::map<long long, long long> out;
    auto res = conn.Exec("SELECT id, quantite FROM stocks_medicaments ORDER BY id");
    for (int r = 0; r < res.Rows(); ++r) {
        out[res.GetInt(r, 0)] = res.GetInt(r, 1);
    }
    return out;
}

TEST(SimulatorTest, SevenDaysOfActivity) {
    auto spec = GenerateInto("simulator_week", 11, "2026-02-15", 60);
    auto conn = pg::Connection::Open(spec).Value();
    const auto stocks_before = StockQuantities(conn);
    const long long stays_before = conn.Exec("SELECT count(*) FROM admissions").GetInt(0, 0);
    const std::string started = std::string(conn.Exec("SELECT now()::text").Get(0, 0));
    std::vector<DayReport> days;
    SimulateOptions options;
    options.days = 7;
    options.on_day = [&](const DayReport& d) { days.push_back(d); };
    Simulate(conn, options);

    ASSERT_EQ(days.size(), 7u);
    EXPECT_EQ(days.front().day, "2026-02-15");
    EXPECT_EQ(days.back().day, "2026-02-21");
    EXPECT_EQ(conn.Exec("SELECT instant::text FROM horloge_simulation").Get(0, 0), "2026-02-22 06:00:00");
    long long admitted = 0;
    long long deleted = 0;
    long long deleted_stays = 0;
    for (const auto& d : days) {
        EXPECT_LE(d.census, d.beds);
        EXPECT_EQ(d.beds, 218);
        admitted += d.admissions;
        deleted += d.deleted_patients;
        deleted_stays += d.deleted_admissions;
    }
    EXPECT_GT(admitted, 7 * 40);
    // Capacity holds minute by minute and at every midnight of the simulated days.
    EXPECT_EQ(ServicesOverCapacity(conn), 0);
    EXPECT_LE(MaxMidnightCensusRatio(conn, "2026-02-16", "2026-02-22"), 1.0);
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM admissions WHERE date_entree > '2026-02-15 06:00'").GetInt(0, 0), admitted);
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM admissions").GetInt(0, 0), stays_before + admitted - deleted_stays);
    EXPECT_GT(conn.Exec("SELECT count(*) FROM admissions WHERE date_sortie > '2026-02-15 06:00'").GetInt(0, 0), 7 * 40);
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM admissions WHERE (date_sortie IS NULL) <> (cout_total IS NULL)")
                  .GetInt(0, 0),
              0);
    // Changes to existing patients, stamped with the real time of the change (what incremental
    // extraction selects on).
    EXPECT_GE(conn.Exec("SELECT count(*) FROM patients WHERE date_creation <= '2026-02-15 06:00'"
                        " AND date_modification >= '" + started + "'")
                  .GetInt(0, 0),
              5);
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM patients WHERE date_modification > now()").GetInt(0, 0), 0);
    // Erasures: the patient and each of their stays are in the deletion log.
    ASSERT_GE(deleted, 1);
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM journal_suppressions WHERE nom_table = 'patients'").GetInt(0, 0), deleted);
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM journal_suppressions j WHERE nom_table = 'admissions' AND"
                        " (donnees->>'patient_id')::int IN (SELECT ligne_id FROM journal_suppressions"
                        "  WHERE nom_table = 'patients')")
                  .GetInt(0, 0),
              deleted_stays);
    EXPECT_GE(deleted_stays, deleted);
    EXPECT_EQ(conn.Exec("SELECT count(*) FROM journal_suppressions WHERE date_suppression > now()"
                        " OR date_suppression < '" + started + "'")
                  .GetInt(0, 0),
              0);
    // Pharmacy: consumption everywhere, deliveries where an order arrived.
    const auto stocks_after = StockQuantities(conn);
    int decreased = 0;
    int increased = 0;
    for (const auto& [id, before] : stocks_before) {
        decreased += stocks_after.at(id) < before ? 1 : 0;
        increased += stocks_after.at(id) > before ? 1 : 0;
    }
    EXPECT_GT(decreased, 100);
    EXPECT_GT(increased, 5);
}

TEST(SimulatorTest, SameStartAndSeedGiveTheSameDays) {
    auto a_spec = GenerateInto("simulator_same_a", 3, "2026-02-15", 30);
    auto b_spec = GenerateInto("simulator_same_b", 3, "2026-02-15", 30);
    auto a = pg::Connection::Open(a_spec).Value();
    auto b = pg::Connection::Open(b_spec).Value();
    SimulateOptions options;
    options.days = 3;
    Simulate(a, options);
    Simulate(b, options);
    EXPECT_EQ(TableChecksums(a), TableChecksums(b));
}

TEST(SimulatorTest, RefusesADatabaseThatWasNeverGenerated) {
    auto spec = hf::testing::TestPostgres::Instance().FreshDatabase("simulator_empty");
    auto conn = pg::Connection::Open(spec).Value();
    SimulateOptions options;
    try {
        Simulate(conn, options);
        FAIL() << "simulating an empty database must fail";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::NOT_FOUND);
        EXPECT_NE(e.Hint().find("healthflow generate"), std::string::npos);
    }
}

}  // namespace
}  // namespace hf::source::simulator
