#include "source/generator/identity.h"
#include "source/simulator/day_context.h"

namespace hf::source::simulator {

namespace {

constexpr double kMovesPerYear = 0.09;             // Insee: 8.8 % of people move each year
constexpr double kMutuelleChangesPerYear = 0.06;
constexpr double kErasuresPerWeekPerScale = 3.0;   // right-to-erasure requests
constexpr int kAttempts = 20;

// A random existing patient id drawn in [1, max_id]; 0 when none found after a few tries.
long long DrawPatientId(DayContext& day, long long max_id, const char* extra_condition) {
    for (int i = 0; i < kAttempts; ++i) {
        const long long id = day.rng.UniformInt(1, max_id);
        auto found = day.conn.ExecParams(std::string("SELECT 1 FROM patients p WHERE p.id = $1") + extra_condition,
                                         {std::to_string(id)});
        if (found.Rows() == 1) {
            return id;
        }
    }
    return 0;
}

}  // namespace

void RunPatientChanges(DayContext& day) {
    auto stats = day.conn.Exec("SELECT count(*), coalesce(max(id), 0) FROM patients");
    const long long count = stats.GetInt(0, 0);
    const long long max_id = stats.GetInt(0, 1);
    if (count == 0) {
        return;
    }
    const long long moves = day.rng.Poisson(static_cast<double>(count) * kMovesPerYear / 365.0);
    for (long long i = 0; i < moves; ++i) {
        const long long id = DrawPatientId(day, max_id, "");
        if (id == 0) {
            continue;
        }
        // A move comes with a new address and, often, a new landline or mobile.
        const std::string adresse = generator::MakeAddress(day.rng);
        const std::string telephone = generator::MakePhone(day.rng);
        const bool new_phone = day.rng.Bernoulli(0.4);
        if (new_phone) {
            day.conn.ExecParams("UPDATE patients SET adresse = $2, telephone = $3 WHERE id = $1",
                                {std::to_string(id), adresse, telephone});
        } else {
            day.conn.ExecParams("UPDATE patients SET adresse = $2 WHERE id = $1", {std::to_string(id), adresse});
        }
        ++day.report.address_changes;
    }
    const long long switches = day.rng.Poisson(static_cast<double>(count) * kMutuelleChangesPerYear / 365.0);
    for (long long i = 0; i < switches; ++i) {
        const long long id = DrawPatientId(day, max_id, "");
        if (id == 0) {
            continue;
        }
        const auto mutuelle = generator::DrawMutuelle(day.rng);
        auto res = day.conn.ExecParams(
            "UPDATE patients SET mutuelle = $2 WHERE id = $1 AND mutuelle IS DISTINCT FROM $2", {std::to_string(id), mutuelle});
        day.report.mutuelle_changes += res.AffectedRows();
    }
    const double scale = static_cast<double>(day.report.beds) / 218.0;
    const long long erasures = day.rng.Poisson(kErasuresPerWeekPerScale / 7.0 * scale);
    for (long long i = 0; i < erasures; ++i) {
        const long long id = DrawPatientId(
            day, max_id, " AND NOT EXISTS (SELECT 1 FROM admissions a WHERE a.patient_id = p.id AND a.date_sortie IS NULL)");
        if (id == 0) {
            continue;
        }
        auto res = day.conn.ExecParams(SimulationSql("delete_patient.sql"), {std::to_string(id)});
        if (res.Rows() == 1) {
            ++day.report.deleted_patients;
            day.report.deleted_admissions += res.GetInt(0, 0);
        }
    }
}

}  // namespace hf::source::simulator
