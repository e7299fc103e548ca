#pragma once

#include <string>
#include <string_view>

#include "source/generator/random.h"

namespace hf::source::generator {

// One medication line of the hospital pharmacy, as written to stocks_medicaments.
struct Medication {
    std::string nom_medicament;
    char classe_ven = 'E';
    std::string_view unite;
    double prix_unitaire = 0.0;
    double conso_jour_moyenne = 0.0;
    int delai_livraison_jours = 3;
    int seuil_alerte = 0;
    int quantite = 0;
};

// Number of distinct presentations in the built-in catalogue (before numbered variants).
size_t CatalogSize();
// The index-th medication (0-based) of a pharmacy of `count` lines: a catalogue presentation,
// or past the catalogue a numbered supplier variant, so names stay unique at every scale.
// Quantities put 10-20 % of lines at or below the reorder point (a few at 0).
// Deterministic for (seed, index); thread-safe.
Medication MakeMedication(uint64_t seed, size_t index);
// Reorder point: mean daily demand x lead time + 1.65 x sigma over the lead time.
int ReorderPoint(double conso_jour_moyenne, double daily_cv, int delai_livraison_jours);

// Days of average consumption that a pharmacy order brings above the reorder point. The
// generator spreads stocks over this cycle so that the simulator continues in the same steady
// state (about one line in eight at or below its threshold while its order is on the way).
inline constexpr double kOrderCoverDays = 20.0;

}  // namespace hf::source::generator
