#include <gtest/gtest.h>

#include "common/error.h"
#include "db/duckdb_warehouse.h"
#include "insight/questions.h"

namespace hf::insight {
namespace {

// A few rows of the marts the questions read, written by hand so that every answer is known.
std::unique_ptr<db::Warehouse> MiniMarts() {
    auto wh = db::DuckDbWarehouse::Open(":memory:").Value();
    wh->Execute(R"sql(
        CREATE SCHEMA marts; CREATE SCHEMA core;
        CREATE TABLE marts.kpi_occupation_actuelle AS SELECT * FROM (VALUES
            (1, 'URG', 'Urgences', 40, 38, 2, 95.0, 'CRITIQUE', 92.5, 90.25, TIMESTAMP '2026-02-15 05:58:00'),
            (2, 'CARDIO', 'Cardiologie', 30, 27, 3, 90.0, 'ROUGE', 88.0, 85.0, TIMESTAMP '2026-02-15 05:58:00'),
            (3, 'MATER', 'Maternité', 20, 10, 10, 50.0, 'VERT', 60.0, 65.0, TIMESTAMP '2026-02-15 05:58:00'))
            t(service_key, code_service, nom_service, capacite_lits, lits_occupes, lits_libres, taux_occupation,
              bande, taux_7j, taux_30j, instant_reference);
        CREATE TABLE marts.dim_services AS SELECT * FROM (VALUES (1, 'URG', 'Urgences'), (2, 'CARDIO', 'Cardiologie'))
            t(service_key, code_service, nom_service);
        CREATE TABLE marts.fct_hospitalisations AS SELECT * FROM (VALUES
            (1, 'p1', 2, 'Infarctus du myocarde', 'TERMINE', 4000.00::DECIMAL(12,2)),
            (2, 'p1', 2, 'Infarctus du myocarde', 'TERMINE', 2000.00::DECIMAL(12,2)),
            (3, 'p2', 2, 'Infarctus du myocarde', 'TERMINE', 3000.00::DECIMAL(12,2)),
            (4, 'p3', 2, 'Insuffisance cardiaque', 'EN COURS', NULL),
            (5, 'p3', 1, 'Malaise', 'TERMINE', 500.00::DECIMAL(12,2)))
            t(admission_key, patient_pseudo, service_key, motif, statut, cout_total);
        CREATE TABLE marts.kpi_dms_service AS SELECT * FROM (VALUES
            (1, 'URG', 'Urgences', 10, 8, 1.0, 0.8, 4.0, -3.0, -75.0, 2),
            (2, 'CARDIO', 'Cardiologie', 10, 10, 7.0, 7.0, 4.0, 3.0, 75.0, 1))
            t(service_key, code_service, nom_service, nb_sejours_termines, nb_sejours_hospitalisation_complete,
              dms_jours, dms_avec_ambulatoire, dms_globale, ecart_jours, ecart_pct, nb_sejours_en_cours);
        CREATE VIEW core.v_historique_patient AS SELECT * FROM (VALUES
            (7, 'MARTIN', 'Anne', DATE '1950-01-01', 'a1', 'MGEN', NULL, NULL, TIMESTAMP '2025-03-01 10:00:00',
             TIMESTAMP '2026-01-10 06:00:00', false, 1),
            (7, 'MARTIN', 'Anne', DATE '1950-01-01', 'a1', 'MAIF', NULL, NULL, TIMESTAMP '2026-01-10 06:00:00',
             NULL, true, 2))
            t(patient_id, nom, prenom, date_naissance, adresse, mutuelle, telephone, email, valide_du, valide_au,
              version_courante, numero_version);
    )sql");
    return wh;
}

TEST(QuestionsTest, ParsesNamesAndInstants) {
    EXPECT_EQ(ParseQuestion("Q3"), Question::STOCKS);
    EXPECT_EQ(QuestionName(Question::PATIENT_HISTORY), "q5");
    EXPECT_THROW(ParseQuestion("q6"), Error);
    EXPECT_EQ(ResolveAtInstant("2026-01-09"), "2026-01-09 23:59:59");
    EXPECT_EQ(ResolveAtInstant("2026-01-09T08:30"), "2026-01-09 08:30:00");
    EXPECT_EQ(ResolveAtInstant("2026-01-09 08:30:15"), "2026-01-09 08:30:15");
    EXPECT_THROW(ResolveAtInstant("hier"), Error);
}

TEST(QuestionsTest, Q1ListsServicesAtOrAbove90PercentOrTheOneAskedFor) {
    auto wh = MiniMarts();
    auto all = AnswerQuestion(*wh, Question::OCCUPATION, {});
    ASSERT_EQ(all.RowCount(), 2u);
    EXPECT_EQ(all.Text(0, all.ColumnIndex("Service")), "URG");
    EXPECT_EQ(all.Text(0, all.ColumnIndex("Libres")), "2");
    EXPECT_EQ(all.Text(0, all.ColumnIndex("Taux 30 j (%)")), "90.3");
    EXPECT_EQ(all.Text(1, all.ColumnIndex("Service")), "CARDIO");
    QuestionFilters mater;
    mater.service = "mater";
    auto one = AnswerQuestion(*wh, Question::OCCUPATION, mater);
    ASSERT_EQ(one.RowCount(), 1u);
    EXPECT_EQ(one.Text(0, one.ColumnIndex("Taux actuel (%)")), "50.0");
}

TEST(QuestionsTest, Q2AveragesPerStayAndPerDistinctPatient) {
    auto wh = MiniMarts();
    QuestionFilters filters;
    filters.motif = "INFARCTUS";
    auto answer = AnswerQuestion(*wh, Question::COSTS, filters);
    ASSERT_EQ(answer.RowCount(), 1u);
    EXPECT_EQ(answer.Text(0, answer.ColumnIndex("Séjours")), "3");
    EXPECT_EQ(answer.Text(0, answer.ColumnIndex("Patients")), "2");
    EXPECT_EQ(answer.Text(0, answer.ColumnIndex("Coût total (EUR)")), "9000.00");
    EXPECT_EQ(answer.Text(0, answer.ColumnIndex("Coût moyen par séjour (EUR)")), "3000.00");
    EXPECT_EQ(answer.Text(0, answer.ColumnIndex("Coût moyen par patient (EUR)")), "4500.00");
}

TEST(QuestionsTest, Q4EndsWithTheWholeHospital) {
    auto wh = MiniMarts();
    auto answer = AnswerQuestion(*wh, Question::LENGTH_OF_STAY, {});
    ASSERT_EQ(answer.RowCount(), 3u);
    EXPECT_EQ(answer.Text(0, 0), "CARDIO");
    EXPECT_EQ(answer.Text(1, 0), "URG");
    EXPECT_EQ(answer.Text(2, 0), "ENSEMBLE");
    EXPECT_EQ(answer.Text(2, answer.ColumnIndex("Séjours terminés")), "20");
    EXPECT_EQ(answer.Text(2, answer.ColumnIndex("DMS avec ambulatoire (j)")), "3.90");
    EXPECT_EQ(answer.Text(2, answer.ColumnIndex("En cours")), "3");
}

TEST(QuestionsTest, Q5GivesEveryVersionOrTheOneValidAtADate) {
    auto wh = MiniMarts();
    QuestionFilters filters;
    filters.patient = 7;
    EXPECT_EQ(AnswerQuestion(*wh, Question::PATIENT_HISTORY, filters).RowCount(), 2u);
    filters.at = "2026-01-09";
    auto before = AnswerQuestion(*wh, Question::PATIENT_HISTORY, filters);
    ASSERT_EQ(before.RowCount(), 1u);
    EXPECT_EQ(before.Text(0, before.ColumnIndex("Mutuelle")), "MGEN");
    filters.at = "2026-01-10";
    auto after = AnswerQuestion(*wh, Question::PATIENT_HISTORY, filters);
    EXPECT_EQ(after.Text(0, after.ColumnIndex("Mutuelle")), "MAIF");
    filters.at = "2020-01-01";
    try {
        AnswerQuestion(*wh, Question::PATIENT_HISTORY, filters);
        FAIL() << "no version in 2020";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::NOT_FOUND);
        EXPECT_EQ(e.Message(), "patient 7 has no version valid at 2020-01-01 23:59:59 (the record starts 2025-03-01 10:00:00)");
    }
    QuestionFilters nobody;
    EXPECT_THROW(AnswerQuestion(*wh, Question::PATIENT_HISTORY, nobody), Error);
}

TEST(QuestionsTest, MissingMartsAskForABuild) {
    auto wh = db::DuckDbWarehouse::Open(":memory:").Value();
    try {
        AnswerQuestion(*wh, Question::STOCKS, {});
        FAIL() << "no marts";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::NOT_FOUND);
        EXPECT_NE(e.Hint().find("run `healthflow transform build` first"), std::string::npos) << e.Hint();
    }
}

}  // namespace
}  // namespace hf::insight
