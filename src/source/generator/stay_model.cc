#include "source/generator/stay_model.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "source/generator/calendar.h"

namespace hf::source::generator {

namespace {

constexpr double kCostCap = 49'990.0;

// Emergencies by hour of day: quiet nights, busy late mornings and evenings.
constexpr double kEmergencyHourWeights[24] = {0.5, 0.4, 0.35, 0.3, 0.3, 0.35, 0.5, 0.8, 1.1, 1.4, 1.5, 1.5,
                                               1.4, 1.4, 1.4, 1.4, 1.4, 1.4, 1.4, 1.3, 1.2, 1.0, 0.8, 0.6};

bool IsUrgences(const ServiceProfile& s) { return s.code == "URG"; }

std::string_view PickMotif(Rng& rng, const std::vector<Motif>& motifs) {
    std::vector<double> weights;
    weights.reserve(motifs.size());
    for (const auto& m : motifs) {
        weights.push_back(m.weight);
    }
    return motifs[rng.Categorical(weights)].label;
}

double LosMean(const ServiceProfile& s, std::string_view motif) {
    if (motif == "Césarienne") {
        return s.los_mean_days + 1.5;
    }
    if (motif == "Bronchiolite") {
        return 3.5;
    }
    return s.los_mean_days;
}

}  // namespace

double ExpectedArrivals(const ServiceProfile& service, int64_t day, double scale) {
    const double beds = std::max(1.0, std::round(service.beds * scale));
    const int month = DateOf(day).month;
    // Same-day stays do not occupy a bed at midnight: they come on top of the full stays.
    const double full = service.target_occupancy * beds / service.los_mean_days;
    const double base = full / (1.0 - service.ambulatory_share);
    const double scheduled = 1.0 - service.urgences_share - service.mutation_share;
    const double weekday = service.urgences_share + service.mutation_share +
                           scheduled * ScheduledWeekdayFactor(Weekday(day));
    return base * SeasonalFactor(service.code, month) * weekday;
}

void DrawArrival(Rng& rng, const ServiceProfile& service, int64_t day, StayPlan& plan) {
    const double u = rng.Uniform();
    int64_t minute = 0;
    if (u < service.urgences_share) {
        plan.mode_entree = "URGENCES";
        minute = static_cast<int64_t>(rng.Categorical(kEmergencyHourWeights)) * 60 + rng.UniformInt(0, 59);
    } else if (u < service.urgences_share + service.mutation_share) {
        plan.mode_entree = "MUTATION";
        minute = rng.UniformInt(9 * 60, 19 * 60);
    } else {
        plan.mode_entree = "PROGRAMMEE";
        minute = rng.UniformInt(7 * 60, 14 * 60);
    }
    plan.entree = day * kMinutesPerDay + minute;
}

double DrawCost(Rng& rng, const ServiceProfile& service, int score, double nights, bool ambulatory) {
    double median = service.cost_median;
    if (ambulatory) {
        median = 1'315.0 / 1.6;
    }
    const double typical = SeverityCostFactor(static_cast<int>(std::lround(service.severity_mean)));
    const double length = ambulatory ? 1.0 : 0.55 + 0.45 * std::max(nights, 0.3) / service.los_mean_days;
    const double cost = median * rng.LogNormalMeanCv(1.0, 0.35) * SeverityCostFactor(score) / typical * length;
    return std::min(kCostCap, std::round(cost * 100.0) / 100.0);
}

void DrawStay(Rng& rng, const ServiceProfile& service, StayPlan& plan) {
    const int64_t day = plan.entree / kMinutesPerDay;
    const int month = DateOf(day).month;
    // Same-day stays are all scheduled: their share among scheduled stays gives ambulatory_share overall.
    const double scheduled = 1.0 - service.urgences_share - service.mutation_share;
    plan.ambulatory = service.ambulatory_share > 0.0 && plan.mode_entree == "PROGRAMMEE" &&
                      rng.Bernoulli(std::min(1.0, 1.1 * service.ambulatory_share / scheduled));
    plan.bronchiolitis = service.code == "PEDIA" && rng.Bernoulli(BronchiolitisShare(month));
    if (plan.bronchiolitis) {
        plan.motif = "Bronchiolite";
    } else if (plan.ambulatory) {
        plan.motif = PickMotif(rng, service.ambulatory_motifs);
    } else {
        plan.motif = PickMotif(rng, service.motifs);
    }
    const double sev = rng.Normal(service.severity_mean, 1.7);
    plan.score_gravite = static_cast<int>(std::clamp(std::lround(sev), 1L, 10L));

    double nights = 0.0;
    if (IsUrgences(service)) {
        // UHCD: a few hours to under two days.
        const double hours = std::clamp(rng.LogNormalMeanCv(service.los_mean_days * 24.0, service.los_cv), 2.0, 47.0);
        plan.sortie = plan.entree + static_cast<int64_t>(hours * 60.0);
        nights = hours / 24.0;
    } else if (plan.ambulatory) {
        plan.entree = day * kMinutesPerDay + rng.UniformInt(7 * 60, 10 * 60);
        plan.sortie = plan.entree + rng.UniformInt(4 * 60, 9 * 60);
    } else {
        const double los = rng.LogNormalMeanCv(LosMean(service, plan.motif), service.los_cv);
        const int64_t n = std::clamp<int64_t>(std::llround(los), 1, 120);
        plan.sortie = (day + n) * kMinutesPerDay + rng.UniformInt(10 * 60, 17 * 60);
        nights = static_cast<double>(n);
    }
    plan.cout_total = DrawCost(rng, service, plan.score_gravite, nights, plan.ambulatory);
}

PatientProfile DrawPatient(Rng& rng, const ServiceProfile& service, const StayPlan& plan, int64_t day) {
    PatientProfile p;
    p.sexe = rng.Bernoulli(service.female_share) ? 'F' : 'M';
    int64_t age_days = 0;
    if (plan.bronchiolitis) {
        // 89 % of hospitalised bronchiolitis cases are under one year.
        age_days = rng.Bernoulli(0.89) ? rng.UniformInt(14, 364) : rng.UniformInt(365, 2 * 365);
        p.date_naissance = day - age_days;
        return p;
    }
    int age = 0;
    if (service.code == "URG" && rng.Bernoulli(0.22)) {
        age = static_cast<int>(rng.UniformInt(0, 17));
    } else if (service.code == "URG") {
        age = static_cast<int>(std::clamp(std::lround(rng.Normal(58.0, 21.0)), 18L, 101L));
    } else if (service.code == "PEDIA") {
        age = static_cast<int>(rng.UniformInt(0, 17));
    } else {
        age = static_cast<int>(std::clamp(std::lround(rng.Normal(service.age_mean, service.age_sd)),
                                          static_cast<long>(service.age_min), static_cast<long>(service.age_max)));
    }
    p.date_naissance = YearsBefore(day, age) - rng.UniformInt(0, 364);
    return p;
}

bool FitsService(const ServiceProfile& service, const PatientProfile& patient, int64_t day) {
    if (service.code == "MATER" && patient.sexe != 'F') {
        return false;
    }
    const int age = AgeInYears(patient.date_naissance, day);
    if (service.code == "URG") {
        return true;
    }
    return age >= service.age_min && age <= service.age_max;
}

double DischargeHazard(const ServiceProfile& service, double elapsed_days) {
    const double mean = service.los_mean_days;
    const double sigma2 = std::log(1.0 + service.los_cv * service.los_cv);
    const double sigma = std::sqrt(sigma2);
    const double mu = std::log(mean) - sigma2 / 2.0;
    auto survival = [&](double t) {
        if (t <= 0.0) {
            return 1.0;
        }
        return 0.5 * std::erfc((std::log(t) - mu) / (sigma * std::sqrt(2.0)));
    };
    // A stay of n nights leaves on day n: it is still here after `elapsed` days when LOS > elapsed + 0.5.
    const double s_now = survival(elapsed_days + 0.5);
    if (s_now <= 1e-9) {
        return 1.0;
    }
    return std::clamp(1.0 - survival(elapsed_days + 1.5) / s_now, 0.0, 1.0);
}

}  // namespace hf::source::generator
