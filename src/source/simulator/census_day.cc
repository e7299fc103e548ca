#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <vector>

#include "source/generator/calendar.h"
#include "source/generator/identity.h"
#include "source/generator/service_profiles.h"
#include "source/generator/stay_model.h"
#include "source/simulator/day_context.h"

namespace hf::source::simulator {

namespace {

using generator::kMinutesPerDay;
constexpr uint64_t kNewPatientStream = 0x4e504154;  // "NPAT"
constexpr double kReadmissionShare = 0.30;
constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

// A patient who left a service recently and may come back to it.
struct Candidate {
    long long id = 0;
    generator::PatientProfile profile;
};

// One service as it stands in the database, with its calibration, its occupied beds
// (end minute of each stay in house; kNever while the stay has no planned end) and the
// patients it discharged within 90 days who are not in house at the start of the day.
struct Unit {
    int id = 0;
    long long capacity = 0;
    const generator::ServiceProfile* profile = nullptr;
    std::priority_queue<int64_t, std::vector<int64_t>, std::greater<>> beds;
    std::vector<Candidate> returning;
};

struct Arrival {
    size_t unit = 0;
    generator::StayPlan plan;
};

const generator::ServiceProfile* ProfileFor(std::string_view code) {
    for (const auto& p : generator::ServiceProfiles()) {
        if (p.code == code) {
            return &p;
        }
    }
    return nullptr;
}

std::optional<std::string> Opt(const std::string& s) { return s; }

// Readmission candidates of every unit, read in one query at the start of the day.
void LoadReturningPatients(DayContext& day, std::vector<Unit>& units, const std::map<int, size_t>& unit_of) {
    auto rows = day.conn.ExecParams(SimulationSql("returning_patients.sql"), {generator::FormatMinute(day.start)});
    for (int r = 0; r < rows.Rows(); ++r) {
        auto it = unit_of.find(static_cast<int>(rows.GetInt(r, 0)));
        if (it == unit_of.end()) {
            continue;
        }
        Candidate c;
        c.id = rows.GetInt(r, 1);
        c.profile.sexe = rows.Get(r, 2).empty() ? 'F' : rows.Get(r, 2)[0];
        c.profile.date_naissance = generator::ParseDay(std::string(rows.Get(r, 3)));
        units[it->second].returning.push_back(c);
    }
}

// A recently discharged patient of the unit who may come back, or 0. Patients admitted
// earlier in the day (`taken`) are not drawn twice.
long long ReturningPatient(DayContext& day, const Unit& unit, int64_t minute, const std::set<long long>& taken) {
    if (unit.returning.empty()) {
        return 0;
    }
    const Candidate& c = unit.returning[day.rng.Pick(unit.returning.size())];
    if (taken.count(c.id) > 0 || !generator::FitsService(*unit.profile, c.profile, minute / kMinutesPerDay)) {
        return 0;
    }
    return c.id;
}

long long InsertPatient(DayContext& day, const Unit& unit, const generator::StayPlan& plan, uint64_t index) {
    generator::Rng rng(generator::DeriveSeed(day.seed, kNewPatientStream, static_cast<uint64_t>(day.start) * 4096 + index));
    generator::PatientProfile profile = generator::DrawPatient(rng, *unit.profile, plan, plan.entree / kMinutesPerDay);
    profile.date_naissance = std::min(profile.date_naissance, generator::TodayLocal());
    const generator::Identity id = generator::MakeIdentity(rng, profile.sexe);
    auto res = day.conn.ExecParams(
        SimulationSql("insert_patient.sql"),
        {id.nom, id.prenom, std::string(1, profile.sexe), generator::FormatDay(profile.date_naissance), id.adresse,
         id.mutuelle, id.telephone, id.email, generator::FormatMinute(plan.entree)});
    return res.GetInt(0, 0);
}

void Discharge(DayContext& day, std::vector<Unit>& units, const std::map<int, size_t>& unit_of) {
    auto in_house = day.conn.Exec(SimulationSql("in_house.sql"));
    std::vector<std::string> ids;
    std::vector<std::string> sorties;
    std::vector<std::string> costs;
    const int64_t today = day.start / kMinutesPerDay;
    for (int r = 0; r < in_house.Rows(); ++r) {
        auto it = unit_of.find(static_cast<int>(in_house.GetInt(r, 1)));
        if (it == unit_of.end()) {
            continue;
        }
        Unit& unit = units[it->second];
        const int64_t entree = generator::ParseMinute(std::string(in_house.Get(r, 3)));
        const double elapsed = std::floor(static_cast<double>(day.start - entree) / kMinutesPerDay);
        const bool leaves = unit.profile->code == "URG" ? elapsed >= 1.0 || day.rng.Bernoulli(0.85)
                                                        : day.rng.Bernoulli(generator::DischargeHazard(*unit.profile, elapsed));
        if (!leaves) {
            unit.beds.push(kNever);
            continue;
        }
        const int64_t sortie = std::max<int64_t>(entree + 120, today * kMinutesPerDay + day.rng.UniformInt(10 * 60, 17 * 60));
        const int score = in_house.IsNull(r, 4) ? 3 : static_cast<int>(in_house.GetInt(r, 4));
        const double nights = static_cast<double>(sortie / kMinutesPerDay - entree / kMinutesPerDay);
        unit.beds.push(sortie);
        ids.push_back(std::string(in_house.Get(r, 0)));
        sorties.push_back(generator::FormatMinute(sortie));
        costs.push_back(std::to_string(generator::DrawCost(day.rng, *unit.profile, score, nights, false)));
    }
    if (!ids.empty()) {
        day.conn.ExecParams(SimulationSql("discharge.sql"), {ArrayLiteral(ids), ArrayLiteral(sorties), ArrayLiteral(costs)});
    }
    day.report.discharges = static_cast<long long>(ids.size());
}

}  // namespace

void RunCensusDay(DayContext& day) {
    std::vector<Unit> units;
    std::map<int, size_t> unit_of;
    auto services = day.conn.Exec("SELECT id, code, capacite_lits FROM services WHERE actif ORDER BY id");
    for (int r = 0; r < services.Rows(); ++r) {
        Unit u;
        u.id = static_cast<int>(services.GetInt(r, 0));
        u.capacity = services.GetInt(r, 2);
        u.profile = ProfileFor(services.Get(r, 1));
        if (u.profile != nullptr) {
            unit_of[u.id] = units.size();
            units.push_back(std::move(u));
        }
    }
    Discharge(day, units, unit_of);
    LoadReturningPatients(day, units, unit_of);

    const int64_t today = day.start / kMinutesPerDay;
    std::vector<Arrival> arrivals;
    for (size_t i = 0; i < units.size(); ++i) {
        const double scale = static_cast<double>(units[i].capacity) / units[i].profile->beds;
        const long long n = day.rng.Poisson(generator::ExpectedArrivals(*units[i].profile, today, scale));
        for (long long k = 0; k < n; ++k) {
            Arrival a;
            a.unit = i;
            generator::DrawArrival(day.rng, *units[i].profile, today, a.plan);
            if (a.plan.entree < day.start) {
                a.plan.entree += kMinutesPerDay;  // the small hours belong to the end of this day
            }
            generator::DrawStay(day.rng, *units[i].profile, a.plan);
            arrivals.push_back(a);
        }
    }
    std::stable_sort(arrivals.begin(), arrivals.end(),
                     [](const Arrival& a, const Arrival& b) { return a.plan.entree < b.plan.entree; });
    std::set<long long> taken;
    uint64_t index = 0;
    for (const auto& a : arrivals) {
        Unit& unit = units[a.unit];
        while (!unit.beds.empty() && unit.beds.top() <= a.plan.entree) {
            unit.beds.pop();
        }
        if (static_cast<long long>(unit.beds.size()) >= unit.capacity) {
            ++day.report.refused_full;
            continue;
        }
        long long patient = 0;
        if (!a.plan.bronchiolitis && day.rng.Bernoulli(kReadmissionShare)) {
            patient = ReturningPatient(day, unit, a.plan.entree, taken);
        }
        if (patient == 0) {
            patient = InsertPatient(day, unit, a.plan, index++);
        }
        taken.insert(patient);
        // Same-day stays are written complete; the others end through later days' discharges.
        const bool same_day = a.plan.ambulatory && a.plan.sortie < day.end;
        unit.beds.push(same_day ? a.plan.sortie : kNever);
        day.conn.ExecParams(SimulationSql("insert_admission.sql"),
                            {std::to_string(patient), std::to_string(unit.id), generator::FormatMinute(a.plan.entree),
                             same_day ? Opt(generator::FormatMinute(a.plan.sortie)) : std::nullopt,
                             std::string(a.plan.mode_entree), std::to_string(a.plan.score_gravite),
                             std::string(a.plan.motif),
                             same_day ? Opt(std::to_string(a.plan.cout_total)) : std::nullopt});
        ++day.report.admissions;
    }
    for (auto& unit : units) {
        while (!unit.beds.empty() && unit.beds.top() <= day.end) {
            unit.beds.pop();
        }
        day.report.census += static_cast<long long>(unit.beds.size());
        day.report.beds += unit.capacity;
    }
}

}  // namespace hf::source::simulator
