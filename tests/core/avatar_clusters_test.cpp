// Shared-picture clusters: what must and must not cluster, order independence, exact copies,
// defaults, the strength null model and the evidence text.
#include "swarmlens/avatar_clusters.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "synthetic_avatars.h"

namespace swarmlens {
namespace {

using testing::RgbImage;

struct Labelled {
  std::uint32_t account;
  PerceptualHash hash;
  std::optional<std::uint64_t> exact;
};

/// A list with two swarms reusing pictures (edited copies), 60 organic accounts with distinct
/// pictures, 10 default silhouettes and 5 flat pictures.
std::vector<Labelled> SwarmList() {
  using namespace testing;
  std::vector<Labelled> list;
  std::uint32_t next = 1000;
  const RgbImage a = MakeAvatar(1000), b = MakeAvatar(1001);
  // Swarm A: 12 edited copies of picture a. Accounts 1000..1011.
  const std::vector<RgbImage> copies_a = {
      a, Resize(a, 320, 320), JpegLike(a, 70), JpegLike(a, 50), AddNoise(a, 6, 1), HueRotate(a, 30),
      Grayscale(a), BrightnessContrast(a, 20, 0.9), Resize(JpegLike(a, 80), 320, 320), AddNoise(a, 4, 2),
      JpegLike(Resize(a, 320, 320), 60), a};
  for (const RgbImage& img : copies_a) list.push_back({next++, HashOf(img), std::nullopt});
  // Swarm B: 5 copies of b, two of them byte-identical files. Accounts 1012..1016.
  list.push_back({next++, HashOf(b), 77});
  list.push_back({next++, HashOf(b), 77});
  list.push_back({next++, HashOf(JpegLike(b, 60)), 78});
  list.push_back({next++, HashOf(Resize(b, 320, 320)), 79});
  list.push_back({next++, HashOf(HueRotate(b, -25)), 80});
  // Organic: distinct pictures. Accounts 1..60.
  for (std::uint32_t i = 1; i <= 60; ++i) list.push_back({i, HashOf(MakeAvatar(i)), 5000 + i});
  // Defaults and flat pictures: all alike, never a shared-picture cluster. Accounts 2000..2014.
  for (std::uint32_t i = 0; i < 10; ++i)
    list.push_back({2000 + i, HashOf(JpegLike(MakeSilhouette(150), 60 + static_cast<int>(i))), 9999});
  for (std::uint32_t i = 0; i < 5; ++i)
    list.push_back({2010 + i, HashOf(MakeFlat({40.0 * i, 90, 200}, 2, i)), std::nullopt});
  return list;
}

std::vector<std::uint32_t> Range(std::uint32_t from, std::uint32_t to) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = from; i <= to; ++i) out.push_back(i);
  return out;
}

TEST(AvatarClusters, FindsTheSwarmsAndNothingElse) {
  AvatarClusters clusters;
  for (const Labelled& l : SwarmList()) {
    const AvatarAddResult r = clusters.Add(l.account, l.hash, l.exact);
    if (l.account >= 2000) {
      EXPECT_EQ(r.status, AvatarStatus::kLowQuality) << l.account;
    } else if (l.account < 1000) {
      // Organic seeds below 5 are also the low-quality text cards in some generators: accept either.
      EXPECT_TRUE(r.status == AvatarStatus::kUnique || r.status == AvatarStatus::kLowQuality) << l.account;
    }
  }
  const auto found = clusters.Clusters();
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].members, Range(1000, 1011));
  EXPECT_EQ(found[0].key, 1000u);
  EXPECT_EQ(found[1].members, Range(1012, 1016));
  EXPECT_GT(found[0].strength, found[1].strength);
  EXPECT_GT(found[1].strength, 10);  // 5 of ~77 pictures: far beyond chance under the null
  EXPECT_EQ(clusters.MemberEvidence(1005, "followers"), "one of 12 followers using the same profile picture");
  EXPECT_EQ(clusters.MemberEvidence(1013), "one of 5 accounts using the same profile picture");
  EXPECT_FALSE(clusters.MemberEvidence(7));     // organic, unique
  EXPECT_FALSE(clusters.MemberEvidence(2003));  // silhouette, never accepted
  EXPECT_FALSE(clusters.ClusterOf(7));
  ASSERT_TRUE(clusters.ClusterOf(1014));
  EXPECT_EQ(clusters.ClusterOf(1014)->key, 1012u);
}

// A swarm reusing one picture cropped 5 % from each side, or centred, re-encoded and recoloured:
// one cluster. Distinct pictures cropped the same way: none. The original's hash may come from a
// hash file (frame only, no crop variants), as with the CLI's --avatar-hashes.
TEST(AvatarClusters, CroppedCopiesClusterAndCroppedDistinctPicturesDoNot) {
  using namespace testing;
  const RgbImage a = MakeAvatar(3000);
  const std::vector<RgbImage> copies = {
      Crop(a, .05, 0, 0, 0), Crop(a, 0, 0, .05, 0), Crop(a, 0, .05, 0, 0), Crop(a, 0, 0, 0, .05),
      Crop(a, .025, .025, .025, .025), Crop(a, .05, .05, .05, .05), JpegLike(HueRotate(Crop(a, 0, .04, 0, 0), 25), 65),
      Resize(Crop(a, .03, 0, 0, 0), 320, 320)};
  AvatarClusters clusters;
  std::uint32_t id = 1;
  for (const RgbImage& img : copies) clusters.Add(id++, HashOf(img));
  for (std::uint32_t i = 0; i < 40; ++i) {  // organic, distinct pictures, cropped like the copies
    const RgbImage other = MakeAvatar(3100 + i);
    const double cut = (i % 2) ? 0.05 : 0.0;
    clusters.Add(100 + i, HashOf(Crop(other, cut, 0, 0, cut)));
  }
  auto found = clusters.Clusters();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].members, Range(1, static_cast<std::uint32_t>(copies.size())));
  // A cropped copy known only by its hex hash (frame only, as in an --avatar-hashes file) matches
  // a picture hashed from pixels through that picture's crop variants.
  const PerceptualHash cropped = HashOf(Crop(a, 0, 0, .05, 0));
  const PerceptualHash from_file = *PerceptualHashFromHex(PerceptualHashToHex(cropped), cropped.quality);
  ASSERT_EQ(from_file.crop_count, 0);
  AvatarClusters pair;
  pair.Add(1, HashOf(a));
  EXPECT_EQ(pair.Add(2, from_file).status, AvatarStatus::kClustered);
  EXPECT_GT(HammingDistance(HashOf(a), from_file), kAvatarMatchRadius);  // the frames alone do not match
  // Without the crop variants (frame hashes only) the 5 % crops stay apart.
  AvatarClusters frames;
  id = 1;
  for (const RgbImage& img : copies) {
    PerceptualHash h = HashOf(img);
    h.crop_count = 0;
    frames.Add(id++, h);
  }
  EXPECT_LT(frames.Clusters().empty() ? 0u : frames.Clusters()[0].members.size(), copies.size());
}

TEST(AvatarClusters, MembershipDoesNotDependOnInsertionOrder) {
  std::vector<Labelled> list = SwarmList();
  AvatarClusters reference;
  for (const Labelled& l : list) reference.Add(l.account, l.hash, l.exact);
  const auto expected = reference.Clusters();
  testing::Rng rng(11);
  for (int round = 0; round < 5; ++round) {
    for (std::size_t i = list.size() - 1; i > 0; --i) std::swap(list[i], list[rng.Next() % (i + 1)]);
    AvatarClusters shuffled;
    for (const Labelled& l : list) shuffled.Add(l.account, l.hash, l.exact);
    const auto got = shuffled.Clusters();
    ASSERT_EQ(got.size(), expected.size());
    for (std::size_t c = 0; c < got.size(); ++c) {
      EXPECT_EQ(got[c].key, expected[c].key);
      EXPECT_EQ(got[c].members, expected[c].members);
      EXPECT_DOUBLE_EQ(got[c].strength, expected[c].strength);
      EXPECT_EQ(got[c].representative, expected[c].representative);
    }
  }
}

TEST(AvatarClusters, MergesChainsAndReportsTheSmallestKey) {
  // Two groups far apart, then a picture within the radius of both joins them (single linkage).
  PerceptualHash base;
  base.quality = 100;
  for (auto& w : base.words) w = 0x0123456789ABCDEFull;
  auto flip = [](PerceptualHash h, int from, int count) {
    for (int b = from; b < from + count; ++b) h.words[b / 64] ^= std::uint64_t{1} << (b % 64);
    return h;
  };
  const PerceptualHash left = base, right = flip(base, 0, 50), middle = flip(base, 0, 25);
  AvatarClusters clusters;
  EXPECT_EQ(clusters.Add(30, left).status, AvatarStatus::kUnique);
  EXPECT_EQ(clusters.Add(20, right).cluster, 20u);
  const AvatarAddResult joined = clusters.Add(40, left);
  EXPECT_EQ(joined.status, AvatarStatus::kClustered);
  EXPECT_EQ(joined.cluster, 30u);
  EXPECT_EQ(joined.cluster_size, 2u);
  const AvatarAddResult bridge = clusters.Add(50, middle);
  EXPECT_EQ(bridge.cluster, 20u);
  EXPECT_EQ(bridge.cluster_size, 4u);
  EXPECT_EQ(clusters.Clusters().size(), 1u);
}

TEST(AvatarClusters, ExactCopiesJoinEvenWhenHashesDisagree) {
  // Same file bytes, perceptual hashes far apart (e.g. one decoded wrongly): the exact edge joins.
  testing::Rng rng(5);
  PerceptualHash a, b;
  a.quality = b.quality = 90;
  for (auto& w : a.words) w = rng.Next();
  for (auto& w : b.words) w = rng.Next();
  AvatarClusters clusters;
  clusters.Add(1, a, 0xABCDu);
  EXPECT_EQ(clusters.Add(2, b, 0xABCDu).status, AvatarStatus::kClustered);
  EXPECT_EQ(clusters.Add(3, b, 0xABCEu).cluster_size, 3u);  // perceptual match with 2
}

TEST(AvatarClusters, LowQualityAndKnownDefaultsNeverCluster) {
  const PerceptualHash silhouette = testing::HashOf(testing::MakeSilhouette());
  ASSERT_LT(silhouette.quality, kMinAvatarQuality);
  AvatarClusters plain;
  for (std::uint32_t i = 0; i < 20; ++i)
    EXPECT_EQ(plain.Add(i, silhouette, 1234).status, AvatarStatus::kLowQuality);  // even identical files
  EXPECT_TRUE(plain.Clusters().empty());
  EXPECT_EQ(plain.accepted(), 0u);

  // A detailed default (say a brand placeholder) is registered as known: its copies are ignored.
  const RgbImage placeholder = testing::MakeAvatar(77);
  AvatarClusters::Options options;
  options.known_defaults.push_back(testing::HashOf(placeholder));
  AvatarClusters with_default(options);
  EXPECT_EQ(with_default.Add(1, testing::HashOf(testing::JpegLike(placeholder, 60))).status,
            AvatarStatus::kKnownDefault);
  EXPECT_EQ(with_default.Add(2, testing::HashOf(placeholder)).status, AvatarStatus::kKnownDefault);
  EXPECT_EQ(with_default.Add(3, testing::HashOf(testing::MakeAvatar(78))).status, AvatarStatus::kUnique);
  EXPECT_TRUE(with_default.Clusters().empty());
}

TEST(AvatarClusters, RepeatedAccountsAndCapacity) {
  AvatarClusters::Options options;
  options.max_avatars = 3;
  AvatarClusters clusters(options);
  const PerceptualHash a = testing::HashOf(testing::MakeAvatar(1)), b = testing::HashOf(testing::MakeAvatar(2));
  clusters.Add(5, a);
  clusters.Add(6, a);
  const AvatarAddResult again = clusters.Add(5, b);
  EXPECT_EQ(again.status, AvatarStatus::kAlreadyAdded);
  EXPECT_EQ(again.cluster_size, 2u);  // the first picture stays
  EXPECT_EQ(clusters.Add(7, b).status, AvatarStatus::kUnique);
  EXPECT_EQ(clusters.Add(8, b).status, AvatarStatus::kFull);
  EXPECT_EQ(clusters.accepted(), 3u);
  EXPECT_STREQ(AvatarStatusName(AvatarStatus::kLowQuality), "low_quality");
}

TEST(AvatarClusters, StrengthFollowsTheDocumentedNull) {
  AvatarClusters clusters;
  // q = 121 P(Bin(64, 1/2) <= 7) = 121 x 3.8e-11 at radius 31 (11 x 11 variant pairs).
  EXPECT_NEAR(std::log10(clusters.pair_match_probability()), std::log10(121 * 3.83e-11), 0.01);
  const PerceptualHash pic = testing::HashOf(testing::MakeAvatar(3));
  for (std::uint32_t i = 0; i < 1000; ++i) {
    PerceptualHash h;
    h.quality = 100;
    testing::Rng rng(i + 1);
    for (auto& w : h.words) w = rng.Next();
    clusters.Add(i, h);
  }
  ASSERT_EQ(clusters.accepted(), 1000u);
  // k = 2 among n = 1000: C(1000,2) q = 2.3e-3 -> 2.6.
  EXPECT_NEAR(clusters.Strength(2), -std::log10(499500 * clusters.pair_match_probability()), 1e-6);
  EXPECT_LT(clusters.Strength(2), clusters.Strength(3));
  EXPECT_LT(clusters.Strength(3), clusters.Strength(37));
  // More pictures in the list, more chances: the same k is weaker.
  AvatarClusters small;
  small.Add(1, pic);
  small.Add(2, pic);
  EXPECT_GT(small.Strength(2), clusters.Strength(2));
  // Under independent bits (B = 256) a pair is beyond doubt.
  AvatarClusters::Options independent;
  independent.effective_bits = 256;
  EXPECT_LT(AvatarClusters(independent).pair_match_probability(), 1e-33);
}

}  // namespace
}  // namespace swarmlens
