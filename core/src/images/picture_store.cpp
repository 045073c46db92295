#include "images/picture_store.h"

#include <algorithm>

#include "case/snapshot_codec.h"

namespace swarmlens {

namespace {
bool SamePicture(const Picture& p, const PerceptualHash& hash, std::optional<std::uint64_t> exact) {
  return p.exact == exact && p.hash.words == hash.words && p.hash.quality == hash.quality &&
         p.hash.crop_count == hash.crop_count && p.hash.crops == hash.crops;
}
}  // namespace

std::uint32_t PictureStore::Add(std::size_t account, const PerceptualHash& hash, std::optional<std::uint64_t> exact) {
  std::vector<Picture>& pictures = by_account_[account];
  for (std::size_t i = 0; i < pictures.size(); ++i)
    if (SamePicture(pictures[i], hash, exact)) return static_cast<std::uint32_t>(i);
  pictures.push_back({hash, exact});
  return static_cast<std::uint32_t>(pictures.size() - 1);
}

const Picture* PictureStore::First(std::size_t account) const {
  auto it = by_account_.find(account);
  return it == by_account_.end() ? nullptr : &it->second.front();
}

std::size_t PictureStore::CountOf(std::size_t account) const {
  auto it = by_account_.find(account);
  return it == by_account_.end() ? 0 : it->second.size();
}

void PictureStore::Save(SnapshotWriter& out) const {
  std::vector<std::size_t> accounts;
  accounts.reserve(by_account_.size());
  for (const auto& entry : by_account_) accounts.push_back(entry.first);
  std::sort(accounts.begin(), accounts.end());  // the map's order is not stable across builds
  out.Varint(accounts.size());
  for (std::size_t account : accounts) {
    const std::vector<Picture>& pictures = by_account_.at(account);
    out.Varint(account);
    out.Varint(pictures.size());
    for (const Picture& p : pictures) {
      for (std::uint64_t w : p.hash.words) out.Fixed64(w);
      out.Varint(static_cast<std::uint64_t>(p.hash.quality));
      out.U8(p.hash.crop_count);
      for (int c = 0; c < p.hash.crop_count; ++c)
        for (std::uint64_t w : p.hash.crops[static_cast<std::size_t>(c)]) out.Fixed64(w);
      out.U8(p.exact ? 1 : 0);
      if (p.exact) out.Fixed64(*p.exact);
    }
  }
}

bool PictureStore::Load(SnapshotReader& in, std::size_t accounts) {
  std::size_t n = 0;
  if (!in.Count("pictures", 2, &n)) return false;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t account = 0;
    std::size_t count = 0;
    if (!in.Index("pictures.account", accounts, &account) || !in.Count("pictures.count", 35, &count)) return false;
    if (count == 0) return in.Fail("pictures.count", "an account with no pictures");
    std::vector<Picture>& pictures = by_account_[account];
    if (!pictures.empty()) return in.Fail("pictures.account", "account listed twice");
    pictures.resize(count);
    for (Picture& p : pictures) {
      for (std::uint64_t& w : p.hash.words)
        if (!in.Fixed64("picture.hash", &w)) return false;
      std::uint64_t quality = 0;
      if (!in.Varint("picture.quality", &quality) || !in.U8("picture.crop_count", &p.hash.crop_count)) return false;
      if (quality > 100) return in.Fail("picture.quality", "quality above 100");
      p.hash.quality = static_cast<int>(quality);
      if (p.hash.crop_count != 0 && p.hash.crop_count != kCropVariants)
        return in.Fail("picture.crop_count", "expected 0 or " + std::to_string(kCropVariants));
      for (int c = 0; c < p.hash.crop_count; ++c)
        for (std::uint64_t& w : p.hash.crops[static_cast<std::size_t>(c)])
          if (!in.Fixed64("picture.crop", &w)) return false;
      bool has_exact = false;
      if (!in.Bool("picture.has_exact", &has_exact)) return false;
      if (has_exact) {
        std::uint64_t e = 0;
        if (!in.Fixed64("picture.exact", &e)) return false;
        p.exact = e;
      }
    }
  }
  return true;
}

}  // namespace swarmlens
