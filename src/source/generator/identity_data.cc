#include "source/generator/identity_data.h"

namespace hf::source::generator {

namespace {

constexpr std::string_view kSurnames[] = {
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André",
    "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier",
    "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud",
    "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron",
    "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe",
    "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte",
    "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin",
    "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet",
    "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
    "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
    "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain",
    "Breton", "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré",
    "Lebrun", "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez",
    "Guichard", "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva",
    "Bouchet", "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret",
    "Barthélemy", "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte",
};

constexpr std::string_view kFemale[] = {
    "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Christine", "Monique", "Valérie",
    "Sandrine", "Véronique", "Nicole", "Sophie", "Stéphanie", "Céline", "Jacqueline", "Chantal", "Anne",
    "Martine", "Julie", "Aurélie", "Émilie", "Camille", "Laura", "Sarah", "Léa", "Manon", "Chloé", "Emma",
    "Jade", "Louise", "Alice", "Lina", "Rose", "Anna", "Mila", "Ambre", "Juliette", "Inès", "Zoé", "Léna",
    "Agathe", "Lucie", "Pauline", "Mathilde", "Claire", "Hélène", "Élodie", "Caroline", "Virginie", "Laetitia",
    "Delphine", "Audrey", "Marion", "Charlotte", "Océane", "Clémence", "Margaux", "Yvette", "Simone", "Denise",
    "Jeanne", "Paulette", "Suzanne", "Odette", "Germaine", "Madeleine", "Colette", "Josiane", "Danielle",
    "Brigitte", "Annie", "Corinne", "Patricia", "Florence", "Karine", "Agnès", "Fatima", "Nadia", "Yasmine",
};

constexpr std::string_view kMale[] = {
    "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre", "Christian", "Éric",
    "Frédéric", "Laurent", "Stéphane", "David", "Pascal", "Daniel", "Sébastien", "Julien", "Thierry", "Olivier",
    "Bernard", "Thomas", "Alexandre", "Gérard", "Didier", "Dominique", "Vincent", "François", "Bruno", "Guillaume",
    "Jérôme", "Jacques", "Marc", "Maxime", "Romain", "Claude", "Antoine", "Franck", "Jean-Pierre", "Anthony",
    "Kévin", "Gabriel", "Léo", "Raphaël", "Louis", "Arthur", "Jules", "Adam", "Lucas", "Hugo", "Noah", "Paul",
    "Nathan", "Ethan", "Mathis", "Tom", "Sacha", "Timéo", "Enzo", "Mohamed", "Karim", "Yves", "René", "Roger",
    "André", "Marcel", "Robert", "Henri", "Georges", "Lucien", "Maurice", "Raymond", "Jean-Claude", "Joël",
    "Serge", "Hervé", "Fabrice", "Cédric", "Mickaël", "Benjamin",
};

constexpr std::string_view kStreetTypes[] = {"rue", "rue", "rue", "rue", "avenue", "avenue", "boulevard",
                                             "place", "impasse", "allée", "chemin", "route", "quai", "cours"};

constexpr std::string_view kStreetNames[] = {
    "de la République", "Victor Hugo", "Jean Jaurès", "du Général de Gaulle", "Pasteur", "de la Gare",
    "Jean Moulin", "de la Liberté", "Gambetta", "Voltaire", "Émile Zola", "des Écoles", "du Moulin",
    "de l'Église", "Paul Bert", "Carnot", "de la Paix", "des Lilas", "des Tilleuls", "du Stade",
    "Anatole France", "Aristide Briand", "Jules Ferry", "Louis Pasteur", "de Verdun", "du 8 Mai 1945",
    "Foch", "Lamartine", "Molière", "des Acacias", "de la Fontaine", "des Roses", "du Château",
    "Saint-Exupéry", "Marcel Pagnol", "de Bretagne", "de Paris", "Nationale", "du Marché", "des Vignes",
    "Georges Clemenceau", "Charles de Gaulle", "Albert Camus", "Pierre Curie", "Marie Curie", "des Peupliers",
};

constexpr City kCities[] = {
    {"69001", "Lyon", 6},          {"69003", "Lyon", 8},          {"69007", "Lyon", 7},
    {"69008", "Lyon", 6},          {"69100", "Villeurbanne", 9},  {"69200", "Vénissieux", 5},
    {"69500", "Bron", 4},          {"69120", "Vaulx-en-Velin", 4}, {"69800", "Saint-Priest", 4},
    {"69600", "Oullins", 3},       {"69300", "Caluire-et-Cuire", 3}, {"69130", "Écully", 2},
    {"69140", "Rillieux-la-Pape", 3}, {"69150", "Décines-Charpieu", 3}, {"69330", "Meyzieu", 3},
    {"69400", "Villefranche-sur-Saône", 3}, {"69700", "Givors", 2}, {"69230", "Saint-Genis-Laval", 2},
    {"69160", "Tassin-la-Demi-Lune", 2}, {"69570", "Dardilly", 1}, {"38200", "Vienne", 2},
    {"01000", "Bourg-en-Bresse", 1}, {"42000", "Saint-Étienne", 1}, {"38000", "Grenoble", 1},
    {"75011", "Paris", 1},         {"13005", "Marseille", 0.5},   {"31000", "Toulouse", 0.5},
    {"33000", "Bordeaux", 0.5},    {"44000", "Nantes", 0.5},      {"67000", "Strasbourg", 0.5},
};

constexpr std::string_view kEmailDomains[] = {"gmail.com", "gmail.com", "gmail.com", "orange.fr", "orange.fr",
                                              "hotmail.fr", "yahoo.fr", "free.fr", "sfr.fr", "laposte.net",
                                              "outlook.fr", "wanadoo.fr", "icloud.com", "bbox.fr"};

constexpr Mutuelle kMutuelles[] = {
    {"Harmonie Mutuelle", 16}, {"MGEN", 13}, {"Aésio", 9}, {"La Mutuelle Générale", 8}, {"Apivia Macif", 7},
    {"MNT", 5}, {"MNH", 5}, {"Unéo", 4}, {"Viasanté", 4}, {"Malakoff Humanis", 8}, {"AXA", 7},
    {"Groupama", 6}, {"MAIF", 5},
};

}  // namespace

std::span<const std::string_view> Surnames() { return kSurnames; }
std::span<const std::string_view> FemaleFirstNames() { return kFemale; }
std::span<const std::string_view> MaleFirstNames() { return kMale; }
std::span<const std::string_view> StreetTypes() { return kStreetTypes; }
std::span<const std::string_view> StreetNames() { return kStreetNames; }
std::span<const City> Cities() { return kCities; }
std::span<const std::string_view> EmailDomains() { return kEmailDomains; }
std::span<const Mutuelle> Mutuelles() { return kMutuelles; }

}  // namespace hf::source::generator
