#pragma once

#include <cstdint>
#include <span>

namespace hf::source::generator {

// Mixes a 64-bit value (splitmix64 finaliser); used to derive independent seeds from one seed.
uint64_t Mix64(uint64_t x);

// Seed of an independent stream: seed combined with a stream tag and an index (e.g. a patient id).
uint64_t DeriveSeed(uint64_t seed, uint64_t stream, uint64_t index = 0);

// Deterministic pseudo-random generator (xoshiro256**, seeded through splitmix64) with its own
// distributions, so that the same seed gives the same numbers with every compiler and standard
// library. Value type, not thread-safe: one per thread or per stream.
class Rng {
public:
    explicit Rng(uint64_t seed);

    // Next raw 64-bit value.
    uint64_t Next();
    // Uniform double in [0, 1).
    double Uniform();
    // Uniform double in [lo, hi).
    double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
    // Uniform integer in [lo, hi] (inclusive).
    long long UniformInt(long long lo, long long hi);
    // True with probability p.
    bool Bernoulli(double p) { return Uniform() < p; }
    // Standard normal (Box-Muller, one value per call).
    double Normal();
    // Normal with the given mean and standard deviation.
    double Normal(double mean, double sd) { return mean + sd * Normal(); }
    // Lognormal with the given arithmetic mean and coefficient of variation (sd / mean).
    double LogNormalMeanCv(double mean, double cv);
    // Poisson count with mean lambda >= 0 (exact for lambda < 30, normal approximation above).
    long long Poisson(double lambda);
    // Index drawn with probability proportional to weights[i] (weights >= 0, not all zero).
    size_t Categorical(std::span<const double> weights);
    // Index drawn uniformly among n items (n > 0).
    size_t Pick(size_t n) { return static_cast<size_t>(UniformInt(0, static_cast<long long>(n) - 1)); }

private:
    uint64_t s_[4];
};

}  // namespace hf::source::generator
