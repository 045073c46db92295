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
//
// Crops: a whole-frame DCT hash loses a copy cropped by 5 % (distance ~64, far beyond the radius).
// ComputePerceptualHash therefore also hashes 10 crops of the same picture (2.5 % and 5 % off each
// side, centred zooms of 95 % and 90 %: CropVariantBox), and two pictures match when any variant
// of one is within the radius of any variant of the other (MatchDistance). Measured on 234 real
// pictures shipped by Debian packages on the build machine (photos, icons, plots, screenshots),
// match rates whole frame -> with the crop variants: 1 % every side 88 -> 99 %, 2 % one side
// 61-63 -> 99-100 %, 3 % 23 -> 99 %, 5 % one side 0-2 -> 98-100 %, 5 % centred 9 -> 97 %, 5 % every
// side 0 -> 94 %, 6 % 1 -> 98 %, 8 % 0 -> 44 %; resize, JPEG and grayscale 94-100 %. Distinct pairs
// within the radius: 16 -> 28 of 27,261 (most of both are renders of the same scene or icon).
// Details in docs/swarm-detection.md. Cost: 11 hashes share the luminance and the horizontal
// passes; about 8x the time of the frame alone (1.41 ms against 0.17 ms for a 150-px avatar).
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

/// Crop variants hashed besides the whole frame: 5 % off the left, right, top or bottom, and
/// 2.5 % or 5 % off every side (centred zooms of 95 % and 90 %). With both pictures hashed this way, two copies match when any
/// variant of one is within the radius of any variant of the other (MatchDistance).
inline constexpr int kCropVariants = 10;

/// A 256-bit perceptual hash and the quality of the image it came from.
struct PerceptualHash {
  /// Bit i (0..255) is bit (i % 64) of words[i / 64]; bit i is DCT coefficient
  /// (row i / 16, column i % 16) of the low-frequency block.
  std::array<std::uint64_t, 4> words{};
  /// 0..100: how much structure the image has. Near 0 for blank or flat images, whose bits are
  /// noise: see kMinAvatarQuality.
  int quality = 0;
  /// The bits of the crops of the same picture (CropVariantBox(1 + i) for crops[i]), hashed like
  /// the whole frame. A copy cropped by a few percent matches one of these rather than `words`.
  /// ComputePerceptualHash fills all kCropVariants (none for images under 20 px a side); a hash
  /// read from hex (PerceptualHashFromHex) has them only when the hex carries them (the long form
  /// of PerceptualHashToHex): crops can only be derived from pixels.
  std::array<std::array<std::uint64_t, 4>, kCropVariants> crops{};
  std::uint8_t crop_count = 0;  ///< How many of `crops` are set (0 or kCropVariants).

  /// Same bits and same quality.
  friend bool operator==(const PerceptualHash&, const PerceptualHash&) = default;
};

/// Hamming distance between the bits of two hashes (0..256); quality and crops are ignored.
int HammingDistance(const PerceptualHash& a, const PerceptualHash& b) noexcept;

/// Fractions of the width / height cut off each side.
struct CropBox {
  double left = 0, top = 0, right = 0, bottom = 0;
};
/// The crop of variant v: 0 = the whole frame, 1..6 = left, right, top, bottom, centre 95 %, centre 90 %.
CropBox CropVariantBox(int variant) noexcept;

/// The smallest distance between any variant of `a` (the frame and its crops) and any variant of
/// `b`: what AvatarClusters compares with the radius. Equals HammingDistance when neither has crops.
int MatchDistance(const PerceptualHash& a, const PerceptualHash& b) noexcept;

/// Two hashes within this Hamming distance are taken to show the same picture. 31 of 256 is the
/// PDQ authors' match threshold; tests/core/image_hash_test.cpp measures it on synthetic avatars
/// and their re-encoded, resized, cropped and recoloured copies (figures in that file's header).
/// Between pictures it is applied to MatchDistance (the nearest pair of frame / crop variants).
inline constexpr int kAvatarMatchRadius = 31;

/// Hashes with a quality below this are not matched at all: blank, flat and near-flat pictures
/// (the default silhouette among them) have too little structure for their bits to mean anything.
inline constexpr int kMinAvatarQuality = 50;

/// Computes the perceptual hash of decoded pixels. Errors (kInvalidArgument) for a null buffer,
/// zero or over-large dimensions (either side above 16384) or a stride shorter than a row.
/// Cost is linear in the pixel count; deterministic.
/// With `with_crops` (the default) the kCropVariants crops are hashed too (crops, crop_count):
/// about 4x the work of the frame alone, sharing the luminance and the horizontal passes.
Result<PerceptualHash> ComputePerceptualHash(const ImageView& image, bool with_crops = true);

/// Exact-copy hash: XXH3_64bits of the image file's bytes (the encoded JPEG/PNG as fetched).
std::uint64_t ExactImageHash(std::span<const std::uint8_t> bytes) noexcept;

/// The 256 bits as 64 lower-case hex digits, words[3] first (most significant bit first), the
/// usual textual form of a PDQ-style hash. Quality is not included. With `with_crops` and a hash
/// that has its crop variants, the long form: the frame's 64 digits followed by each crop's 64
/// (crops[0] first), 64 * (1 + kCropVariants) digits in all.
std::string PerceptualHashToHex(const PerceptualHash& hash, bool with_crops = false);

/// Length of the long hex form (frame and every crop variant).
inline constexpr std::size_t kPerceptualHashHexWithCrops = 64 * (1 + kCropVariants);

/// Parses 64 hex digits (either case) as written by PerceptualHashToHex, or the long form with
/// the crop variants (kPerceptualHashHexWithCrops digits), with the given quality. Returns
/// nullopt for any other length or a non-hex character.
std::optional<PerceptualHash> PerceptualHashFromHex(std::string_view hex, int quality);

}  // namespace swarmlens
