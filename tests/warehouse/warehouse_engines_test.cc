#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "warehouse/warehouse_fixture.h"

namespace hf::testing {
namespace {

// Every relation of schema marts, and the core tables the API reads besides the patients' versions,
// with the columns compared (the build instant of kpi_reference and the incremental builds'
// watermarks, load and snapshot instants, differ by nature between two builds).
const std::vector<std::pair<std::string, std::string>>& Marts() {
    static const std::vector<std::pair<std::string, std::string>> marts = {
        {"dim_date", "*"},
        {"dim_temps", "*"},
        {"dim_services", "*"},
        {"dim_patients", "patient_key, patient_pseudo, sexe, tranche_age, mutuelle, dbt_valid_from, dbt_valid_to, "
                         "dbt_is_current"},
        {"fct_hospitalisations",
         "admission_key, patient_key, patient_pseudo, service_key, date_entree_key, date_sortie_key, "
         "temps_entree_key, date_entree, date_sortie, duree_sejour, nuitees, ambulatoire, cout_total, score_gravite, "
         "motif, mode_entree, statut, tranche_age, mutuelle"},
        {"kpi_reference", "instant_reference, date_reference, derniere_extraction"},
        {"kpi_occupation_jour", "*"},
        {"kpi_occupation_actuelle", "*"},
        {"kpi_dms_service", "*"},
        {"kpi_couts", "*"},
        {"kpi_stocks", "*"},
        {"kpi_alertes_stocks", "*"},
        {"kpi_couts_jour", "*"},
        {"kpi_couts_jour_hopital", "*"},
        {"kpi_dms_jour", "*"},
        {"core.recherche_patients",
         "cle, cle_debut, genre, patient_id, patient_pseudo, nom, prenom, date_naissance, adresse, mutuelle, "
         "nb_versions"},
    };
    return marts;
}

TEST(WarehouseEnginesTest, DuckDbAndPostgresBuildIdenticalMarts) {
    WarehouseFixture f("warehouse_engines", "2026-03-10", 45);
    f.postgres_warehouse_env = f.PostgresWarehouseEnv("warehouse_engines_dwh");
    f.ExtractLoadBuild();
    auto res = f.Source().Exec("SELECT min(id) FROM patients");
    std::string patient = std::string(res.Get(0, 0));
    for (int day = 1; day <= 3; ++day) {
        if (day == 2) {
            f.Source().Exec("UPDATE patients SET adresse = '3 place Bellecour, 69002 Lyon', mutuelle = 'MAIF' WHERE id = " +
                            patient);
        }
        f.SimulateDay();
        f.ExtractLoadBuild();
    }
    auto compare_marts = [&f](const std::string& when) {
        for (const auto& [mart, columns] : Marts()) {
            std::string relation = mart.find('.') == std::string::npos ? "marts." + mart : mart;
            std::string query = "SELECT " + columns + " FROM " + relation;
            auto duck = SortedLines(f.WarehouseRows(query));
            auto postgres = SortedLines(f.WarehouseRows(query, *f.postgres_warehouse_env));
            EXPECT_GT(duck.size(), 0u) << mart;
            ASSERT_EQ(duck.size(), postgres.size()) << mart << " " << when;
            size_t differences = 0;
            for (size_t i = 0; i < duck.size(); ++i) {
                if (duck[i] != postgres[i] && differences++ < 3) {
                    ADD_FAILURE() << mart << " differs " << when << ":\n duckdb   " << duck[i] << "\n postgres "
                                  << postgres[i];
                }
            }
            EXPECT_EQ(differences, 0u) << mart << " " << when;
        }
    };
    compare_marts("after the daily incremental builds");
    // A full refresh on PostgreSQL gives what the incremental builds gave on DuckDB.
    f.RunOk({"transform", "build", "--full-refresh", "--project-dir", f.project_dir}, *f.postgres_warehouse_env);
    compare_marts("after a full refresh on postgres");
    // The patient changed: two versions on both engines, with the same keys.
    auto history_duck = f.WarehouseRows(
        "SELECT count(*) FROM core.dim_patients_scd WHERE patient_id = " + patient);
    auto history_pg = f.WarehouseRows("SELECT count(*) FROM core.dim_patients_scd WHERE patient_id = " + patient,
                                      *f.postgres_warehouse_env);
    EXPECT_EQ(history_duck[0][0], std::optional<std::string>("2"));
    EXPECT_EQ(history_pg[0][0], std::optional<std::string>("2"));
}

}  // namespace
}  // namespace hf::testing
