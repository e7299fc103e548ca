#pragma once

#include <span>
#include <string_view>

namespace hf::source::generator {

// French identity reference lists used to make plausible patients. Static data, thread-safe.
struct City {
    std::string_view postcode;
    std::string_view name;
    double weight;  // share of the hospital's catchment
};

struct Mutuelle {
    std::string_view name;
    double weight;
};

std::span<const std::string_view> Surnames();      // most frequent first
std::span<const std::string_view> FemaleFirstNames();
std::span<const std::string_view> MaleFirstNames();
std::span<const std::string_view> StreetTypes();   // "rue", "avenue", ...
std::span<const std::string_view> StreetNames();   // "de la République", "Victor Hugo", ...
std::span<const City> Cities();
std::span<const std::string_view> EmailDomains();
std::span<const Mutuelle> Mutuelles();

}  // namespace hf::source::generator
