#include "source/generator/random.h"

#include <cmath>
#include <numbers>

namespace hf::source::generator {

namespace {

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

uint64_t Mix64(uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

uint64_t DeriveSeed(uint64_t seed, uint64_t stream, uint64_t index) {
    return Mix64(Mix64(Mix64(seed) ^ stream) ^ index);
}

Rng::Rng(uint64_t seed) {
    uint64_t x = seed;
    for (auto& s : s_) {
        x += 0x9e3779b97f4a7c15ULL;
        s = Mix64(x);
    }
}

uint64_t Rng::Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
}

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

long long Rng::UniformInt(long long lo, long long hi) {
    if (hi <= lo) {
        return lo;
    }
    const uint64_t range = static_cast<uint64_t>(hi - lo) + 1;
    // Lemire-style rejection keeps the result unbiased.
    const uint64_t limit = range == 0 ? 0 : (~uint64_t{0} - range + 1) % range;
    uint64_t x = Next();
    while (range != 0 && x < limit) {
        x = Next();
    }
    return lo + static_cast<long long>(range == 0 ? x : x % range);
}

double Rng::Normal() {
    double u1 = Uniform();
    while (u1 <= 0.0) {
        u1 = Uniform();
    }
    const double u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double Rng::LogNormalMeanCv(double mean, double cv) {
    const double sigma2 = std::log(1.0 + cv * cv);
    const double mu = std::log(mean) - sigma2 / 2.0;
    return std::exp(mu + std::sqrt(sigma2) * Normal());
}

long long Rng::Poisson(double lambda) {
    if (lambda <= 0.0) {
        return 0;
    }
    if (lambda >= 30.0) {
        const double x = std::floor(Normal(lambda, std::sqrt(lambda)) + 0.5);
        return x < 0.0 ? 0 : static_cast<long long>(x);
    }
    const double limit = std::exp(-lambda);
    long long k = 0;
    double p = Uniform();
    while (p > limit) {
        ++k;
        p *= Uniform();
    }
    return k;
}

size_t Rng::Categorical(std::span<const double> weights) {
    double total = 0.0;
    for (double w : weights) {
        total += w;
    }
    double x = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
        if (x < weights[i]) {
            return i;
        }
        x -= weights[i];
    }
    return weights.size() - 1;
}

}  // namespace hf::source::generator
