#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "warehouse/warehouse_fixture.h"

namespace hf::testing {
namespace {

// Columns that record the build's own instant, different by nature between two builds.
const std::map<std::string, std::string>& ComparedColumns() {
    static const std::map<std::string, std::string> columns = {
        {"marts.kpi_reference", "instant_reference, date_reference, derniere_extraction"},
    };
    return columns;
}

// Every table of schemas core and marts, as "schema.name".
std::vector<std::string> CoreAndMartsTables(WarehouseFixture& f) {
    std::vector<std::string> tables;
    for (const auto& row :
         f.WarehouseRows("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                         "WHERE table_schema IN ('core', 'marts') AND table_type = 'BASE TABLE' ORDER BY 1")) {
        tables.push_back(row[0].value_or(""));
    }
    return tables;
}

// Each table's rows as sorted lines of normalised cells.
std::map<std::string, std::vector<std::string>> Contents(WarehouseFixture& f, const std::vector<std::string>& tables) {
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& table : tables) {
        auto it = ComparedColumns().find(table);
        std::string columns = it == ComparedColumns().end() ? "*" : it->second;
        out[table] = SortedLines(f.WarehouseRows("SELECT " + columns + " FROM " + table));
    }
    return out;
}

// Daily incremental builds (new stays, discharges, a changed patient, an erased patient) leave
// every core and marts table exactly as a --full-refresh build of the same staging does.
TEST(WarehouseIncrementalTest, IncrementalBuildsEqualAFullRefresh) {
    WarehouseFixture f("warehouse_incremental", "2026-03-10", 30);
    f.ExtractLoadBuild();
    std::string changed = std::string(f.Source().Exec("SELECT min(id) FROM patients").Get(0, 0));
    std::string erased = std::string(
        f.Source()
            .Exec(
                "SELECT max(p.id) FROM patients p WHERE EXISTS (SELECT 1 FROM admissions a WHERE a.patient_id = p.id) "
                "AND NOT EXISTS (SELECT 1 FROM admissions a WHERE a.patient_id = p.id AND a.date_sortie IS NULL)")
            .Get(0, 0));
    ASSERT_NE(changed, erased);
    ProcessOutcome last_build;
    for (int day = 1; day <= 3; ++day) {
        if (day == 2) {
            f.Source().Exec(
                "UPDATE patients SET adresse = '3 place Bellecour, 69002 Lyon', mutuelle = 'MAIF' WHERE id = " +
                changed);
            f.Source().Exec("DELETE FROM patients WHERE id = " + erased);
        }
        f.SimulateDay();
        f.RunOk({"extract"});
        f.RunOk({"load"});
        last_build = f.RunOk({"transform", "build", "--project-dir", f.project_dir});
    }
    // The daily builds were incremental: merged rows, not a rebuilt table.
    for (const std::string model :
         {"staging.stg_patients_clean", "staging.stg_admissions_clean", "core.dim_patients_scd",
          "core.fct_admissions_core", "core.recherche_patients", "marts.dim_patients", "marts.fct_hospitalisations"}) {
        size_t at = last_build.out.find("OK created sql incremental model " + model + " ");
        ASSERT_NE(at, std::string::npos) << model << "\n" << last_build.out;
        std::string line = last_build.out.substr(at, last_build.out.find('\n', at) - at);
        EXPECT_NE(line.find("[INSERT "), std::string::npos) << line;
    }
    auto erased_rows = f.WarehouseRows(
        "SELECT (SELECT count(*) FROM core.fct_admissions_core WHERE patient_id = " + erased +
        "), (SELECT count(*) FROM core.dim_patients_scd WHERE patient_id = " + erased + " AND dbt_is_current)" +
        ", (SELECT count(*) FROM core.dim_patients_scd WHERE patient_id = " + changed + ")" +
        ", (SELECT count(*) FROM core.recherche_patients WHERE patient_id = " + erased + ")" +
        ", (SELECT string_agg(DISTINCT adresse || ' ' || nb_versions, '|') FROM core.recherche_patients"
        " WHERE patient_id = " +
        changed + ")" + ", (SELECT count(*) FROM core.recherche_patients WHERE patient_id = " + changed + ")");
    EXPECT_EQ(erased_rows[0][0], std::optional<std::string>("0"));
    EXPECT_EQ(erased_rows[0][1], std::optional<std::string>("0"));
    EXPECT_EQ(erased_rows[0][2], std::optional<std::string>("2"));
    // The search forgets the erased patient and finds the changed one's new version, by its 3 keys.
    EXPECT_EQ(erased_rows[0][3], std::optional<std::string>("0"));
    EXPECT_EQ(erased_rows[0][4], std::optional<std::string>("3 place Bellecour, 69002 Lyon 2"));
    EXPECT_EQ(erased_rows[0][5], std::optional<std::string>("3"));

    auto tables = CoreAndMartsTables(f);
    ASSERT_GE(tables.size(), 15u);
    auto incremental = Contents(f, tables);
    f.RunOk({"transform", "build", "--full-refresh", "--project-dir", f.project_dir});
    auto full = Contents(f, tables);
    for (const auto& table : tables) {
        const auto& a = incremental[table];
        const auto& b = full[table];
        EXPECT_GT(b.size(), 0u) << table;
        ASSERT_EQ(a.size(), b.size()) << table;
        size_t differences = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            if (a[i] != b[i] && differences++ < 3) {
                ADD_FAILURE() << table << " differs:\n incremental  " << a[i] << "\n full refresh " << b[i];
            }
        }
        EXPECT_EQ(differences, 0u) << table;
    }
    // The full build wrote the tables the patient page looks up in the order of the look-up.
    for (const auto& [table, column] : {std::pair<std::string, std::string>{"core.dim_patients_scd", "patient_id"},
                                        {"core.admissions_par_patient", "patient_id"},
                                        {"core.recherche_patients", "cle"},
                                        {"marts.fct_hospitalisations", "admission_key"}}) {
        auto descents = f.WarehouseRows("SELECT count(*) FROM (SELECT " + column + " AS k, lag(" + column +
                                        ") OVER (ORDER BY rowid) AS previous FROM " + table + ") WHERE k < previous");
        EXPECT_EQ(descents[0][0], std::optional<std::string>("0")) << table;
    }
}

} // namespace
} // namespace hf::testing
