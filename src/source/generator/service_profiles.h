#pragma once

#include <string_view>
#include <vector>

namespace hf::source::generator {

// A reason for admission (motif) and its relative frequency within its service.
struct Motif {
    std::string_view label;
    double weight;
};

// How a service is calibrated (docs/operational-database.md, "Calibration"): beds at scale 1,
// length of stay, target occupancy, patients' age and sex, entry modes, cost and seasonality.
// Immutable data, thread-safe.
struct ServiceProfile {
    std::string_view code;
    std::string_view nom_service;
    int beds;                  // at scale 1
    double los_mean_days;      // mean nights of a full-hospitalisation stay (hours/24 for URG)
    double los_cv;             // coefficient of variation of the lognormal length of stay
    double ambulatory_share;   // same-day stays (Chirurgie)
    double target_occupancy;   // offered load / beds before the capacity limit
    double urgences_share;     // mode_entree URGENCES
    double mutation_share;     // mode_entree MUTATION (transfer from another unit)
    double female_share;
    int age_min;
    int age_max;
    double age_mean;
    double age_sd;
    double severity_mean;      // score_gravite 1-10
    double cost_median;        // EUR, full stay of typical severity and length
    std::vector<Motif> motifs;
    std::vector<Motif> ambulatory_motifs;  // Chirurgie same-day stays
};

// The eight services of the reference hospital, in id order.
const std::vector<ServiceProfile>& ServiceProfiles();

// Demand multiplier of a service on a given month (1-12): winter epidemics, August in surgery.
double SeasonalFactor(std::string_view code, int month);
// Multiplier of scheduled (PROGRAMMEE) admissions on a weekday (0 = Monday).
double ScheduledWeekdayFactor(int weekday);
// Share of paediatric stays that are bronchiolitis in a given month.
double BronchiolitisShare(int month);
// Severity level 1-4 of a score_gravite 1-10, and its cost factor (level 4 = 3.5 x level 1).
int SeverityLevel(int score);
double SeverityCostFactor(int score);

}  // namespace hf::source::generator
