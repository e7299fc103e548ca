#include "source/generator/medication_catalog.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hf::source::generator {

namespace {

constexpr uint64_t kStockStream = 0x53544f43;  // "STOC"

// A molecule and the presentations the pharmacy stocks.
struct Molecule {
    std::string_view name;
    char ven;
    double price;        // EUR per unit of the first presentation
    double daily_units;  // mean daily consumption of the hospital at scale 1
    std::vector<std::pair<std::string_view, std::string_view>> presentations;  // label, unit
};

const std::vector<Molecule>& Molecules() {
    static const std::vector<Molecule> kMolecules = {
        {"Paracétamol", 'E', 0.05, 400, {{"1 g comprimé", "comprime"}, {"500 mg gélule", "gelule"}, {"1 g/100 mL perfusion", "flacon"}, {"sirop 2,4 %", "flacon"}}},
        {"Amoxicilline", 'V', 0.4, 60, {{"1 g comprimé", "comprime"}, {"1 g injectable", "flacon"}, {"500 mg gélule", "gelule"}}},
        {"Amoxicilline/Acide clavulanique", 'V', 1.2, 50, {{"1 g/125 mg sachet", "sachet"}, {"1 g/200 mg injectable", "flacon"}}},
        {"Ceftriaxone", 'V', 2.5, 30, {{"1 g injectable", "flacon"}, {"2 g injectable", "flacon"}}},
        {"Céfazoline", 'E', 2.0, 25, {{"2 g injectable", "flacon"}}},
        {"Pipéracilline/Tazobactam", 'E', 9.0, 12, {{"4 g/500 mg injectable", "flacon"}}},
        {"Vancomycine", 'V', 6.0, 6, {{"500 mg injectable", "flacon"}, {"1 g injectable", "flacon"}}},
        {"Gentamicine", 'E', 1.5, 8, {{"80 mg/2 mL injectable", "ampoule"}}},
        {"Héparine", 'V', 3.0, 40, {{"5000 UI/mL", "flacon"}, {"25000 UI/5 mL", "flacon"}}},
        {"Énoxaparine", 'V', 3.5, 90, {{"4000 UI/0,4 mL seringue", "seringue"}, {"6000 UI/0,6 mL seringue", "seringue"}}},
        {"Morphine", 'V', 1.8, 25, {{"10 mg/mL injectable", "ampoule"}, {"10 mg gélule LP", "gelule"}}},
        {"Oxycodone", 'E', 1.1, 15, {{"5 mg gélule", "gelule"}, {"10 mg/mL injectable", "ampoule"}}},
        {"Tramadol", 'E', 0.2, 50, {{"50 mg gélule", "gelule"}, {"100 mg/2 mL injectable", "ampoule"}}},
        {"Néfopam", 'E', 0.9, 40, {{"20 mg/2 mL injectable", "ampoule"}}},
        {"Kétoprofène", 'N', 0.6, 30, {{"100 mg injectable", "flacon"}, {"100 mg comprimé LP", "comprime"}}},
        {"Ibuprofène", 'N', 0.08, 60, {{"400 mg comprimé", "comprime"}, {"sirop 20 mg/mL", "flacon"}}},
        {"Adrénaline", 'V', 1.2, 4, {{"1 mg/mL injectable", "ampoule"}, {"0,5 mg/mL injectable", "ampoule"}}},
        {"Noradrénaline", 'V', 4.0, 3, {{"8 mg/4 mL injectable", "ampoule"}}},
        {"Atropine", 'E', 1.0, 2, {{"0,5 mg/mL injectable", "ampoule"}}},
        {"Furosémide", 'E', 0.3, 45, {{"40 mg comprimé", "comprime"}, {"20 mg/2 mL injectable", "ampoule"}, {"250 mg/25 mL injectable", "ampoule"}}},
        {"Insuline asparte", 'V', 8.0, 12, {{"100 UI/mL stylo", "stylo"}, {"100 UI/mL flacon", "flacon"}}},
        {"Insuline glargine", 'E', 9.0, 10, {{"100 UI/mL stylo", "stylo"}}},
        {"Chlorure de sodium", 'V', 0.9, 300, {{"0,9 % 500 mL poche", "poche"}, {"0,9 % 1000 mL poche", "poche"}, {"0,9 % 10 mL ampoule", "ampoule"}}},
        {"Glucose", 'E', 1.0, 120, {{"5 % 500 mL poche", "poche"}, {"30 % 10 mL ampoule", "ampoule"}}},
        {"Ringer lactate", 'E', 1.3, 80, {{"500 mL poche", "poche"}, {"1000 mL poche", "poche"}}},
        {"Chlorure de potassium", 'E', 0.7, 30, {{"10 % 10 mL ampoule", "ampoule"}, {"600 mg gélule LP", "gelule"}}},
        {"Oméprazole", 'N', 0.1, 90, {{"20 mg gélule", "gelule"}, {"40 mg injectable", "flacon"}}},
        {"Pantoprazole", 'N', 0.12, 70, {{"40 mg comprimé", "comprime"}, {"40 mg injectable", "flacon"}}},
        {"Ondansétron", 'E', 0.8, 35, {{"8 mg comprimé", "comprime"}, {"8 mg/4 mL injectable", "ampoule"}}},
        {"Métoclopramide", 'E', 0.3, 25, {{"10 mg comprimé", "comprime"}, {"10 mg/2 mL injectable", "ampoule"}}},
        {"Salbutamol", 'V', 2.5, 25, {{"100 µg/dose aérosol", "flacon"}, {"5 mg/2,5 mL nébulisation", "ampoule"}}},
        {"Ipratropium", 'E', 0.9, 15, {{"0,5 mg/2 mL nébulisation", "ampoule"}}},
        {"Prednisolone", 'E', 0.2, 25, {{"20 mg comprimé orodispersible", "comprime"}, {"5 mg comprimé", "comprime"}}},
        {"Méthylprednisolone", 'E', 2.0, 12, {{"40 mg injectable", "flacon"}, {"120 mg injectable", "flacon"}}},
        {"Dexaméthasone", 'E', 0.9, 10, {{"4 mg/mL injectable", "ampoule"}}},
        {"Amiodarone", 'V', 0.6, 10, {{"200 mg comprimé", "comprime"}, {"150 mg/3 mL injectable", "ampoule"}}},
        {"Bisoprolol", 'E', 0.05, 40, {{"2,5 mg comprimé", "comprime"}, {"5 mg comprimé", "comprime"}}},
        {"Ramipril", 'E', 0.06, 35, {{"5 mg comprimé", "comprime"}, {"10 mg comprimé", "comprime"}}},
        {"Amlodipine", 'N', 0.05, 35, {{"5 mg gélule", "gelule"}, {"10 mg gélule", "gelule"}}},
        {"Atorvastatine", 'N', 0.1, 45, {{"40 mg comprimé", "comprime"}, {"80 mg comprimé", "comprime"}}},
        {"Acide acétylsalicylique", 'V', 0.05, 45, {{"75 mg sachet", "sachet"}, {"500 mg injectable", "flacon"}}},
        {"Clopidogrel", 'E', 0.15, 25, {{"75 mg comprimé", "comprime"}, {"300 mg comprimé", "comprime"}}},
        {"Apixaban", 'E', 1.0, 30, {{"5 mg comprimé", "comprime"}, {"2,5 mg comprimé", "comprime"}}},
        {"Altéplase", 'V', 600.0, 0.3, {{"50 mg injectable", "flacon"}}},
        {"Lévétiracétam", 'E', 0.5, 20, {{"500 mg comprimé", "comprime"}, {"500 mg/5 mL injectable", "flacon"}}},
        {"Diazépam", 'E', 0.4, 8, {{"10 mg/2 mL injectable", "ampoule"}, {"5 mg comprimé", "comprime"}}},
        {"Midazolam", 'V', 1.0, 8, {{"5 mg/5 mL injectable", "ampoule"}, {"buccal 5 mg", "seringue"}}},
        {"Propofol", 'V', 3.5, 15, {{"1 % 20 mL injectable", "ampoule"}, {"2 % 50 mL injectable", "flacon"}}},
        {"Sufentanil", 'E', 2.0, 10, {{"50 µg/10 mL injectable", "ampoule"}}},
        {"Rocuronium", 'E', 4.5, 6, {{"50 mg/5 mL injectable", "flacon"}}},
        {"Lidocaïne", 'E', 0.8, 20, {{"1 % 20 mL injectable", "flacon"}, {"2 % 20 mL injectable", "flacon"}}},
        {"Ocytocine", 'V', 1.5, 12, {{"5 UI/mL injectable", "ampoule"}}},
        {"Oxytocique carbétocine", 'V', 18.0, 2, {{"100 µg/mL injectable", "ampoule"}}},
        {"Fer injectable (carboxymaltose)", 'E', 120.0, 1.2, {{"500 mg/10 mL", "flacon"}}},
        {"Vitamine K1", 'E', 0.9, 4, {{"2 mg/0,2 mL nourrisson", "ampoule"}, {"10 mg/1 mL injectable", "ampoule"}}},
        {"Lactulose", 'N', 0.15, 30, {{"10 g sachet", "sachet"}}},
        {"Macrogol", 'N', 0.2, 35, {{"10 g sachet", "sachet"}}},
        {"Zopiclone", 'N', 0.06, 25, {{"7,5 mg comprimé", "comprime"}}},
        {"Halopéridol", 'E', 0.5, 5, {{"5 mg/mL injectable", "ampoule"}, {"2 mg/mL gouttes", "flacon"}}},
        {"Lévothyroxine", 'E', 0.04, 30, {{"50 µg comprimé", "comprime"}, {"100 µg comprimé", "comprime"}}},
        {"Metformine", 'E', 0.04, 35, {{"500 mg comprimé", "comprime"}, {"1000 mg comprimé", "comprime"}}},
        {"Sérum antitétanique (immunoglobuline)", 'V', 25.0, 0.6, {{"250 UI seringue", "seringue"}}},
        {"Nicardipine", 'E', 3.0, 3, {{"10 mg/10 mL injectable", "ampoule"}}},
        {"Naloxone", 'V', 4.0, 1, {{"0,4 mg/mL injectable", "ampoule"}}},
        {"Oseltamivir", 'E', 2.0, 6, {{"75 mg gélule", "gelule"}}},
        {"Dobutamine", 'E', 9.0, 1.5, {{"250 mg/20 mL injectable", "flacon"}}},
        {"Albumine humaine", 'E', 45.0, 2, {{"20 % 100 mL", "flacon"}, {"4 % 250 mL", "flacon"}}},
        {"Fluconazole", 'E', 3.0, 4, {{"200 mg/100 mL perfusion", "flacon"}, {"100 mg gélule", "gelule"}}},
        {"Aciclovir", 'E', 4.0, 4, {{"250 mg injectable", "flacon"}, {"200 mg comprimé", "comprime"}}},
        {"Métronidazole", 'E', 1.2, 12, {{"500 mg/100 mL perfusion", "poche"}, {"500 mg comprimé", "comprime"}}},
        {"Cefotaxime", 'E', 2.2, 10, {{"1 g injectable", "flacon"}, {"2 g injectable", "flacon"}}},
        {"Clindamycine", 'E', 2.5, 6, {{"600 mg/4 mL injectable", "ampoule"}, {"300 mg gélule", "gelule"}}},
        {"Ciprofloxacine", 'E', 0.5, 10, {{"500 mg comprimé", "comprime"}, {"400 mg/200 mL perfusion", "poche"}}},
        {"Cotrimoxazole", 'E', 0.2, 6, {{"800 mg/160 mg comprimé", "comprime"}, {"400 mg/80 mg/5 mL injectable", "ampoule"}}},
        {"Spironolactone", 'E', 0.1, 12, {{"25 mg comprimé", "comprime"}, {"50 mg comprimé", "comprime"}}},
        {"Hydrocortisone", 'E', 3.0, 5, {{"100 mg injectable", "flacon"}, {"10 mg comprimé", "comprime"}}},
        {"Phloroglucinol", 'N', 0.15, 30, {{"80 mg comprimé orodispersible", "comprime"}, {"40 mg/4 mL injectable", "ampoule"}}},
        {"Magnésium sulfate", 'E', 1.0, 6, {{"15 % 10 mL injectable", "ampoule"}}},
        {"Calcium gluconate", 'E', 1.1, 4, {{"10 % 10 mL injectable", "ampoule"}}},
        {"Bicarbonate de sodium", 'E', 2.0, 4, {{"8,4 % 250 mL perfusion", "flacon"}, {"1,4 % 500 mL perfusion", "flacon"}}},
        {"Tranexamique (acide)", 'E', 1.5, 8, {{"500 mg/5 mL injectable", "ampoule"}, {"500 mg comprimé", "comprime"}}},
        {"Ketamine", 'E', 2.5, 3, {{"50 mg/5 mL injectable", "ampoule"}}},
        {"Esoméprazole", 'N', 0.2, 25, {{"40 mg injectable", "flacon"}, {"20 mg gélule", "gelule"}}},
        {"Alprazolam", 'N', 0.05, 12, {{"0,25 mg comprimé", "comprime"}}},
        {"Mirtazapine", 'N', 0.1, 8, {{"15 mg comprimé", "comprime"}}},
        {"Donépézil", 'N', 0.3, 6, {{"5 mg comprimé", "comprime"}}},
        {"Lévodopa/Bensérazide", 'E', 0.3, 6, {{"100 mg/25 mg gélule", "gelule"}, {"200 mg/50 mg comprimé", "comprime"}}},
        {"Nicotine", 'N', 0.6, 8, {{"21 mg/24 h patch", "patch"}, {"14 mg/24 h patch", "patch"}}},
        {"Chlorhexidine", 'E', 2.0, 15, {{"solution alcoolique 2 % 250 mL", "flacon"}}},
        {"Povidone iodée", 'E', 2.5, 10, {{"10 % solution 125 mL", "flacon"}, {"scrub 4 % 500 mL", "flacon"}}},
        {"Budésonide", 'E', 1.5, 8, {{"0,5 mg/2 mL nébulisation", "ampoule"}}},
    };
    return kMolecules;
}

// A flat, stable list of (molecule index, presentation index).
const std::vector<std::pair<size_t, size_t>>& Presentations() {
    static const std::vector<std::pair<size_t, size_t>> kList = [] {
        std::vector<std::pair<size_t, size_t>> list;
        const auto& molecules = Molecules();
        for (size_t m = 0; m < molecules.size(); ++m) {
            for (size_t p = 0; p < molecules[m].presentations.size(); ++p) {
                list.emplace_back(m, p);
            }
        }
        return list;
    }();
    return kList;
}

}  // namespace

size_t CatalogSize() { return Presentations().size(); }

int ReorderPoint(double conso_jour_moyenne, double daily_cv, int delai_livraison_jours) {
    const double lead = static_cast<double>(delai_livraison_jours);
    const double sigma = daily_cv * conso_jour_moyenne * std::sqrt(lead);
    return static_cast<int>(std::ceil(conso_jour_moyenne * lead + 1.65 * sigma));
}

Medication MakeMedication(uint64_t seed, size_t index) {
    Rng rng(DeriveSeed(seed, kStockStream, index));
    const auto& list = Presentations();
    const auto [m, p] = list[index % list.size()];
    const Molecule& molecule = Molecules()[m];
    Medication med;
    med.nom_medicament = std::string(molecule.name) + " " + std::string(molecule.presentations[p].first);
    if (index >= list.size()) {
        // Past the catalogue: another supplier's reference of the same presentation.
        med.nom_medicament += " - réf. " + std::to_string(index / list.size() + 1);
    }
    med.classe_ven = molecule.ven;
    med.unite = molecule.presentations[p].second;
    med.prix_unitaire = std::round(molecule.price * (1.0 + 0.3 * static_cast<double>(p)) *
                                   rng.LogNormalMeanCv(1.0, 0.15) * 100.0) / 100.0;
    med.prix_unitaire = std::max(0.01, med.prix_unitaire);
    med.conso_jour_moyenne =
        std::max(0.1, std::round(molecule.daily_units / static_cast<double>(molecule.presentations.size()) *
                                 rng.LogNormalMeanCv(1.0, 0.3) * 100.0) / 100.0);
    med.delai_livraison_jours = static_cast<int>(rng.UniformInt(1, 4) + (med.classe_ven == 'N' ? 3 : 0));
    med.seuil_alerte = ReorderPoint(med.conso_jour_moyenne, rng.Uniform(0.3, 0.6), med.delai_livraison_jours);
    const double state = rng.Uniform();
    if (state < 0.02) {
        med.quantite = 0;  // out of stock
    } else if (state < 0.14) {
        med.quantite = static_cast<int>(rng.UniformInt(1, std::max(1, med.seuil_alerte)));
    } else {
        // Somewhere in the order cycle: between the reorder point and a fresh delivery.
        med.quantite = med.seuil_alerte + 1 +
                       static_cast<int>(std::ceil(med.conso_jour_moyenne * rng.Uniform(0.0, kOrderCoverDays)));
    }
    return med;
}

}  // namespace hf::source::generator
