// Profile-picture hashes: a 256-bit perceptual hash with a quality score (written from the
// published description of Meta's PDQ algorithm) and an exact-copy hash of the image bytes.
//
// Example:
//
//   swarmlens::ImageView view{.pixels = rgba, .width = 150, .height = 150,
//                             .stride = 150 * 4, .format = swarmlens::PixelFormat::kRgba8};
//   auto hash = swarmlens::ComputePerceptualHash(view);
//   if (!hash) return;                                   // bad dimensions or buffer
//   if (hash.value().quality < swarmlens::kMinAvatarQuality) return;  // featureless: do not match
//   bool same = swarmlens::HammingDistance(hash.value(), other) <= swarmlens::kAvatarMatchRadius;
//
// Pipeline (see docs in image_hash.cpp for the reasoning): luminance (BT.601 weights; alpha is
// composited onto white) -> Jarosz filter (two box-filter passes per axis, window about
// size/128) sampled to 64x64 -> 2D DCT keeping frequencies 1..16 on each axis (16x16, the DC
// term is left out: it carries only the mean brightness) -> one bit per coefficient, set when the
// coefficient is above the median of the 256. Quality is the sum of absolute neighbour
// differences of the 64x64 image, scaled to 0..100.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "swarmlens/error.h"

namespace swarmlens {

/// Layout of decoded pixels handed to ComputePerceptualHash.
enum class PixelFormat : std::uint8_t {
  kGray8,  ///< One byte per pixel, luminance.
  kRgb8,   ///< Three bytes per pixel, R G B.
  kRgba8,  ///< Four bytes per pixel, R G B A, not premultiplied (canvas `getImageData` order).
};

/// Bytes per pixel of a format (1, 3 or 4).
std::size_t BytesPerPixel(PixelFormat format) noexcept;

/// A non-owning view of decoded pixels. Rows are `stride` bytes apart (stride >= width * bpp).
struct ImageView {
  const std::uint8_t* pixels = nullptr;  ///< First byte of the top row.
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::size_t stride = 0;                ///< Bytes from one row to the next.
  PixelFormat format = PixelFormat::kRgba8;
};

/// A 256-bit perceptual hash and the quality of the image it came from.
struct PerceptualHash {
  /// Bit i (0..255) is bit (i % 64) of words[i / 64]; bit i is DCT coefficient
  /// (row i / 16, column i % 16) of the low-frequency block.
  std::array<std::uint64_t, 4> words{};
  /// 0..100: how much structure the image has. Near 0 for blank or flat images, whose bits are
  /// noise: see kMinAvatarQuality.
  int quality = 0;

  /// Same bits and same quality.
  friend bool operator==(const PerceptualHash&, const PerceptualHash&) = default;
};

/// Hamming distance between the bits of two hashes (0..256); quality is ignored.
int HammingDistance(const PerceptualHash& a, const PerceptualHash& b) noexcept;

/// Two hashes within this Hamming distance are taken to show the same picture. 31 of 256 is the
/// PDQ authors' match threshold; tests/core/image_hash_test.cpp measures it on synthetic avatars
/// and their re-encoded, resized, cropped and recoloured copies (figures in that file's header).
inline constexpr int kAvatarMatchRadius = 31;

/// Hashes with a quality below this are not matched at all: blank, flat and near-flat pictures
/// (the default silhouette among them) have too little structure for their bits to mean anything.
inline constexpr int kMinAvatarQuality = 50;

/// Computes the perceptual hash of decoded pixels. Errors (kInvalidArgument) for a null buffer,
/// zero or over-large dimensions (either side above 16384) or a stride shorter than a row.
/// Cost is linear in the pixel count; deterministic.
Result<PerceptualHash> ComputePerceptualHash(const ImageView& image);

/// Exact-copy hash: XXH3_64bits of the image file's bytes (the encoded JPEG/PNG as fetched).
std::uint64_t ExactImageHash(std::span<const std::uint8_t> bytes) noexcept;

/// The 256 bits as 64 lower-case hex digits, words[3] first (most significant bit first), the
/// usual textual form of a PDQ-style hash. Quality is not included.
std::string PerceptualHashToHex(const PerceptualHash& hash);

/// Parses 64 hex digits (either case) as written by PerceptualHashToHex, with the given quality.
/// Returns nullopt for any other length or a non-hex character.
std::optional<PerceptualHash> PerceptualHashFromHex(std::string_view hex, int quality);

}  // namespace swarmlens
