#pragma once

#include <optional>
#include <string>

#include "source/generator/random.h"

namespace hf::source::generator {

// A patient's civil identity and contact details, as the admissions office typed them
// (phones and emails in mixed formats, on purpose, for the staging layer to clean).
struct Identity {
    std::string nom;
    std::string prenom;
    std::string adresse;
    std::string telephone;
    std::optional<std::string> email;
    std::optional<std::string> mutuelle;
};

// Draws an identity for a patient of sex 'F' or 'M'. Pure function of the generator state.
Identity MakeIdentity(Rng& rng, char sexe);
// "12 rue Victor Hugo, 69003 Lyon".
std::string MakeAddress(Rng& rng);
// French number: 0[1-7] + 8 digits, with spaces, dots, nothing or +33.
std::string MakePhone(Rng& rng);
// One of the reference mutuelles, or none (about 8 %).
std::optional<std::string> DrawMutuelle(Rng& rng);
// Lower-case ASCII form of a French name for an email address ("Hélène" -> "helene").
std::string AsciiFold(std::string_view text);

}  // namespace hf::source::generator
