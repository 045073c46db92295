// Synthetic avatar-like images and the edits a swarm operator applies to one picture (resize,
// JPEG-style re-encoding, noise, crops, recolouring), generated in code so that no binary test
// images are committed. Shared by the image-hash and avatar-cluster tests and bench/avatar_bench.
// Everything is seeded and deterministic (no <random> distributions, whose output differs
// between standard libraries).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "swarmlens/image_hash.h"

namespace swarmlens::testing {

/// An RGB8 image, rows packed.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  ///< width * height * 3 bytes.

  RgbImage() = default;
  RgbImage(int w, int h) : width(w), height(h), rgb(static_cast<std::size_t>(w) * h * 3, 0) {}
  std::uint8_t* At(int x, int y) { return &rgb[(static_cast<std::size_t>(y) * width + x) * 3]; }
  const std::uint8_t* At(int x, int y) const { return &rgb[(static_cast<std::size_t>(y) * width + x) * 3]; }
  /// A view for ComputePerceptualHash.
  ImageView View() const {
    return {.pixels = rgb.data(), .width = static_cast<std::uint32_t>(width),
            .height = static_cast<std::uint32_t>(height), .stride = static_cast<std::size_t>(width) * 3,
            .format = PixelFormat::kRgb8};
  }
};

/// splitmix64: small, seedable, identical on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  double Range(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  int Int(int lo, int hi) { return lo + static_cast<int>(Next() % static_cast<std::uint64_t>(hi - lo + 1)); }

 private:
  std::uint64_t state_;
};

inline std::uint8_t Clamp8(double v) { return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 255.0))); }

struct Colour {
  double r, g, b;
};
inline Colour RandomColour(Rng& rng) { return {rng.Range(0, 255), rng.Range(0, 255), rng.Range(0, 255)}; }
inline void Put(RgbImage& img, int x, int y, Colour c) {
  std::uint8_t* p = img.At(x, y);
  p[0] = Clamp8(c.r);
  p[1] = Clamp8(c.g);
  p[2] = Clamp8(c.b);
}

inline void FillGradient(RgbImage& img, Colour a, Colour b, double angle) {
  const double cx = std::cos(angle), cy = std::sin(angle);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      double t = ((x / double(img.width) - 0.5) * cx + (y / double(img.height) - 0.5) * cy) + 0.5;
      t = std::clamp(t, 0.0, 1.0);
      Put(img, x, y, {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t});
    }
}

/// Ellipse at (cx, cy) with radii (rx, ry) in units of the image side.
inline void FillEllipse(RgbImage& img, double cx, double cy, double rx, double ry, Colour c) {
  const double s = img.width;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const double dx = ((x + 0.5) / s - cx) / rx, dy = ((y + 0.5) / s - cy) / ry;
      if (dx * dx + dy * dy <= 1) Put(img, x, y, c);
    }
}

inline void FillRect(RgbImage& img, double x0, double y0, double x1, double y1, Colour c) {
  const double s = img.width;
  for (int y = std::max(0, int(y0 * s)); y < std::min(img.height, int(y1 * s)); ++y)
    for (int x = std::max(0, int(x0 * s)); x < std::min(img.width, int(x1 * s)); ++x) Put(img, x, y, c);
}

/// Triangle given in image-side units.
inline void FillTriangle(RgbImage& img, double ax, double ay, double bx, double by, double cx, double cy, Colour c) {
  const double s = img.width;
  auto edge = [](double px, double py, double qx, double qy, double x, double y) {
    return (qx - px) * (y - py) - (qy - py) * (x - px);
  };
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const double px = (x + 0.5) / s, py = (y + 0.5) / s;
      const double e0 = edge(ax, ay, bx, by, px, py), e1 = edge(bx, by, cx, cy, px, py),
                   e2 = edge(cx, cy, ax, ay, px, py);
      if ((e0 >= 0 && e1 >= 0 && e2 >= 0) || (e0 <= 0 && e1 <= 0 && e2 <= 0)) Put(img, x, y, c);
    }
}

/// Adds a smooth random texture (a few sinusoids) of amplitude `amp`, like photo content.
inline void AddTexture(RgbImage& img, Rng& rng, double amp, int waves) {
  std::vector<double> fx(waves), fy(waves), ph(waves), w(waves);
  for (int i = 0; i < waves; ++i) {
    fx[i] = rng.Range(-12, 12);
    fy[i] = rng.Range(-12, 12);
    ph[i] = rng.Range(0, 6.283);
    w[i] = rng.Range(0.3, 1.0);
  }
  // sin(X + Y) = sin X cos Y + cos X sin Y: per-column and per-row tables instead of a sine per
  // pixel and wave (the tests also run unoptimised under ASan).
  const std::size_t W = static_cast<std::size_t>(img.width), H = static_cast<std::size_t>(img.height);
  std::vector<double> sx(W * waves), cx(W * waves), sy(H * waves), cy(H * waves);
  for (int i = 0; i < waves; ++i) {
    for (std::size_t x = 0; x < W; ++x) {
      const double a = 6.283 * fx[i] * static_cast<double>(x) / img.width;
      sx[x * waves + i] = std::sin(a);
      cx[x * waves + i] = std::cos(a);
    }
    for (std::size_t y = 0; y < H; ++y) {
      const double b = 6.283 * fy[i] * static_cast<double>(y) / img.height + ph[i];
      sy[y * waves + i] = std::sin(b);
      cy[y * waves + i] = std::cos(b);
    }
  }
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      double v = 0;
      for (int i = 0; i < waves; ++i)
        v += w[i] * (sx[x * waves + i] * cy[y * waves + i] + cx[x * waves + i] * sy[y * waves + i]);
      v *= amp / waves;
      std::uint8_t* p = img.At(x, y);
      for (int ch = 0; ch < 3; ++ch) p[ch] = Clamp8(p[ch] + v);
    }
}

/// A distinct avatar-like picture per seed: faces, landscapes, shape collages, text-like cards
/// and textured abstracts, with randomised layout and colours.
inline RgbImage MakeAvatar(std::uint64_t seed, int size = 150) {
  // Every random draw is its own statement: function arguments are evaluated in an unspecified
  // order (GCC and clang differ), which would make the native and wasm images differ.
  Rng rng(seed * 0x2545F4914F6CDD1Dull + 12345);
  RgbImage img(size, size);
  const Colour from = RandomColour(rng), to = RandomColour(rng);
  FillGradient(img, from, to, rng.Range(0, 6.283));
  switch (seed % 5) {
    case 0: {  // face: shoulders, head, hair, eyes, mouth
      const double cx = rng.Range(0.35, 0.65), cy = rng.Range(0.35, 0.55), r = rng.Range(0.16, 0.28);
      const Colour skin{rng.Range(120, 240), rng.Range(80, 200), rng.Range(60, 170)};
      FillEllipse(img, cx, cy + r * 2.4, r * 2.0, r * 1.3, RandomColour(rng));
      const double hair_dy = rng.Range(0.2, 0.5), hair_ry = rng.Range(0.7, 1.0);
      const Colour hair = RandomColour(rng);
      FillEllipse(img, cx, cy - r * hair_dy, r * 1.08, r * hair_ry, hair);
      FillEllipse(img, cx, cy, r * 0.85, r * 1.05, skin);
      const Colour eye{rng.Range(0, 80), rng.Range(0, 80), rng.Range(0, 80)};
      FillEllipse(img, cx - r * 0.35, cy - r * 0.15, r * 0.12, r * 0.08, eye);
      FillEllipse(img, cx + r * 0.35, cy - r * 0.15, r * 0.12, r * 0.08, eye);
      FillRect(img, cx - r * 0.3, cy + r * 0.45, cx + r * 0.3, cy + r * 0.55, {150, 40, 50});
      AddTexture(img, rng, 25, 6);
      break;
    }
    case 1: {  // landscape: sun, mountains, ground
      const double sun_x = rng.Range(0.15, 0.85), sun_y = rng.Range(0.1, 0.35);
      FillEllipse(img, sun_x, sun_y, 0.08, 0.08, {250, 220, 90});
      for (int m = rng.Int(2, 4); m > 0; --m) {
        const double px = rng.Range(0, 1), h = rng.Range(0.25, 0.55), w = rng.Range(0.25, 0.5);
        FillTriangle(img, px - w, 0.75, px + w, 0.75, px, 0.75 - h, RandomColour(rng));
      }
      const double ground = rng.Range(0.7, 0.85);
      FillRect(img, 0, ground, 1, 1, RandomColour(rng));
      AddTexture(img, rng, 30, 8);
      break;
    }
    case 2: {  // collage of shapes
      for (int k = rng.Int(6, 12); k > 0; --k) {
        const double x = rng.Range(0, 1), y = rng.Range(0, 1), r = rng.Range(0.05, 0.25);
        const bool ellipse = rng.Uniform() < 0.5;
        const double aspect = ellipse ? rng.Range(0.5, 1.5) : rng.Range(0.3, 1.2);
        const Colour c = RandomColour(rng);
        if (ellipse)
          FillEllipse(img, x, y, r, r * aspect, c);
        else
          FillRect(img, x - r, y - r, x + r, y + r * aspect, c);
      }
      AddTexture(img, rng, 15, 4);
      break;
    }
    case 3: {  // text-like card: lines of word blocks, sometimes a logo
      const Colour ink{rng.Range(0, 90), rng.Range(0, 90), rng.Range(0, 90)};
      const double top = rng.Range(0.08, 0.3), line = rng.Range(0.07, 0.12);
      const int lines = rng.Int(3, 7);
      for (int l = 0; l < lines; ++l) {
        double x = rng.Range(0.05, 0.15);
        const double y = top + l * line;
        while (x < 0.85) {
          const double w = rng.Range(0.05, 0.2);
          FillRect(img, x, y, std::min(0.92, x + w), y + line * 0.55, ink);
          x += w + rng.Range(0.03, 0.06);
        }
      }
      if (rng.Uniform() < 0.6) {
        const double logo_x = rng.Range(0.2, 0.8);
        FillEllipse(img, logo_x, 0.85, 0.1, 0.1, RandomColour(rng));
      }
      break;
    }
    default: {  // textured abstract, photo-like
      AddTexture(img, rng, 120, 10);
      const double x = rng.Range(0.2, 0.8), y = rng.Range(0.2, 0.8), rx = rng.Range(0.1, 0.3),
                   ry = rng.Range(0.1, 0.3);
      FillEllipse(img, x, y, rx, ry, RandomColour(rng));
      break;
    }
  }
  return img;
}

/// Like Instagram's default avatar: a light grey disc background with a white head-and-shoulders
/// silhouette.
inline RgbImage MakeSilhouette(int size = 150) {
  RgbImage img(size, size);
  FillGradient(img, {219, 219, 219}, {219, 219, 219}, 0);
  FillEllipse(img, 0.5, 0.38, 0.17, 0.17, {255, 255, 255});
  FillEllipse(img, 0.5, 0.92, 0.34, 0.3, {255, 255, 255});
  return img;
}

/// A flat image of one colour, optionally with faint noise (`noise` levels peak to peak).
inline RgbImage MakeFlat(Colour c, double noise, std::uint64_t seed, int size = 150) {
  RgbImage img(size, size);
  Rng rng(seed);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const double n = noise * (rng.Uniform() - 0.5);
      Put(img, x, y, {c.r + n, c.g + n, c.b + n});
    }
  return img;
}

// ---- Edits ---------------------------------------------------------------------------------------

/// Bilinear resize with pixel-centre alignment (what browsers and most tools do).
inline RgbImage Resize(const RgbImage& src, int w, int h) {
  RgbImage out(w, h);
  for (int y = 0; y < h; ++y) {
    const double sy = std::clamp((y + 0.5) * src.height / h - 0.5, 0.0, src.height - 1.0);
    const int y0 = int(sy), y1 = std::min(y0 + 1, src.height - 1);
    const double fy = sy - y0;
    for (int x = 0; x < w; ++x) {
      const double sx = std::clamp((x + 0.5) * src.width / w - 0.5, 0.0, src.width - 1.0);
      const int x0 = int(sx), x1 = std::min(x0 + 1, src.width - 1);
      const double fx = sx - x0;
      for (int ch = 0; ch < 3; ++ch) {
        const double top = src.At(x0, y0)[ch] * (1 - fx) + src.At(x1, y0)[ch] * fx;
        const double bottom = src.At(x0, y1)[ch] * (1 - fx) + src.At(x1, y1)[ch] * fx;
        out.At(x, y)[ch] = Clamp8(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}

/// Simulated JPEG re-encoding: YCbCr, 8x8 block DCT quantised with the standard tables scaled
/// to `quality` (IJG scaling), inverse DCT, back to RGB.
inline RgbImage JpegLike(const RgbImage& src, int quality) {
  static const int kLuma[64] = {16, 11, 10, 16, 24,  40,  51,  61,  12, 12, 14, 19, 26,  58,  60,  55,
                                14, 13, 16, 24, 40,  57,  69,  56,  14, 17, 22, 29, 51,  87,  80,  62,
                                18, 22, 37, 56, 68,  109, 103, 77,  24, 35, 55, 64, 81,  104, 113, 92,
                                49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
  static const int kChroma[64] = {17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
                                  24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
                                  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
                                  99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
  const int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  const int w = src.width, h = src.height;
  std::vector<double> plane[3];
  for (auto& p : plane) p.assign(static_cast<std::size_t>(w) * h, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* p = src.At(x, y);
      const std::size_t i = static_cast<std::size_t>(y) * w + x;
      plane[0][i] = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2] - 128;
      plane[1][i] = -0.168736 * p[0] - 0.331264 * p[1] + 0.5 * p[2];
      plane[2][i] = 0.5 * p[0] - 0.418688 * p[1] - 0.081312 * p[2];
    }
  double basis[8][8];
  for (int u = 0; u < 8; ++u)
    for (int x = 0; x < 8; ++x) basis[u][x] = (u == 0 ? std::sqrt(0.125) : 0.5) * std::cos((2 * x + 1) * u * 3.14159265358979 / 16);
  for (int c = 0; c < 3; ++c) {
    const int* table = c == 0 ? kLuma : kChroma;
    for (int by = 0; by < h; by += 8)
      for (int bx = 0; bx < w; bx += 8) {
        double block[8][8], coef[8][8];
        for (int y = 0; y < 8; ++y)  // edge blocks replicate the last row/column, as encoders do
          for (int x = 0; x < 8; ++x)
            block[y][x] = plane[c][static_cast<std::size_t>(std::min(by + y, h - 1)) * w + std::min(bx + x, w - 1)];
        // Separable 2D DCT: rows, then columns (and the same backwards).
        double tmp[8][8];
        for (int y = 0; y < 8; ++y)
          for (int v = 0; v < 8; ++v) {
            double s = 0;
            for (int x = 0; x < 8; ++x) s += basis[v][x] * block[y][x];
            tmp[y][v] = s;
          }
        for (int u = 0; u < 8; ++u)
          for (int v = 0; v < 8; ++v) {
            double s = 0;
            for (int y = 0; y < 8; ++y) s += basis[u][y] * tmp[y][v];
            const double q = std::clamp((table[u * 8 + v] * scale + 50) / 100, 1, 255);
            coef[u][v] = std::round(s / q) * q;
          }
        for (int y = 0; y < 8; ++y)
          for (int v = 0; v < 8; ++v) {
            double s = 0;
            for (int u = 0; u < 8; ++u) s += basis[u][y] * coef[u][v];
            tmp[y][v] = s;
          }
        for (int y = 0; y < 8 && by + y < h; ++y)
          for (int x = 0; x < 8 && bx + x < w; ++x) {
            double s = 0;
            for (int v = 0; v < 8; ++v) s += basis[v][x] * tmp[y][v];
            plane[c][static_cast<std::size_t>(by + y) * w + bx + x] = s;
          }
      }
  }
  RgbImage out(w, h);
  for (std::size_t i = 0; i < plane[0].size(); ++i) {
    const double Y = plane[0][i] + 128, cb = plane[1][i], cr = plane[2][i];
    out.rgb[i * 3 + 0] = Clamp8(Y + 1.402 * cr);
    out.rgb[i * 3 + 1] = Clamp8(Y - 0.344136 * cb - 0.714136 * cr);
    out.rgb[i * 3 + 2] = Clamp8(Y + 1.772 * cb);
  }
  return out;
}

/// Uniform noise of +-amp on every channel.
inline RgbImage AddNoise(const RgbImage& src, double amp, std::uint64_t seed) {
  RgbImage out = src;
  Rng rng(seed);
  for (auto& v : out.rgb) v = Clamp8(v + rng.Range(-amp, amp));
  return out;
}

/// Crops the given fractions off each side, then resizes back to the original size.
inline RgbImage Crop(const RgbImage& src, double left, double top, double right, double bottom) {
  const int x0 = int(std::lround(left * src.width)), y0 = int(std::lround(top * src.height));
  const int x1 = src.width - int(std::lround(right * src.width));
  const int y1 = src.height - int(std::lround(bottom * src.height));
  RgbImage cut(x1 - x0, y1 - y0);
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      for (int ch = 0; ch < 3; ++ch) cut.At(x - x0, y - y0)[ch] = src.At(x, y)[ch];
  return Resize(cut, src.width, src.height);
}

/// out = (in - 128) * contrast + 128 + brightness, per channel.
inline RgbImage BrightnessContrast(const RgbImage& src, double brightness, double contrast) {
  RgbImage out = src;
  for (auto& v : out.rgb) v = Clamp8((v - 128.0) * contrast + 128.0 + brightness);
  return out;
}

/// Hue rotation by `degrees` in YIQ space (luma kept, as photo editors' hue sliders roughly do).
inline RgbImage HueRotate(const RgbImage& src, double degrees) {
  const double a = degrees * 3.14159265358979 / 180, c = std::cos(a), s = std::sin(a);
  RgbImage out = src;
  for (std::size_t i = 0; i < src.rgb.size(); i += 3) {
    const double r = src.rgb[i], g = src.rgb[i + 1], b = src.rgb[i + 2];
    const double y = 0.299 * r + 0.587 * g + 0.114 * b;
    const double ii = 0.596 * r - 0.274 * g - 0.322 * b, q = 0.211 * r - 0.523 * g + 0.312 * b;
    const double i2 = ii * c - q * s, q2 = ii * s + q * c;
    out.rgb[i] = Clamp8(y + 0.956 * i2 + 0.621 * q2);
    out.rgb[i + 1] = Clamp8(y - 0.272 * i2 - 0.647 * q2);
    out.rgb[i + 2] = Clamp8(y - 1.106 * i2 + 1.703 * q2);
  }
  return out;
}

/// Grayscale with BT.601 weights, kept as RGB.
inline RgbImage Grayscale(const RgbImage& src) {
  RgbImage out = src;
  for (std::size_t i = 0; i < src.rgb.size(); i += 3) {
    const std::uint8_t y = Clamp8(0.299 * src.rgb[i] + 0.587 * src.rgb[i + 1] + 0.114 * src.rgb[i + 2]);
    out.rgb[i] = out.rgb[i + 1] = out.rgb[i + 2] = y;
  }
  return out;
}

/// Hash of an image, failing loudly (the generator never makes invalid views).
inline PerceptualHash HashOf(const RgbImage& img) {
  auto r = ComputePerceptualHash(img.View());
  return r ? r.value() : PerceptualHash{};
}

}  // namespace swarmlens::testing
