// The deterministic generator behind every benchmark's synthetic data: splitmix64 (Steele, Lea
// and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), the same sequence on
// every platform and under wasm, so native and wasm runs score the same inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace swarmlens::bench {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  std::string Digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + Below(10));
    return s;
  }
  std::string Chars(int n, std::string_view alphabet) {
    std::string s;
    for (int i = 0; i < n; ++i) s += alphabet[Below(alphabet.size())];
    return s;
  }
  template <std::size_t N>
  const char* Pick(const char* const (&list)[N]) {
    return list[Below(N)];
  }

 private:
  std::uint64_t s_;
};

}  // namespace swarmlens::bench
