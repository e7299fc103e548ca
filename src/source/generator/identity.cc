#include "source/generator/identity.h"

#include <cmath>
#include <vector>

#include "source/generator/identity_data.h"

namespace hf::source::generator {

namespace {

// Skewed pick: frequent names (first in the list) come out more often.
std::string_view PickSkewed(Rng& rng, std::span<const std::string_view> items) {
    const double u = std::pow(rng.Uniform(), 1.7);
    return items[static_cast<size_t>(u * static_cast<double>(items.size()))];
}

void AppendDigits(std::string& out, Rng& rng, int count) {
    for (int i = 0; i < count; ++i) {
        out.push_back(static_cast<char>('0' + rng.UniformInt(0, 9)));
    }
}

}  // namespace

std::string AsciiFold(std::string_view text) {
    static const std::pair<std::string_view, char> kFolds[] = {
        {"é", 'e'}, {"è", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"É", 'e'}, {"à", 'a'}, {"â", 'a'}, {"ä", 'a'},
        {"î", 'i'}, {"ï", 'i'}, {"ô", 'o'}, {"ö", 'o'}, {"ù", 'u'}, {"û", 'u'}, {"ü", 'u'}, {"ç", 'c'},
    };
    std::string out;
    for (size_t i = 0; i < text.size();) {
        bool folded = false;
        for (const auto& [from, to] : kFolds) {
            if (text.substr(i, from.size()) == from) {
                out.push_back(to);
                i += from.size();
                folded = true;
                break;
            }
        }
        if (folded) {
            continue;
        }
        const char c = text[i++];
        if (c == ' ' || c == '\'') {
            continue;
        }
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

std::string MakeAddress(Rng& rng) {
    const auto types = StreetTypes();
    const auto names = StreetNames();
    const auto cities = Cities();
    std::vector<double> weights;
    weights.reserve(cities.size());
    for (const auto& c : cities) {
        weights.push_back(c.weight);
    }
    const City& city = cities[rng.Categorical(weights)];
    std::string out = std::to_string(rng.UniformInt(1, 180));
    if (rng.Bernoulli(0.05)) {
        out += " bis";
    }
    out += " ";
    out += types[rng.Pick(types.size())];
    out += " ";
    out += names[rng.Pick(names.size())];
    out += ", ";
    out += city.postcode;
    out += " ";
    out += city.name;
    return out;
}

std::string MakePhone(Rng& rng) {
    // Mobiles (06, 07) for about 60 %, landlines 01-05 otherwise.
    const int prefix = rng.Bernoulli(0.6) ? static_cast<int>(rng.UniformInt(6, 7)) : static_cast<int>(rng.UniformInt(1, 5));
    std::string digits;
    AppendDigits(digits, rng, 8);
    const double style = rng.Uniform();
    std::string out;
    if (style < 0.06) {
        out = "+33 " + std::to_string(prefix);
        for (int i = 0; i < 4; ++i) {
            out += " " + digits.substr(static_cast<size_t>(i) * 2, 2);
        }
        return out;
    }
    out = "0" + std::to_string(prefix);
    const char sep = style < 0.6 ? ' ' : style < 0.85 ? '.' : '\0';
    for (int i = 0; i < 4; ++i) {
        if (sep != '\0') {
            out.push_back(sep);
        }
        out += digits.substr(static_cast<size_t>(i) * 2, 2);
    }
    return out;
}

std::optional<std::string> DrawMutuelle(Rng& rng) {
    if (rng.Bernoulli(0.08)) {
        return std::nullopt;
    }
    const auto list = Mutuelles();
    std::vector<double> weights;
    weights.reserve(list.size());
    for (const auto& m : list) {
        weights.push_back(m.weight);
    }
    return std::string(list[rng.Categorical(weights)].name);
}

Identity MakeIdentity(Rng& rng, char sexe) {
    Identity id;
    id.nom = std::string(PickSkewed(rng, Surnames()));
    id.prenom = std::string(PickSkewed(rng, sexe == 'F' ? FemaleFirstNames() : MaleFirstNames()));
    id.adresse = MakeAddress(rng);
    id.telephone = MakePhone(rng);
    if (!rng.Bernoulli(0.07)) {
        const auto domains = EmailDomains();
        std::string local = AsciiFold(id.prenom) + (rng.Bernoulli(0.7) ? "." : "") + AsciiFold(id.nom);
        if (rng.Bernoulli(0.3)) {
            local += std::to_string(rng.UniformInt(1, 99));
        }
        std::string email = local + "@" + std::string(domains[rng.Pick(domains.size())]);
        const double style = rng.Uniform();
        if (style < 0.1) {
            for (auto& c : email) {
                c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
            }
        } else if (style < 0.25 && !email.empty()) {
            email[0] = (email[0] >= 'a' && email[0] <= 'z') ? static_cast<char>(email[0] - 'a' + 'A') : email[0];
        }
        id.email = std::move(email);
    }
    id.mutuelle = DrawMutuelle(rng);
    return id;
}

}  // namespace hf::source::generator
