#pragma once

#include <cstdint>
#include <string_view>

#include "source/generator/random.h"
#include "source/generator/service_profiles.h"

namespace hf::source::generator {

// The clinical side of one stay, drawn when the patient arrives. Value type.
struct StayPlan {
    int64_t entree = 0;          // minute number of date_entree
    int64_t sortie = 0;          // planned minute number of date_sortie
    std::string_view mode_entree;
    std::string_view motif;
    int score_gravite = 1;
    double cout_total = 0.0;     // EUR, charged at discharge
    bool ambulatory = false;     // same-day stay
    bool bronchiolitis = false;  // Pédiatrie: the patient is mostly under one year
};

// Who the patient is, as far as the service cares: sex and date of birth (day number).
struct PatientProfile {
    char sexe = 'F';
    int64_t date_naissance = 0;
};

// Arrivals expected on a day in a service at scale 1 (before the capacity limit).
double ExpectedArrivals(const ServiceProfile& service, int64_t day, double scale);
// Draws an arrival time (minute of the day) and entry mode for one arrival.
// Scheduled admissions arrive 07:00-14:00, emergencies all day with a daytime peak.
void DrawArrival(Rng& rng, const ServiceProfile& service, int64_t day, StayPlan& plan);
// Draws motif, severity, length of stay (sortie) and cost for a stay entering at plan.entree.
void DrawStay(Rng& rng, const ServiceProfile& service, StayPlan& plan);
// Cost of a stay of a given length and severity in a service (EUR, below 50 000).
double DrawCost(Rng& rng, const ServiceProfile& service, int score, double nights, bool ambulatory);
// Draws sex and date of birth of a new patient of the service, for a stay on `day`.
PatientProfile DrawPatient(Rng& rng, const ServiceProfile& service, const StayPlan& plan, int64_t day);
// True when a known patient's age on `day` fits the service (Pédiatrie under 18, etc.).
bool FitsService(const ServiceProfile& service, const PatientProfile& patient, int64_t day);
// Probability that a stay in progress for `elapsed_days` whole days ends within the next day
// (hazard of the service's lognormal length of stay). Same law as DrawStay.
double DischargeHazard(const ServiceProfile& service, double elapsed_days);

}  // namespace hf::source::generator
