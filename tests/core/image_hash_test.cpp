// Perceptual hash: contract, golden vector (same bits natively and under wasm), and robustness on
// synthetic avatars generated in code (tests/core/synthetic_avatars.h).
//
// Measured with these tests, 150x150 avatars; native and wasm print identical figures:
//   distinct pairs (200 avatars, 19,900 pairs): min 86, mean 128, sd 8.5 -> none within 31.
//   near-duplicates, max (mean) distance over 30 avatars: resize 150->320 16 (7.1), 320->150
//   4 (0.9), 150->64 24 (10.0), JPEG-like q75 10 (3.3), q40 14 (6.1), noise +-8 10 (3.9),
//   brightness +30 18 (5.9), contrast 0.7 4 (0.8), hue +40 22 (4.7), hue 180 20 (6.8),
//   grayscale 2 (0.7), brightened + 320 px + JPEG q70 16 (7.9): all within the radius 31.
//   crops (then resized back), whole frame only: 1% per side 80% within 31 (max 40, mean 25),
//   2% one side 83% (max 38), 3% 10%, 5% one side 0% (mean 63): a DCT hash of the whole frame does
//   not survive crops beyond about 2% (the PDQ authors say the same). With the 10 crop variants
//   (MatchDistance): 1%, 2%, 3%, 5% one side, 5% centred and 5% every side all 100% (max 14-30);
//   5% crop + hue 30 + JPEG q60 30/30; two copies cropped 5% on opposite sides 30/30.
//   distinct pairs with the crop variants: min 56, mean 111 (the nearest of 121 variant pairs).
//   quality: 95+ of 100 avatars >= 50 (the misses are sparse text cards, 25-40); default
//   silhouette 28-31 (44 after JPEG at 64 px), flat 0, flat with faint noise <= 25.
#include "swarmlens/image_hash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "synthetic_avatars.h"

namespace swarmlens {
namespace {

using testing::RgbImage;

TEST(ImageHash, RejectsInvalidViews) {
  std::vector<std::uint8_t> px(16 * 16 * 4, 128);
  ImageView ok{px.data(), 16, 16, 64, PixelFormat::kRgba8};
  EXPECT_TRUE(ComputePerceptualHash(ok).ok());
  ImageView v = ok;
  v.pixels = nullptr;
  EXPECT_EQ(ComputePerceptualHash(v).error().code, ErrorCode::kInvalidArgument);
  v = ok;
  v.width = 0;
  EXPECT_FALSE(ComputePerceptualHash(v).ok());
  v = ok;
  v.stride = 63;
  EXPECT_FALSE(ComputePerceptualHash(v).ok());
  v = ok;
  v.height = 20000;
  EXPECT_FALSE(ComputePerceptualHash(v).ok());
  v = ok;
  v.format = PixelFormat::kGray8;
  v.stride = 16;  // a gray row is 16 bytes
  EXPECT_TRUE(ComputePerceptualHash(v).ok());
}

TEST(ImageHash, PixelFormatsAndStrideAgree) {
  const RgbImage img = testing::Grayscale(testing::MakeAvatar(7));
  const PerceptualHash rgb = testing::HashOf(img);
  std::vector<std::uint8_t> rgba, gray, padded;
  const int w = img.width, h = img.height;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::uint8_t* p = img.At(x, y);
      rgba.insert(rgba.end(), {p[0], p[1], p[2], 255});
      gray.push_back(p[0]);
      padded.push_back(p[0]);
    }
    padded.insert(padded.end(), 13, 0xEE);  // junk past the row end must be ignored
  }
  const auto uw = static_cast<std::uint32_t>(w), uh = static_cast<std::uint32_t>(h);
  auto a = ComputePerceptualHash({rgba.data(), uw, uh, rgba.size() / h, PixelFormat::kRgba8});
  auto g = ComputePerceptualHash({gray.data(), uw, uh, gray.size() / h, PixelFormat::kGray8});
  auto p = ComputePerceptualHash({padded.data(), uw, uh, padded.size() / h, PixelFormat::kGray8});
  ASSERT_TRUE(a && g && p);
  EXPECT_EQ(HammingDistance(a.value(), rgb), 0);
  EXPECT_EQ(HammingDistance(g.value(), rgb), 0);
  EXPECT_EQ(g.value(), p.value());
  EXPECT_EQ(a.value().quality, rgb.quality);
}

TEST(ImageHash, TransparentPixelsCompositeOntoWhite) {
  std::vector<std::uint8_t> clear(64 * 64 * 4, 0);  // black but fully transparent
  auto h = ComputePerceptualHash({clear.data(), 64, 64, 256, PixelFormat::kRgba8});
  ASSERT_TRUE(h);
  EXPECT_EQ(h.value().quality, 0);
  // An opaque picture under a half-transparent alpha keeps its structure.
  RgbImage img = testing::MakeAvatar(3, 64);
  std::vector<std::uint8_t> half;
  for (std::size_t i = 0; i < img.rgb.size(); i += 3) half.insert(half.end(), {img.rgb[i], img.rgb[i + 1], img.rgb[i + 2], 128});
  auto hh = ComputePerceptualHash({half.data(), 64, 64, 256, PixelFormat::kRgba8});
  ASSERT_TRUE(hh);
  EXPECT_LE(HammingDistance(hh.value(), testing::HashOf(img)), 4);
}

TEST(ImageHash, HalfTheBitsAreSetAndDistanceIsAMetric) {
  const PerceptualHash a = testing::HashOf(testing::MakeAvatar(1));
  const PerceptualHash b = testing::HashOf(testing::MakeAvatar(2));
  int ones = 0;
  for (auto w : a.words) ones += std::popcount(w);
  EXPECT_EQ(ones, 128);  // median threshold over 256 distinct coefficients
  EXPECT_EQ(HammingDistance(a, a), 0);
  EXPECT_EQ(HammingDistance(a, b), HammingDistance(b, a));
  PerceptualHash flipped = a;
  for (auto& w : flipped.words) w = ~w;
  EXPECT_EQ(HammingDistance(a, flipped), 256);
}

// The same bits natively and under wasm: the pipeline is plain IEEE double arithmetic.
TEST(ImageHash, GoldenVector) {
  const PerceptualHash h = testing::HashOf(testing::MakeAvatar(1));
  EXPECT_EQ(PerceptualHashToHex(h), "38cc1eb3d3e0c8f4e61b838ed9c6f8c6e0ced9c7a9d3fa4cd00e263307394638");
  EXPECT_EQ(h.quality, 100);
}

TEST(ImageHash, HexRoundTrip) {
  const PerceptualHash h = testing::HashOf(testing::MakeAvatar(4));
  const std::string hex = PerceptualHashToHex(h);
  ASSERT_EQ(hex.size(), 64u);
  auto back = PerceptualHashFromHex(hex, h.quality);
  ASSERT_TRUE(back);
  // The hex form carries the frame only: crop hashes come from pixels.
  EXPECT_EQ(back->words, h.words);
  EXPECT_EQ(back->quality, h.quality);
  EXPECT_EQ(h.crop_count, kCropVariants);
  EXPECT_EQ(back->crop_count, 0);
  EXPECT_EQ(MatchDistance(*back, *back), 0);
  std::string upper = hex;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(PerceptualHashFromHex(upper, h.quality), back);
  // words[3] is written first, most significant nibble first.
  auto one = PerceptualHashFromHex(std::string(63, '0') + "1", 0);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->words[0], 1u);
  EXPECT_FALSE(PerceptualHashFromHex(hex.substr(1), 0));
  EXPECT_FALSE(PerceptualHashFromHex(std::string(63, '0') + "g", 0));
}

TEST(PerceptualHashHex, LongFormCarriesTheCropVariants) {
  // A picture hashed from pixels, written with its crops and read back, still matches a copy
  // cropped by 5 % that is itself known only by its frame hash.
  const testing::RgbImage image = testing::MakeAvatar(3);
  const PerceptualHash h = testing::HashOf(image);
  ASSERT_EQ(h.crop_count, kCropVariants);
  const std::string long_hex = PerceptualHashToHex(h, /*with_crops=*/true);
  ASSERT_EQ(long_hex.size(), kPerceptualHashHexWithCrops);
  EXPECT_EQ(long_hex.substr(0, 64), PerceptualHashToHex(h));
  const auto back = PerceptualHashFromHex(long_hex, h.quality);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, h);  // words, quality, every crop and the count
  const auto frame_only = PerceptualHashFromHex(long_hex.substr(0, 64), h.quality);
  ASSERT_TRUE(frame_only);
  EXPECT_EQ(frame_only->crop_count, 0);
  // Other lengths and a bad digit inside a crop are refused.
  EXPECT_FALSE(PerceptualHashFromHex(long_hex.substr(0, kPerceptualHashHexWithCrops - 1), 0));
  std::string bad = long_hex;
  bad[64 * 5 + 7] = 'x';
  EXPECT_FALSE(PerceptualHashFromHex(bad, 0));
  // A frame-only hash has no long form.
  EXPECT_EQ(PerceptualHashToHex(*frame_only, /*with_crops=*/true).size(), 64u);
  // What the long form is for: a 5 % crop known by its frame only matches the long form's
  // crops, while it is out of reach of the frame alone.
  const PerceptualHash cropped = testing::HashOf(testing::Crop(image, 0.05, 0, 0, 0));
  const PerceptualHash cropped_frame = *PerceptualHashFromHex(PerceptualHashToHex(cropped), cropped.quality);
  EXPECT_LE(MatchDistance(*back, cropped_frame), kAvatarMatchRadius);
  EXPECT_GT(MatchDistance(*frame_only, cropped_frame), kAvatarMatchRadius);
}

TEST(ImageHash, ExactHashIsXxh3OfTheBytes) {
  EXPECT_EQ(ExactImageHash({}), 0x2D06800538D394C2ull);  // XXH3_64bits of no bytes
  const std::vector<std::uint8_t> a = {1, 2, 3, 4}, b = {1, 2, 3, 5};
  EXPECT_EQ(ExactImageHash(a), ExactImageHash(std::vector<std::uint8_t>(a)));
  EXPECT_NE(ExactImageHash(a), ExactImageHash(b));
}

/// The first 30 avatars whose quality passes the cut (the near-duplicate guarantees are about
/// those), generated once for the tests that share them.
const std::vector<RgbImage>& GoodAvatars() {
  static const std::vector<RgbImage> avatars = [] {
    std::vector<RgbImage> out;
    for (std::uint64_t seed = 0; out.size() < 30; ++seed) {
      RgbImage img = testing::MakeAvatar(seed);
      if (testing::HashOf(img).quality >= kMinAvatarQuality) out.push_back(std::move(img));
    }
    return out;
  }();
  return avatars;
}

struct Edit {
  const char* name;
  std::function<RgbImage(const RgbImage&)> apply;
};

TEST(ImageHash, NearDuplicatesMatch) {
  using namespace testing;
  const std::vector<Edit> edits = {
      {"resize 150->320", [](const RgbImage& a) { return Resize(a, 320, 320); }},
      {"resize 320->150", [](const RgbImage& a) { return Resize(Resize(a, 320, 320), 150, 150); }},
      {"resize 150->64", [](const RgbImage& a) { return Resize(a, 64, 64); }},
      {"jpeg q75", [](const RgbImage& a) { return JpegLike(a, 75); }},
      {"jpeg q40", [](const RgbImage& a) { return JpegLike(a, 40); }},
      {"noise +-8", [](const RgbImage& a) { return AddNoise(a, 8, 99); }},
      {"brightness +30", [](const RgbImage& a) { return BrightnessContrast(a, 30, 1.0); }},
      {"contrast 0.7", [](const RgbImage& a) { return BrightnessContrast(a, 0, 0.7); }},
      {"hue +40", [](const RgbImage& a) { return HueRotate(a, 40); }},
      {"hue 180", [](const RgbImage& a) { return HueRotate(a, 180); }},
      {"grayscale", [](const RgbImage& a) { return Grayscale(a); }},
      {"brighter, 320 px, jpeg q70",
       [](const RgbImage& a) { return JpegLike(Resize(BrightnessContrast(a, 15, 0.9), 320, 320), 70); }},
  };
  const std::vector<RgbImage>& avatars = GoodAvatars();
  for (const Edit& edit : edits) {
    int worst = 0;
    double sum = 0;
    for (std::size_t i = 0; i < avatars.size(); ++i) {
      const int d = HammingDistance(HashOf(avatars[i]), HashOf(edit.apply(avatars[i])));
      worst = std::max(worst, d);
      sum += d;
      EXPECT_LE(d, kAvatarMatchRadius) << edit.name << ", avatar " << i;
    }
    std::printf("[ near-dup ] %-28s max %3d mean %5.1f\n", edit.name, worst, sum / static_cast<double>(avatars.size()));
  }
}

TEST(ImageHash, CropVariantsAreTheFrameOfTheCroppedPicture) {
  using namespace testing;
  const RgbImage& a = GoodAvatars()[0];
  const PerceptualHash h = HashOf(a);
  ASSERT_EQ(h.crop_count, kCropVariants);
  // Without crops: the same frame bits, no crop bits (the golden vector is unchanged).
  std::vector<std::uint8_t> rgba;
  for (std::size_t i = 0; i < a.rgb.size(); i += 3) rgba.insert(rgba.end(), {a.rgb[i], a.rgb[i + 1], a.rgb[i + 2], 255});
  auto frame_only = ComputePerceptualHash({rgba.data(), 150, 150, 600, PixelFormat::kRgba8}, /*with_crops=*/false);
  ASSERT_TRUE(frame_only.ok());
  EXPECT_EQ(frame_only.value().words, h.words);
  EXPECT_EQ(frame_only.value().crop_count, 0);
  EXPECT_EQ(MatchDistance(frame_only.value(), HashOf(a)), 0);
  for (int v = 1; v <= kCropVariants; ++v) {
    // Variant v is (up to resampling) the frame hash of the picture cut by CropVariantBox(v).
    const CropBox box = CropVariantBox(v);
    const PerceptualHash cut = HashOf(Crop(a, box.left, box.top, box.right, box.bottom));
    const PerceptualHash as_frame{.words = h.crops[static_cast<std::size_t>(v - 1)], .quality = h.quality};
    EXPECT_LE(HammingDistance(as_frame, cut), 12) << "variant " << v;
    if (std::max({box.left, box.top, box.right, box.bottom}) >= 0.05)
      EXPECT_GT(HammingDistance(as_frame, h), kAvatarMatchRadius) << "variant " << v << " is a real crop";
  }
  // Too small to crop: the frame only.
  std::vector<std::uint8_t> tiny(16 * 16, 100);
  for (std::size_t i = 0; i < tiny.size(); i += 3) tiny[i] = 200;
  EXPECT_EQ(ComputePerceptualHash({tiny.data(), 16, 16, 16, PixelFormat::kGray8}).value().crop_count, 0);
}

// Crops move content relative to the frame: a whole-frame DCT hash loses a 5 % crop (distance
// ~64, measured below). Each picture therefore also carries the hashes of 6 crops of itself, and
// two pictures match when any variant of one is within the radius of any variant of the other.
TEST(ImageHash, CroppedCopiesMatchThroughTheCropVariants) {
  using namespace testing;
  const std::vector<RgbImage>& avatars = GoodAvatars();
  struct Case {
    const char* name;
    double l, t, r, b;
    double min_fraction;  // must-match share over the 30 avatars (measured minus a margin)
  };
  const Case cases[] = {{"1% each side", .01, .01, .01, .01, 0.95},
                        {"2% left", .02, 0, 0, 0, 0.95},
                        {"2% top", 0, .02, 0, 0, 0.95},
                        {"3% right", 0, 0, .03, 0, 0.9},
                        {"5% left", .05, 0, 0, 0, 0.95},
                        {"5% right", 0, 0, .05, 0, 0.95},
                        {"5% top", 0, .05, 0, 0, 0.95},
                        {"5% bottom", 0, 0, 0, .05, 0.95},
                        {"5% centre (2.5% a side)", .025, .025, .025, .025, 0.95},
                        {"5% each side", .05, .05, .05, .05, 0.95}};
  for (const Case& c : cases) {
    int within = 0, frame_within = 0, worst = 0;
    double sum = 0, frame_sum = 0;
    for (const RgbImage& a : avatars) {
      const PerceptualHash original = HashOf(a), copy = HashOf(Crop(a, c.l, c.t, c.r, c.b));
      const int d = MatchDistance(original, copy), frame = HammingDistance(original, copy);
      within += d <= kAvatarMatchRadius;
      frame_within += frame <= kAvatarMatchRadius;
      worst = std::max(worst, d);
      sum += d;
      frame_sum += frame;
    }
    const double n = static_cast<double>(avatars.size());
    std::printf("[ crop     ] %-24s within %4.0f%% max %3d mean %5.1f | frame only: within %4.0f%% mean %5.1f\n",
                c.name, 100 * within / n, worst, sum / n, 100 * frame_within / n, frame_sum / n);
    EXPECT_GE(within / n, c.min_fraction) << c.name;
  }
  // Crops plus re-encoding and recolouring, and two copies cropped on opposite sides (the
  // original absent: they meet in a crop of both).
  int combined = 0, opposite = 0;
  for (const RgbImage& a : avatars) {
    combined += MatchDistance(HashOf(a), HashOf(JpegLike(HueRotate(Crop(a, .05, 0, 0, 0), 30), 60))) <= kAvatarMatchRadius;
    opposite += MatchDistance(HashOf(Crop(a, .05, 0, 0, 0)), HashOf(Crop(a, 0, 0, .05, 0))) <= kAvatarMatchRadius;
  }
  std::printf("[ crop     ] 5%% left + hue 30 + jpeg q60 within %d/30; 5%% left vs 5%% right copies %d/30\n", combined,
              opposite);
  EXPECT_GE(combined, 27);
  EXPECT_GE(opposite, 27);
}

TEST(ImageHash, DistinctAvatarsAreFar) {
  std::vector<PerceptualHash> hashes;
  for (std::uint64_t seed = 0; seed < 200; ++seed) hashes.push_back(testing::HashOf(testing::MakeAvatar(seed)));
  int nearest = 256;
  double sum = 0, sum2 = 0;
  int pairs = 0;
  for (std::size_t i = 0; i < hashes.size(); ++i)
    for (std::size_t j = i + 1; j < hashes.size(); ++j) {
      // What the clusters compare: the nearest pair of variants (frame and crops).
      const int d = MatchDistance(hashes[i], hashes[j]);
      nearest = std::min(nearest, d);
      sum += d;
      sum2 += static_cast<double>(d) * d;
      ++pairs;
      EXPECT_GT(d, kAvatarMatchRadius) << "avatars " << i << " and " << j;
    }
  const double mean = sum / pairs, sd = std::sqrt(sum2 / pairs - mean * mean);
  std::printf("[ distinct ] %d pairs: min %d mean %.1f sd %.1f\n", pairs, nearest, mean, sd);
  // A wide margin, not a near miss (measured: frame only min 86 mean 128; with the crop variants
  // the nearest of 49 variant pairs, min 74 mean 111).
  EXPECT_GE(nearest, kAvatarMatchRadius + 20);
  EXPECT_NEAR(mean, 112, 8);
}

TEST(ImageHash, FlatAndDefaultPicturesHaveLowQuality) {
  using namespace testing;
  const std::vector<std::pair<const char*, RgbImage>> low = {
      {"silhouette 150", MakeSilhouette(150)},
      {"silhouette 320", MakeSilhouette(320)},
      {"silhouette 64 jpeg", JpegLike(MakeSilhouette(64), 70)},
      {"silhouette jpeg", JpegLike(MakeSilhouette(150), 60)},
      {"white", MakeFlat({255, 255, 255}, 0, 1)},
      {"black", MakeFlat({0, 0, 0}, 0, 1)},
      {"orange", MakeFlat({240, 120, 20}, 0, 1)},
      {"grey with faint noise", MakeFlat({128, 128, 128}, 6, 2)},
      {"blue with faint noise", MakeFlat({20, 60, 200}, 4, 3)},
      {"faint gradient", [] {
         RgbImage g(150, 150);
         FillGradient(g, {100, 100, 100}, {130, 130, 130}, 0.7);
         return g;
       }()},
  };
  for (const auto& [name, img] : low) {
    const int q = HashOf(img).quality;
    std::printf("[ quality  ] %-22s %3d\n", name, q);
    EXPECT_LT(q, kMinAvatarQuality) << name;
  }
  int passing = 0;
  for (std::uint64_t seed = 0; seed < 100; ++seed) passing += HashOf(MakeAvatar(seed)).quality >= kMinAvatarQuality;
  EXPECT_GE(passing, 95);
}

}  // namespace
}  // namespace swarmlens
