// Perceptual and exact image hashes, written from the published description of Meta's PDQ
// ("The TMK+PDQF Video-Hashing Algorithm and the PDQ Image Similarity Algorithm").
//
// Why each step:
// - Luminance only: recolouring (hue shifts, grayscale conversion) keeps the structure people
//   recognise, and luminance carries almost all of it.
// - Jarosz filter (two passes of a box filter per axis = a tent, window about size/128) before
//   taking 64x64 samples: without the low-pass, decimation aliases fine texture and JPEG noise
//   into the samples, and a resize of the same picture would sample different pixels.
// - Frequencies 1..16 of the DCT: low frequencies survive re-encoding, resizing and small crops;
//   the DC term is dropped because it is only the mean brightness (a brightness change must not
//   matter), so coefficient (0,0) of the block is frequency (1,1).
// - Median threshold: exactly half the bits are set for any image, so distances between unrelated
//   images centre on 128 and a global brightness or contrast change (which scales or shifts all
//   coefficients alike) flips nothing.
// - Quality = summed neighbour differences of the 64x64 image: a flat image has all
//   coefficients near zero and its bits are rounding noise; the caller must not match those.
//
// Memory: the horizontal passes run row by row and keep only the 64 sampled columns, so the
// working set is height x 64 doubles plus one row, whatever the image size.
#include "swarmlens/image_hash.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace swarmlens {

namespace {

constexpr int kSamples = 64;   // The filtered image is sampled to 64x64.
constexpr int kFreqs = 16;     // Frequencies 1..16 on each axis -> 256 coefficients.
constexpr std::uint32_t kMaxSide = 16384;
constexpr double kPi = 3.14159265358979323846;

/// Jarosz window for one axis: about size / (2 * 64), at least 1.
int WindowFor(std::uint32_t size) { return static_cast<int>((size + 2 * kSamples - 1) / (2 * kSamples)); }

/// One box-filter pass over n values: out[i] is the mean of the w values around i, clipped to the
/// array (the mean is over the in-bounds values, so edges are not darkened). An even window
/// cannot be centred: it reaches one further right when `right` is set, and the two passes of
/// Tent lean opposite ways so that the result is not shifted. `prefix` is scratch of n + 1.
void BoxPass(const double* in, double* out, int n, int w, bool right, std::vector<double>& prefix) {
  if (w <= 1) {
    std::copy(in, in + n, out);
    return;
  }
  prefix.resize(static_cast<std::size_t>(n) + 1);
  prefix[0] = 0;
  for (int i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + in[i];
  const int before = right ? (w - 1) / 2 : w / 2;
  const int after = w - 1 - before;
  for (int i = 0; i < n; ++i) {
    const int lo = std::max(0, i - before);
    const int hi = std::min(n - 1, i + after);
    out[i] = (prefix[hi + 1] - prefix[lo]) / static_cast<double>(hi - lo + 1);
  }
}

/// Two box passes (a tent) in place over `values`; `tmp` and `prefix` are scratch.
void Tent(std::vector<double>& values, int w, std::vector<double>& tmp, std::vector<double>& prefix) {
  const int n = static_cast<int>(values.size());
  tmp.resize(values.size());
  BoxPass(values.data(), tmp.data(), n, w, /*right=*/true, prefix);
  BoxPass(tmp.data(), values.data(), n, w, /*right=*/false, prefix);
}

/// Index of the source pixel whose centre is nearest the centre of sample k of 64.
int SampleIndex(int k, std::uint32_t size) {
  const auto i = static_cast<std::uint64_t>(2 * k + 1) * size / (2 * kSamples);
  return static_cast<int>(std::min<std::uint64_t>(i, size - 1));
}

/// Luminance of one row (BT.601 weights), alpha composited onto white.
void RowLuminance(const ImageView& image, std::uint32_t y, double* out) {
  const std::uint8_t* p = image.pixels + static_cast<std::size_t>(y) * image.stride;
  switch (image.format) {
    case PixelFormat::kGray8:
      for (std::uint32_t x = 0; x < image.width; ++x) out[x] = p[x];
      break;
    case PixelFormat::kRgb8:
      for (std::uint32_t x = 0; x < image.width; ++x, p += 3)
        out[x] = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
      break;
    case PixelFormat::kRgba8:
      for (std::uint32_t x = 0; x < image.width; ++x, p += 4) {
        const double luma = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        const double alpha = p[3] / 255.0;
        out[x] = luma * alpha + 255.0 * (1.0 - alpha);
      }
      break;
  }
}

/// The 16x64 DCT-II basis rows for frequencies 1..16 (orthonormal scale sqrt(2/64)).
const std::array<double, kFreqs * kSamples>& DctMatrix() {
  static const std::array<double, kFreqs * kSamples> matrix = [] {
    std::array<double, kFreqs * kSamples> m{};
    const double scale = std::sqrt(2.0 / kSamples);
    for (int u = 0; u < kFreqs; ++u)
      for (int j = 0; j < kSamples; ++j)
        m[u * kSamples + j] = scale * std::cos(kPi / (2.0 * kSamples) * (u + 1) * (2 * j + 1));
    return m;
  }();
  return matrix;
}

/// A rectangle of the image [x0, x1) x [y0, y1) hashed like a whole frame.
struct Region {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  int window_x = 1, window_y = 1;
  std::array<int, kSamples> sample_x{};  ///< Relative to x0.
  std::array<int, kSamples> sample_y{};  ///< Relative to y0.
  int Height() const { return y1 - y0; }
  bool Contains(int y) const { return y >= y0 && y < y1; }
};

Region MakeRegion(int variant, int width, int height) {
  const CropBox box = CropVariantBox(variant);
  Region r;
  r.x0 = static_cast<int>(std::lround(box.left * width));
  r.y0 = static_cast<int>(std::lround(box.top * height));
  r.x1 = width - static_cast<int>(std::lround(box.right * width));
  r.y1 = height - static_cast<int>(std::lround(box.bottom * height));
  const auto w = static_cast<std::uint32_t>(r.x1 - r.x0);
  const auto h = static_cast<std::uint32_t>(r.y1 - r.y0);
  r.window_x = WindowFor(w);
  r.window_y = WindowFor(h);
  for (int k = 0; k < kSamples; ++k) {
    r.sample_x[k] = SampleIndex(k, w);
    r.sample_y[k] = SampleIndex(k, h);
  }
  return r;
}

/// Quality: summed absolute neighbour differences, on a 0..100 intensity scale, divided by 90
/// and capped at 100 (the published scaling: a photo reaches 100 easily, a flat image 0).
int Quality(const std::array<double, kSamples * kSamples>& a) {
  double gradient = 0;
  for (int y = 0; y < kSamples; ++y) {
    for (int x = 0; x < kSamples; ++x) {
      const double v = a[y * kSamples + x];
      if (x + 1 < kSamples) gradient += std::fabs(a[y * kSamples + x + 1] - v);
      if (y + 1 < kSamples) gradient += std::fabs(a[(y + 1) * kSamples + x] - v);
    }
  }
  gradient = gradient * 100.0 / 255.0;
  return static_cast<int>(std::min(100.0, std::floor(gradient / 90.0)));
}

/// The 256 bits of a 64x64 filtered image: 2D DCT restricted to frequencies 1..16
/// (coeff = D * A * D^T with D the 16x64 basis), each bit set when its coefficient is strictly
/// above the median (the 128th smallest).
std::array<std::uint64_t, 4> HashBits(const std::array<double, kSamples * kSamples>& a) {
  const auto& d = DctMatrix();
  std::array<double, kFreqs * kSamples> t{};  // t = D * A (16 x 64)
  // Rows of A innermost (contiguous, vectorisable); each t[u][x] still sums over y in order 0..63,
  // so the bits are the same as the textbook loop's.
  for (int u = 0; u < kFreqs; ++u) {
    double* tu = &t[static_cast<std::size_t>(u) * kSamples];
    for (int y = 0; y < kSamples; ++y) {
      const double duy = d[u * kSamples + y];
      const double* ay = &a[static_cast<std::size_t>(y) * kSamples];
      for (int x = 0; x < kSamples; ++x) tu[x] += duy * ay[x];
    }
  }
  std::array<double, kFreqs * kFreqs> coeff{};
  for (int u = 0; u < kFreqs; ++u) {
    for (int v = 0; v < kFreqs; ++v) {
      double s = 0;
      for (int x = 0; x < kSamples; ++x) s += t[u * kSamples + x] * d[v * kSamples + x];
      coeff[u * kFreqs + v] = s;
    }
  }
  std::array<double, kFreqs * kFreqs> sorted = coeff;
  std::nth_element(sorted.begin(), sorted.begin() + 127, sorted.end());
  const double median = sorted[127];
  std::array<std::uint64_t, 4> words{};
  for (int i = 0; i < kFreqs * kFreqs; ++i)
    if (coeff[i] > median) words[i / 64] |= std::uint64_t{1} << (i % 64);
  return words;
}

}  // namespace

CropBox CropVariantBox(int variant) noexcept {
  // 2.5 % and 5 % off each side, then centred zooms of 95 % and 90 %: every crop of 0-5 % from one
  // side is within 1.25 % of a variant, and a 1.25 % crop still matches (image_hash_test).
  static constexpr CropBox kBoxes[1 + kCropVariants] = {
      {0, 0, 0, 0},
      {0.025, 0, 0, 0}, {0.05, 0, 0, 0}, {0, 0, 0.025, 0}, {0, 0, 0.05, 0},
      {0, 0.025, 0, 0}, {0, 0.05, 0, 0}, {0, 0, 0, 0.025}, {0, 0, 0, 0.05},
      {0.025, 0.025, 0.025, 0.025}, {0.05, 0.05, 0.05, 0.05}};
  return (variant >= 0 && variant <= kCropVariants) ? kBoxes[variant] : kBoxes[0];
}

std::size_t BytesPerPixel(PixelFormat format) noexcept {
  switch (format) {
    case PixelFormat::kGray8: return 1;
    case PixelFormat::kRgb8: return 3;
    case PixelFormat::kRgba8: return 4;
  }
  return 4;
}

int HammingDistance(const PerceptualHash& a, const PerceptualHash& b) noexcept {
  int d = 0;
  for (std::size_t i = 0; i < a.words.size(); ++i) d += std::popcount(a.words[i] ^ b.words[i]);
  return d;
}

int MatchDistance(const PerceptualHash& a, const PerceptualHash& b) noexcept {
  auto distance = [](const std::array<std::uint64_t, 4>& x, const std::array<std::uint64_t, 4>& y) {
    return std::popcount(x[0] ^ y[0]) + std::popcount(x[1] ^ y[1]) + std::popcount(x[2] ^ y[2]) +
           std::popcount(x[3] ^ y[3]);
  };
  const int na = std::min<int>(a.crop_count, kCropVariants);
  const int nb = std::min<int>(b.crop_count, kCropVariants);
  int best = distance(a.words, b.words);
  for (int i = 0; i < na; ++i) best = std::min(best, distance(a.crops[i], b.words));
  for (int j = 0; j < nb; ++j) {
    best = std::min(best, distance(a.words, b.crops[j]));
    for (int i = 0; i < na; ++i) best = std::min(best, distance(a.crops[i], b.crops[j]));
  }
  return best;
}

Result<PerceptualHash> ComputePerceptualHash(const ImageView& image, bool with_crops) {
  auto invalid = [](std::string message) {
    return Error{.code = ErrorCode::kInvalidArgument, .source = "image", .offset = 0, .message = std::move(message)};
  };
  if (image.pixels == nullptr) return invalid("pixel buffer is null");
  if (image.width == 0 || image.height == 0) return invalid("image has a zero dimension");
  if (image.width > kMaxSide || image.height > kMaxSide)
    return invalid("image side exceeds 16384 pixels: downscale first");
  if (image.stride < static_cast<std::size_t>(image.width) * BytesPerPixel(image.format))
    return invalid("stride is shorter than one row of pixels");

  const int width = static_cast<int>(image.width);
  const int height = static_cast<int>(image.height);

  // Region 0 is the whole frame; regions 1..kCropVariants are the crops (CropVariantBox). Images
  // too small to crop (a side under 20 px: 5 % would be under one pixel) get the frame only.
  const int regions = (with_crops && width >= 20 && height >= 20) ? 1 + kCropVariants : 1;
  std::array<Region, 1 + kCropVariants> region{};
  for (int r = 0; r < regions; ++r) region[r] = MakeRegion(r, width, height);

  // Regions with the same column span share the horizontal pass: at most 4 distinct spans.
  std::array<int, 1 + kCropVariants> span_of{};
  std::array<int, 1 + kCropVariants> span_region{};  // first region of each span
  int spans = 0;
  for (int r = 0; r < regions; ++r) {
    int s = 0;
    while (s < spans && (region[span_region[s]].x0 != region[r].x0 || region[span_region[s]].x1 != region[r].x1)) ++s;
    if (s == spans) span_region[spans++] = r;
    span_of[r] = s;
  }

  // Horizontal tent per row and span, keeping only the 64 sampled columns of each region:
  // columns[r][k * region height + (y - y0)].
  std::vector<double> row(static_cast<std::size_t>(width));
  std::vector<double> part;
  std::vector<double> tmp;
  std::vector<double> prefix;
  std::array<std::vector<double>, 1 + kCropVariants> columns;
  for (int r = 0; r < regions; ++r) columns[r].resize(static_cast<std::size_t>(kSamples) * region[r].Height());
  for (int y = 0; y < height; ++y) {
    RowLuminance(image, static_cast<std::uint32_t>(y), row.data());
    for (int s = 0; s < spans; ++s) {
      const Region& first = region[span_region[s]];
      bool needed = false;
      for (int r = 0; r < regions; ++r) needed = needed || (span_of[r] == s && region[r].Contains(y));
      if (!needed) continue;
      part.assign(row.begin() + first.x0, row.begin() + first.x1);
      Tent(part, first.window_x, tmp, prefix);
      for (int r = 0; r < regions; ++r) {
        if (span_of[r] != s || !region[r].Contains(y)) continue;
        const std::size_t h = static_cast<std::size_t>(region[r].Height());
        for (int k = 0; k < kSamples; ++k) columns[r][k * h + static_cast<std::size_t>(y - region[r].y0)] = part[region[r].sample_x[k]];
      }
    }
  }

  PerceptualHash hash;
  std::vector<double> column;
  for (int r = 0; r < regions; ++r) {
    // Vertical tent per sampled column, then the 64 sampled rows: a[y * 64 + x].
    const int h = region[r].Height();
    std::array<double, kSamples * kSamples> a{};
    column.resize(static_cast<std::size_t>(h));
    for (int k = 0; k < kSamples; ++k) {
      std::copy_n(columns[r].begin() + static_cast<std::ptrdiff_t>(k) * h, h, column.begin());
      Tent(column, region[r].window_y, tmp, prefix);
      for (int j = 0; j < kSamples; ++j) a[j * kSamples + k] = column[region[r].sample_y[j]];
    }
    if (r == 0) {
      hash.words = HashBits(a);
      hash.quality = Quality(a);
    } else {
      hash.crops[static_cast<std::size_t>(r - 1)] = HashBits(a);
    }
  }
  hash.crop_count = static_cast<std::uint8_t>(regions - 1);
  return hash;
}

std::uint64_t ExactImageHash(std::span<const std::uint8_t> bytes) noexcept {
  return XXH3_64bits(bytes.data(), bytes.size());
}

namespace {

void AppendHex(const std::array<std::uint64_t, 4>& words, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int w = 3; w >= 0; --w)
    for (int shift = 60; shift >= 0; shift -= 4) out->push_back(kDigits[(words[w] >> shift) & 0xF]);
}

// 64 hex digits -> 256 bits, words[3] first; false on a non-hex character.
bool ParseHex256(std::string_view hex, std::array<std::uint64_t, 4>* words) {
  *words = {};
  for (std::size_t i = 0; i < 64; ++i) {
    const char c = hex[i];
    std::uint64_t nibble = 0;
    if (c >= '0' && c <= '9') {
      nibble = static_cast<std::uint64_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      nibble = static_cast<std::uint64_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      nibble = static_cast<std::uint64_t>(c - 'A' + 10);
    } else {
      return false;
    }
    const std::size_t word = 3 - i / 16;
    (*words)[word] = ((*words)[word] << 4) | nibble;
  }
  return true;
}

}  // namespace

std::string PerceptualHashToHex(const PerceptualHash& hash, bool with_crops) {
  const bool crops = with_crops && hash.crop_count == kCropVariants;
  std::string out;
  out.reserve(crops ? kPerceptualHashHexWithCrops : 64);
  AppendHex(hash.words, &out);
  if (crops) {
    for (const auto& crop : hash.crops) AppendHex(crop, &out);
  }
  return out;
}

std::optional<PerceptualHash> PerceptualHashFromHex(std::string_view hex, int quality) {
  if (hex.size() != 64 && hex.size() != kPerceptualHashHexWithCrops) return std::nullopt;
  PerceptualHash hash;
  hash.quality = quality;
  if (!ParseHex256(hex.substr(0, 64), &hash.words)) return std::nullopt;
  if (hex.size() == kPerceptualHashHexWithCrops) {
    for (int v = 0; v < kCropVariants; ++v) {
      if (!ParseHex256(hex.substr(64 * (1 + static_cast<std::size_t>(v)), 64), &hash.crops[v])) return std::nullopt;
    }
    hash.crop_count = kCropVariants;
  }
  return hash;
}

}  // namespace swarmlens
