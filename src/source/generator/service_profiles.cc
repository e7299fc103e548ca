#include "source/generator/service_profiles.h"

namespace hf::source::generator {

const std::vector<ServiceProfile>& ServiceProfiles() {
    static const std::vector<ServiceProfile> profiles = {
        {"URG", "Urgences", 40, 20.0 / 24.0, 0.5, 0.0, 0.95, 1.0, 0.0, 0.5, 0, 100, 55, 22, 4.0, 520,
         {{"Douleur thoracique", 10}, {"Malaise", 10}, {"Traumatisme crânien", 8}, {"Intoxication éthylique", 6},
          {"Douleur abdominale", 10}, {"Chute de la personne âgée", 9}, {"Crise d'asthme", 5},
          {"Colique néphrétique", 5}, {"Plaie de la main", 6}, {"Fièvre", 7}, {"Déshydratation", 4},
          {"Entorse de cheville", 6}, {"Convulsions", 3}, {"Dyspnée", 6}},
         {}},
        {"CARDIO", "Cardiologie", 30, 5.5, 0.6, 0.0, 0.93, 0.5, 0.05, 0.4, 40, 98, 71, 10, 5.5, 4200,
         {{"Infarctus du myocarde", 14}, {"Insuffisance cardiaque", 20}, {"Fibrillation auriculaire", 14},
          {"Angor instable", 10}, {"Embolie pulmonaire", 6}, {"Syncope", 8}, {"Pose de stimulateur cardiaque", 8},
          {"Coronarographie", 12}, {"Poussée hypertensive", 5}, {"Endocardite", 3}},
         {}},
        {"PEDIA", "Pédiatrie", 25, 3.0, 0.6, 0.0, 0.74, 0.6, 0.03, 0.45, 0, 17, 6, 5, 3.5, 2400,
         {{"Gastro-entérite", 16}, {"Pneumopathie", 10}, {"Crise d'asthme", 12}, {"Pyélonéphrite", 8},
          {"Convulsions fébriles", 7}, {"Appendicite", 8}, {"Otite compliquée", 5}, {"Traumatisme crânien", 6},
          {"Diabète inaugural", 3}, {"Déshydratation", 8}},
         {}},
        {"CHIR", "Chirurgie", 35, 4.5, 0.7, 0.5, 0.90, 0.25, 0.03, 0.5, 18, 95, 55, 17, 4.5, 6500,
         {{"Fracture du col du fémur", 14}, {"Appendicectomie", 14}, {"Prothèse totale de hanche", 12},
          {"Prothèse totale de genou", 10}, {"Colectomie", 7}, {"Occlusion intestinale", 7},
          {"Péritonite", 4}, {"Cholécystectomie", 10}, {"Éventration", 5}, {"Fracture de jambe", 8}},
         {{"Hernie inguinale", 18}, {"Cholécystectomie coelioscopique", 14}, {"Arthroscopie du genou", 14},
          {"Canal carpien", 12}, {"Exérèse de kyste", 10}, {"Varices", 8}, {"Hémorroïdectomie", 6}}},
        {"MATER", "Maternité", 20, 3.9, 0.35, 0.0, 0.90, 0.0, 0.0, 1.0, 18, 45, 31, 5, 2.5, 2700,
         {{"Accouchement voie basse", 72}, {"Césarienne", 20}, {"Menace d'accouchement prématuré", 5},
          {"Pré-éclampsie", 3}},
         {}},
        {"GERIA", "Gériatrie", 28, 15.0, 0.45, 0.0, 1.08, 0.7, 0.1, 0.62, 75, 104, 87, 5, 6.0, 6000,
         {{"Chute de la personne âgée", 18}, {"Altération de l'état général", 18}, {"Pneumopathie", 14},
          {"Confusion aiguë", 10}, {"Infection urinaire", 10}, {"Insuffisance cardiaque", 10},
          {"Déshydratation", 8}, {"Démence avec troubles du comportement", 6}, {"Fracture du col du fémur", 6}},
         {}},
        {"PNEUMO", "Pneumologie", 22, 7.5, 0.55, 0.0, 0.84, 0.6, 0.05, 0.45, 30, 100, 70, 12, 5.5, 4800,
         {{"Pneumopathie", 24}, {"Exacerbation de BPCO", 22}, {"Grippe compliquée", 10}, {"Embolie pulmonaire", 8},
          {"Cancer du poumon", 10}, {"Asthme aigu grave", 6}, {"Pleurésie", 6}, {"Insuffisance respiratoire aiguë", 8}},
         {}},
        {"NEURO", "Neurologie", 18, 9.0, 0.55, 0.0, 0.93, 0.6, 0.05, 0.5, 20, 98, 66, 14, 5.5, 5200,
         {{"AVC ischémique", 30}, {"AVC hémorragique", 6}, {"Accident ischémique transitoire", 12},
          {"Épilepsie", 12}, {"Sclérose en plaques (poussée)", 8}, {"Maladie de Parkinson", 6},
          {"Méningite", 3}, {"Céphalées", 8}, {"Syndrome de Guillain-Barré", 2}},
         {}},
    };
    return profiles;
}

double SeasonalFactor(std::string_view code, int month) {
    const bool winter = month == 12 || month == 1 || month == 2;
    const bool shoulder = month == 11 || month == 3;
    if (code == "PNEUMO") {
        return winter ? 1.25 : shoulder ? 1.1 : 0.9;
    }
    if (code == "PEDIA") {
        // Bronchiolitis epidemic: x1.5-2 from November to January, peak in December.
        static const double kPedia[12] = {1.6, 1.2, 0.95, 0.85, 0.8, 0.75, 0.7, 0.7, 0.8, 1.0, 1.5, 1.9};
        return kPedia[month - 1];
    }
    if (code == "CHIR") {
        return month == 8 ? 0.8 : 1.0;
    }
    if (code == "MATER") {
        return 1.0;
    }
    if (code == "URG" || code == "GERIA") {
        return winter ? 1.15 : shoulder ? 1.07 : 0.96;
    }
    if (code == "CARDIO") {
        return winter ? 1.1 : shoulder ? 1.05 : 0.97;
    }
    return winter ? 1.05 : 0.99;
}

double ScheduledWeekdayFactor(int weekday) {
    static const double kFactor[7] = {1.3, 1.25, 1.25, 1.25, 1.2, 0.45, 0.3};
    return kFactor[weekday];
}

double BronchiolitisShare(int month) {
    static const double kShare[12] = {0.42, 0.2, 0.06, 0.03, 0.02, 0.02, 0.02, 0.02, 0.03, 0.12, 0.36, 0.52};
    return kShare[month - 1];
}

int SeverityLevel(int score) {
    if (score <= 3) {
        return 1;
    }
    if (score <= 5) {
        return 2;
    }
    if (score <= 7) {
        return 3;
    }
    return 4;
}

double SeverityCostFactor(int score) {
    static const double kFactor[4] = {1.0, 1.6, 2.4, 3.5};
    return kFactor[SeverityLevel(score) - 1];
}

}  // namespace hf::source::generator
