#include <gtest/gtest.h>

#include "source/migrations.h"
#include "support/test_postgres.h"

namespace hf::source {
namespace {

class SchemaTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        spec_ = testing::TestPostgres::Instance().FreshDatabase("schema_constraints");
        auto conn = pg::Connection::Open(spec_).Value();
        ApplyMigrations(conn);
        conn.Exec(
            "INSERT INTO services (code, nom_service, capacite_lits) VALUES ('CARDIO', 'Cardiologie', 30);"
            "INSERT INTO patients (nom, prenom, date_naissance) VALUES ('Martin', 'Jeanne', '1950-03-02');"
            "INSERT INTO stocks_medicaments (nom_medicament, quantite, seuil_alerte, prix_unitaire)"
            " VALUES ('Paracétamol 1 g', 10, 100, 2.5), ('Héparine', 80, 100, 9), ('Amoxicilline', 500, 100, 4)");
    }
    void SetUp() override { conn_.emplace(pg::Connection::Open(spec_).Value()); }

    // Runs `sql`, expecting PostgreSQL to refuse it; returns the error message.
    std::string Rejected(const std::string& sql) {
        try {
            conn_->Exec(sql);
        } catch (const Error& e) {
            EXPECT_EQ(e.Kind(), ErrorKind::DATA) << e.Message();
            return e.Message();
        }
        ADD_FAILURE() << "accepted: " << sql;
        return "";
    }

    static inline pg::ConnectionSpec spec_;
    std::optional<pg::Connection> conn_;
};

TEST_F(SchemaTest, PatientConstraints) {
    EXPECT_NE(Rejected("INSERT INTO patients (nom, prenom, date_naissance) VALUES ('A', NULL, '1990-01-01')")
                  .find("null value in column \"prenom\""),
              std::string::npos);
    EXPECT_NE(Rejected("INSERT INTO patients (nom, prenom, date_naissance) VALUES ('A', 'B', CURRENT_DATE + 1)")
                  .find("check_date_naissance"),
              std::string::npos);
    EXPECT_NE(Rejected("INSERT INTO patients (nom, prenom, date_naissance) VALUES ('A', 'B', NULL)")
                  .find("date_naissance"),
              std::string::npos);
    EXPECT_NE(Rejected("INSERT INTO patients (nom, prenom, date_naissance, email) VALUES ('A','B','1990-01-01','x')")
                  .find("patients_email_check"),
              std::string::npos);
}

TEST_F(SchemaTest, ServiceConstraints) {
    EXPECT_NE(Rejected("INSERT INTO services (code, nom_service, capacite_lits) VALUES ('X', 'X', 0)")
                  .find("capacite_lits_check"),
              std::string::npos);
    EXPECT_NE(Rejected("INSERT INTO services (code, nom_service, capacite_lits) VALUES ('C2', 'Cardiologie', 5)")
                  .find("services_nom_service_key"),
              std::string::npos);
}

TEST_F(SchemaTest, AdmissionConstraints) {
    EXPECT_NE(Rejected("INSERT INTO admissions (patient_id, service_id, date_entree, date_sortie) "
                       "VALUES (1, 1, '2026-01-02', '2026-01-01')")
                  .find("check_dates"),
              std::string::npos);
    EXPECT_NE(Rejected("INSERT INTO admissions (patient_id, service_id, score_gravite) VALUES (1, 1, 11)")
                  .find("score_gravite_check"),
              std::string::npos);
    EXPECT_NE(Rejected("INSERT INTO admissions (patient_id, service_id, cout_total) VALUES (1, 1, -1)")
                  .find("cout_total_check"),
              std::string::npos);
    EXPECT_NE(Rejected("INSERT INTO admissions (patient_id, service_id) VALUES (999, 1)").find("foreign key"),
              std::string::npos);
    EXPECT_NE(Rejected("INSERT INTO admissions (patient_id, service_id) VALUES (1, 999)").find("foreign key"),
              std::string::npos);
}

TEST_F(SchemaTest, DeletingAServiceWithAdmissionsIsRestricted) {
    conn_->Exec("INSERT INTO admissions (patient_id, service_id, date_entree) VALUES (1, 1, '2026-01-01')");
    EXPECT_NE(Rejected("DELETE FROM services WHERE id = 1").find("foreign key"), std::string::npos);
    conn_->Exec("DELETE FROM admissions");
}

TEST_F(SchemaTest, StockConstraints) {
    EXPECT_NE(Rejected("UPDATE stocks_medicaments SET quantite = -1 WHERE id = 1").find("quantite_check"),
              std::string::npos);
    EXPECT_NE(Rejected("UPDATE stocks_medicaments SET seuil_alerte = -5 WHERE id = 1").find("seuil_alerte_check"),
              std::string::npos);
}

TEST_F(SchemaTest, UpdateRefreshesDateModification) {
    conn_->Exec("UPDATE patients SET date_modification = '2000-01-01' WHERE id = 1");
    auto r = conn_->Exec("SELECT date_modification > now() - interval '1 minute' FROM patients WHERE id = 1");
    EXPECT_EQ(r.Get(0, 0), "t");
}

TEST_F(SchemaTest, DeletionsAreLoggedIncludingCascades) {
    conn_->Exec("INSERT INTO patients (nom, prenom, date_naissance) VALUES ('Durand', 'Paul', '1980-05-05')");
    auto id = conn_->Exec("SELECT max(id) FROM patients").GetInt(0, 0);
    conn_->Exec("INSERT INTO admissions (patient_id, service_id, date_entree) VALUES (" + std::to_string(id) +
                ", 1, '2026-02-01')");
    conn_->Exec("DELETE FROM patients WHERE id = " + std::to_string(id));
    auto log = conn_->Exec(
        "SELECT nom_table, donnees->>'nom' FROM journal_suppressions WHERE (nom_table = 'patients' AND ligne_id = " +
        std::to_string(id) + ") OR (nom_table = 'admissions' AND (donnees->>'patient_id')::int = " +
        std::to_string(id) + ") ORDER BY nom_table");
    ASSERT_EQ(log.Rows(), 2);
    EXPECT_EQ(log.Get(0, 0), "admissions");
    EXPECT_EQ(log.Get(1, 0), "patients");
    EXPECT_EQ(log.Get(1, 1), "Durand");
}

TEST_F(SchemaTest, StockAlertViewLevels) {
    auto r = conn_->Exec("SELECT nom_medicament, deficit, niveau_alerte FROM v_alertes_stocks ORDER BY id");
    ASSERT_EQ(r.Rows(), 2);
    EXPECT_EQ(r.Get(0, 1), "90");
    EXPECT_EQ(r.Get(0, 2), "URGENT");
    EXPECT_EQ(r.Get(1, 1), "20");
    EXPECT_EQ(r.Get(1, 2), "ATTENTION");
}

TEST_F(SchemaTest, OccupancyViewCountsPatientsInHouseAtTheHospitalClock) {
    conn_->Exec("INSERT INTO horloge_simulation (instant, graine, echelle) VALUES ('2026-03-10 12:00', 1, 1)");
    conn_->Exec(
        "INSERT INTO admissions (patient_id, service_id, date_entree, date_sortie) VALUES"
        " (1, 1, '2026-03-09 08:00', NULL),"
        " (1, 1, '2026-03-01 08:00', '2026-03-10 11:00'),"
        " (1, 1, '2026-03-10 10:00', '2026-03-12 10:00'),"
        " (1, 1, '2026-03-11 10:00', NULL)");
    auto r = conn_->Exec("SELECT lits_occupes, capacite_lits, taux_occupation FROM v_occupation_services");
    ASSERT_EQ(r.Rows(), 1);
    EXPECT_EQ(r.Get(0, 0), "2");
    EXPECT_EQ(r.Get(0, 1), "30");
    EXPECT_EQ(r.Get(0, 2), "6.67");
    conn_->Exec("DELETE FROM admissions; DELETE FROM horloge_simulation");
}

}  // namespace
}  // namespace hf::source
