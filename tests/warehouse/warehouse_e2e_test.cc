#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "warehouse/warehouse_fixture.h"

namespace hf::testing {
namespace {

using Rows = std::vector<std::vector<std::optional<std::string>>>;

// Days simulated after the generation (the 30 days are run by hand, see
// docs/warehouse-model.md; HF_WAREHOUSE_E2E_DAYS overrides).
int SimulatedDays() {
    const char* days = std::getenv("HF_WAREHOUSE_E2E_DAYS");
    return days != nullptr ? std::atoi(days) : 12;
}

// Rows of a query on the source database, as text (NULL = nullopt).
Rows SourceRows(pg::Connection& conn, const std::string& sql) {
    auto res = conn.Exec(sql);
    Rows rows;
    for (int r = 0; r < res.Rows(); ++r) {
        std::vector<std::optional<std::string>> row;
        for (int c = 0; c < res.Columns(); ++c) {
            row.push_back(res.GetOptional(r, c));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

// Digits after the decimal point of a printed number (-1 when it is not a number).
int Decimals(const std::string& text) {
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) {
        return -1;
    }
    auto dot = text.find('.');
    return dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

// Two answers agree: same rows in the same order, texts equal, numbers equal to one unit of
// the last printed decimal (both sides round the same figure, possibly on either side of a half).
void ExpectSameAnswer(const Rows& expected, const Rows& actual, const std::string& what) {
    ASSERT_EQ(actual.size(), expected.size()) << what;
    for (size_t r = 0; r < expected.size(); ++r) {
        ASSERT_EQ(actual[r].size(), expected[r].size()) << what << " row " << r;
        for (size_t c = 0; c < expected[r].size(); ++c) {
            const auto& e = expected[r][c];
            const auto& a = actual[r][c];
            ASSERT_EQ(a.has_value(), e.has_value()) << what << " row " << r << " col " << c;
            if (!e) continue;
            int de = Decimals(*e), da = Decimals(*a);
            if (de >= 0 && da >= 0) {
                double unit = std::pow(10.0, -std::max(de, da));
                EXPECT_NEAR(std::stod(*a), std::stod(*e), unit * 1.0001)
                    << what << " row " << r << " col " << c << " (" << *e << " vs " << *a << ")";
            } else {
                EXPECT_EQ(*a, *e) << what << " row " << r << " col " << c;
            }
        }
    }
}

Rows SortedBy(Rows rows, std::vector<size_t> keys) {
    std::sort(rows.begin(), rows.end(), [&](const auto& x, const auto& y) {
        for (size_t k : keys) {
            if (x[k] != y[k]) return x[k] < y[k];
        }
        return false;
    });
    return rows;
}

class WarehouseEndToEndTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        fixture_ = new WarehouseFixture("warehouse_e2e", "2026-02-15", 60);
        auto& f = *fixture_;
        f.ExtractLoadBuild();
        // A patient in house at the start (not erased while in house) changes mutuelle twice.
        auto res = f.Source().Exec(
            "SELECT p.id FROM patients p JOIN admissions a ON a.patient_id = p.id "
            "WHERE a.date_sortie IS NULL ORDER BY a.date_entree DESC, p.id LIMIT 1");
        patient_id_ = res.GetInt(0, 0);
        int days = SimulatedDays();
        for (int day = 1; day <= days; ++day) {
            if (day == 2 || day == days - 1) {
                f.Source().ExecParams("UPDATE patients SET mutuelle = $1 WHERE id = $2",
                                      {day == 2 ? "Mutuelle Essai Un" : "Mutuelle Essai Deux", std::to_string(patient_id_)});
            }
            f.SimulateDay();
            f.ExtractLoadBuild();
        }
    }
    static void TearDownTestSuite() {
        delete fixture_;
        fixture_ = nullptr;
    }

    static WarehouseFixture* fixture_;
    static long long patient_id_;
};

WarehouseFixture* WarehouseEndToEndTest::fixture_ = nullptr;
long long WarehouseEndToEndTest::patient_id_ = 0;

TEST_F(WarehouseEndToEndTest, EveryDataTestPasses) {
    auto out = fixture_->RunOk({"transform", "test", "--project-dir", fixture_->project_dir});
    EXPECT_NE(out.out.find("ERROR=0"), std::string::npos) << out.out;
}

TEST_F(WarehouseEndToEndTest, PatientWhoChangedMutuelleTwiceHasThreeContiguousVersions) {
    auto out = fixture_->RunOk({"ask", "q5", "--patient", std::to_string(patient_id_), "--format", "json"});
    auto versions = nlohmann::json::parse(out.out);
    ASSERT_EQ(versions.size(), 3u) << out.out;
    EXPECT_EQ(versions[0]["Version"], 1);
    EXPECT_EQ(versions[1]["Mutuelle"], "MUTUELLE ESSAI UN");
    EXPECT_EQ(versions[2]["Mutuelle"], "MUTUELLE ESSAI DEUX");
    EXPECT_EQ(versions[0]["Valide au"], versions[1]["Valide du"]);
    EXPECT_EQ(versions[1]["Valide au"], versions[2]["Valide du"]);
    EXPECT_TRUE(versions[2]["Valide au"].is_null());
    EXPECT_EQ(versions[2]["Courante"], true);
    EXPECT_EQ(versions[0]["Courante"], false);
    EXPECT_LT(versions[0]["Valide du"].get<std::string>(), versions[1]["Valide du"].get<std::string>());

    // --at gives the one version valid then.
    std::string middle = versions[1]["Valide du"].get<std::string>();
    auto at = fixture_->RunOk({"ask", "q5", "--patient", std::to_string(patient_id_), "--at", middle, "--format",
                               "json"});
    auto one = nlohmann::json::parse(at.out);
    ASSERT_EQ(one.size(), 1u) << at.out;
    EXPECT_EQ(one[0]["Mutuelle"], "MUTUELLE ESSAI UN");

    auto unknown = fixture_->Run({"ask", "q5", "--patient", "999999999"});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("patient 999999999 has no history"), std::string::npos) << unknown.err;
}

TEST_F(WarehouseEndToEndTest, EveryStayJoinsThePatientVersionValidAtEntry) {
    auto rows = fixture_->WarehouseRows(
        "SELECT count(*) AS stays, "
        " sum(CASE WHEN d.patient_key IS NOT NULL AND d.patient_id = a.patient_id"
        "  AND (d.numero_version = 1 OR d.dbt_valid_from <= f.date_entree)"
        "  AND (d.dbt_valid_to IS NULL OR f.date_entree < d.dbt_valid_to) THEN 1 ELSE 0 END) AS joined "
        "FROM marts.fct_hospitalisations f JOIN core.fct_admissions_core a ON a.admission_id = f.admission_key "
        "LEFT JOIN core.dim_patients_scd d ON d.patient_key = f.patient_key");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_GT(std::stoll(*rows[0][0]), 4000);  // 60 days of history plus the simulated days
    EXPECT_EQ(rows[0][1], rows[0][0]);
    // Each stay of the patient who changed carries the mutuelle of the version valid at its entry.
    auto versions = nlohmann::json::parse(
        fixture_->RunOk({"ask", "q5", "--patient", std::to_string(patient_id_), "--format", "json"}).out);
    auto stays = fixture_->WarehouseRows(
        "SELECT f.date_entree, f.mutuelle FROM marts.fct_hospitalisations f JOIN core.dim_patients_scd d ON "
        "d.patient_key = f.patient_key WHERE d.patient_id = " + std::to_string(patient_id_) + " ORDER BY 1");
    ASSERT_FALSE(stays.empty());
    for (const auto& stay : stays) {
        std::string expected;
        for (const auto& v : versions) {
            bool after_start = v["Version"] == 1 || v["Valide du"].get<std::string>() <= *stay[0];
            bool before_end = v["Valide au"].is_null() || *stay[0] < v["Valide au"].get<std::string>();
            if (after_start && before_end) expected = v["Mutuelle"].get<std::string>();
        }
        EXPECT_EQ(*stay[1], expected) << "stay entered " << *stay[0];
    }
}

TEST_F(WarehouseEndToEndTest, AnswersEqualTheSameQuestionsOnTheSource) {
    auto& f = *fixture_;
    auto source_q1 = SourceRows(f.Source(), WarehouseFixture::ReadSourceFile("tests/warehouse/oltp/q1_occupation.sql"));
    ASSERT_EQ(source_q1.size(), 8u);
    Rows expected_q1;
    for (const auto& row : source_q1) {
        auto out = f.RunOk({"ask", "q1", "--service", *row[0], "--format", "csv"});
        auto answer = ParseCsv(out.out);
        ASSERT_EQ(answer.size(), 2u) << out.out;
        ExpectSameAnswer({row}, {answer[1]}, "q1 " + *row[0]);
        if (std::stod(*row[5]) >= 90) expected_q1.push_back(row);
    }
    auto q1 = ParseCsv(f.RunOk({"ask", "q1", "--format", "csv"}).out);
    q1.erase(q1.begin());
    ExpectSameAnswer(SortedBy(expected_q1, {0}), SortedBy(q1, {0}), "q1");

    auto q2 = ParseCsv(f.RunOk({"ask", "q2", "--format", "csv"}).out);
    q2.erase(q2.begin());
    ExpectSameAnswer(
        SortedBy(SourceRows(f.Source(), WarehouseFixture::ReadSourceFile("tests/warehouse/oltp/q2_couts.sql")), {0, 2}),
        SortedBy(q2, {0, 2}), "q2");

    auto q3 = ParseCsv(f.RunOk({"ask", "q3", "--format", "csv"}).out);
    q3.erase(q3.begin());
    EXPECT_GT(q3.size(), 5u);
    ExpectSameAnswer(SourceRows(f.Source(), WarehouseFixture::ReadSourceFile("tests/warehouse/oltp/q3_stocks.sql")), q3,
                     "q3");

    auto q4 = ParseCsv(f.RunOk({"ask", "q4", "--format", "csv"}).out);
    q4.erase(q4.begin());
    ExpectSameAnswer(
        SortedBy(SourceRows(f.Source(), WarehouseFixture::ReadSourceFile("tests/warehouse/oltp/q4_dms.sql")), {0}),
        SortedBy(q4, {0}), "q4");
}

TEST_F(WarehouseEndToEndTest, AskExplainsWhatIsMissing) {
    auto& f = *fixture_;
    auto bad = f.Run({"ask", "q5"});
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--patient"), std::string::npos) << bad.err;
    auto bad_at = f.Run({"ask", "q5", "--patient", "1", "--at", "hier"});
    EXPECT_EQ(bad_at.exit_code, 2);
    std::map<std::string, std::string> empty_warehouse = {{"HEALTHFLOW_WAREHOUSE_PATH", f.project_dir + "/empty.duckdb"}};
    f.RunOk({"sql", "SELECT 1"}, empty_warehouse);
    auto empty = f.Run({"ask", "q1"}, empty_warehouse);
    EXPECT_EQ(empty.exit_code, 1);
    EXPECT_NE(empty.err.find("run `healthflow transform build` first"), std::string::npos) << empty.err;
}

}  // namespace
}  // namespace hf::testing
