#include "accounts/account_store.h"

#include "case/snapshot_codec.h"

namespace swarmlens {

std::size_t AccountStore::Merge(Account&& incoming, bool* is_new) {
  // Identity: pk when the payload has one, else the username (DYI exports carry no pk).
  std::size_t index = accounts_.size();
  bool found = false;
  if (incoming.pk) {
    if (auto it = by_pk_.find(*incoming.pk); it != by_pk_.end()) {
      index = it->second;
      found = true;
    }
  }
  if (!found && !incoming.username.empty()) {
    if (auto it = by_username_.find(incoming.username); it != by_username_.end()) {
      // A username seen with a different pk is another account (handles get recycled).
      const Account& known = accounts_[it->second];
      if (!(incoming.pk && known.pk && *incoming.pk != *known.pk)) {
        index = it->second;
        found = true;
      }
    }
  }
  if (found) {
    Account& known = accounts_[index];
    if (!incoming.username.empty() && incoming.username != known.username) {
      // Renamed account: the old handle no longer points to it.
      if (auto it = by_username_.find(known.username); it != by_username_.end() && it->second == index)
        by_username_.erase(it);
    }
    MergeAccount(known, incoming);
  } else {
    accounts_.push_back(std::move(incoming));
  }
  *is_new = !found;
  const Account& stored = accounts_[index];
  if (stored.pk) by_pk_[*stored.pk] = index;
  if (!stored.username.empty()) by_username_[stored.username] = index;
  return index;
}

std::optional<std::size_t> AccountStore::Find(std::string_view username) const {
  auto it = by_username_.find(std::string(username));
  if (it == by_username_.end()) return std::nullopt;
  return it->second;
}

void AccountStore::Clear() {
  accounts_.clear();
  by_pk_.clear();
  by_username_.clear();
}

namespace {
// Bits of the presence mask of an account record, one per optional field; the values of the
// optional flags follow in a second mask.
enum AccountField : std::uint32_t {
  kPk = 1u << 0,
  kFullName = 1u << 1,
  kPrivate = 1u << 2,
  kVerified = 1u << 3,
  kAnonymousAvatar = 1u << 4,
  kPicId = 1u << 5,
  kPicUrl = 1u << 6,
  kReel = 1u << 7,
  kMedia = 1u << 8,
  kFollowers = 1u << 9,
  kFollowing = 1u << 10,
  kBio = 1u << 11,
  kUrl = 1u << 12,
  kBusiness = 1u << 13,
  kProfessional = 1u << 14,
  kJoinedRecently = 1u << 15,
  kAllFields = (1u << 16) - 1,
};

struct FlagField {
  std::optional<bool> Account::*member;
  std::uint32_t bit;
};
constexpr FlagField kFlags[] = {
    {&Account::is_private, kPrivate},         {&Account::is_verified, kVerified},
    {&Account::anonymous_avatar, kAnonymousAvatar}, {&Account::is_business, kBusiness},
    {&Account::is_professional, kProfessional}, {&Account::is_joined_recently, kJoinedRecently},
};
struct CountField {
  std::optional<std::uint64_t> Account::*member;
  std::uint32_t bit;
};
constexpr CountField kCounts[] = {
    {&Account::media_count, kMedia}, {&Account::follower_count, kFollowers}, {&Account::following_count, kFollowing}};
struct TextField {
  std::optional<std::string> Account::*member;
  std::uint32_t bit;
};
constexpr TextField kTexts[] = {{&Account::full_name, kFullName}, {&Account::profile_pic_id, kPicId},
                                {&Account::profile_pic_url, kPicUrl}, {&Account::biography, kBio},
                                {&Account::external_url, kUrl}};
}  // namespace

void SaveAccount(SnapshotWriter& out, const Account& a) {
  std::uint32_t present = 0, values = 0;
  if (a.pk) present |= kPk;
  if (a.latest_reel_media) present |= kReel;
  for (const FlagField& f : kFlags) {
    if (!(a.*f.member)) continue;
    present |= f.bit;
    if (*(a.*f.member)) values |= f.bit;
  }
  for (const CountField& f : kCounts) present |= (a.*f.member) ? f.bit : 0;
  for (const TextField& f : kTexts) present |= (a.*f.member) ? f.bit : 0;
  out.Varint(present);
  out.Varint(values);
  if (a.pk) out.Varint(*a.pk);
  out.Str(a.username);
  if (a.latest_reel_media) out.Signed(*a.latest_reel_media);
  for (const CountField& f : kCounts)
    if (a.*f.member) out.Varint(*(a.*f.member));
  for (const TextField& f : kTexts)
    if (a.*f.member) out.Str(*(a.*f.member));
  out.Varint(a.sightings.size());
  for (const Sighting& s : a.sightings) {
    out.U8(static_cast<std::uint8_t>(s.list));
    out.Str(s.owner);
    out.Varint(s.position);
    out.Signed(s.seen_at);
    out.OptSigned(s.listed_at);
  }
}

bool LoadAccount(SnapshotReader& in, Account* a) {
  std::uint64_t present = 0, values = 0;
  if (!in.Varint("account.fields", &present) || !in.Varint("account.flags", &values)) return false;
  if ((present & ~std::uint64_t{kAllFields}) != 0) return in.Fail("account.fields", "unknown field bits");
  if ((values & ~present) != 0) return in.Fail("account.flags", "a flag value without its field");
  if (present & kPk) {
    std::uint64_t pk = 0;
    if (!in.Varint("account.pk", &pk)) return false;
    a->pk = pk;
  }
  if (!in.Str("account.username", &a->username)) return false;
  if (present & kReel) {
    std::int64_t t = 0;
    if (!in.Signed("account.latest_reel_media", &t)) return false;
    a->latest_reel_media = t;
  }
  for (const FlagField& f : kFlags)
    if (present & f.bit) a->*f.member = (values & f.bit) != 0;
  for (const CountField& f : kCounts) {
    if (!(present & f.bit)) continue;
    std::uint64_t n = 0;
    if (!in.Varint("account.count", &n)) return false;
    a->*f.member = n;
  }
  for (const TextField& f : kTexts) {
    if (!(present & f.bit)) continue;
    std::string s;
    if (!in.Str("account.text", &s)) return false;
    a->*f.member = std::move(s);
  }
  std::size_t sightings = 0;
  if (!in.Count("account.sightings", 5, &sightings)) return false;
  a->sightings.resize(sightings);
  for (Sighting& s : a->sightings) {
    std::uint8_t list = 0;
    std::uint64_t position = 0;
    if (!in.U8("sighting.list", &list)) return false;
    if (list > static_cast<std::uint8_t>(ListKind::kNotifications)) return in.Fail("sighting.list", "unknown list kind");
    s.list = static_cast<ListKind>(list);
    if (!in.Str("sighting.owner", &s.owner) || !in.Varint("sighting.position", &position) ||
        !in.Signed("sighting.seen_at", &s.seen_at) || !in.OptSigned("sighting.listed_at", &s.listed_at))
      return false;
    if (position > UINT32_MAX) return in.Fail("sighting.position", "position beyond 32 bits");
    s.position = static_cast<std::uint32_t>(position);
  }
  return true;
}

void AccountStore::Save(SnapshotWriter& out) const {
  out.Varint(accounts_.size());
  for (std::size_t i = 0; i < accounts_.size(); ++i) {
    const Account& a = accounts_[i];
    SaveAccount(out, a);
    // Whether the username points here: a recycled handle points to the account merged last.
    auto it = a.username.empty() ? by_username_.end() : by_username_.find(a.username);
    out.U8(it != by_username_.end() && it->second == i ? 1 : 0);
  }
}

bool AccountStore::Load(SnapshotReader& in) {
  std::size_t n = 0;
  if (!in.Count("accounts", 4, &n)) return false;
  accounts_.resize(n);
  by_pk_.reserve(n);
  by_username_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    Account& a = accounts_[i];
    bool owns_username = false;
    if (!LoadAccount(in, &a) || !in.Bool("account.owns_username", &owns_username)) return false;
    if (!a.pk && a.username.empty()) return in.Fail("account.username", "an account needs a pk or a username");
    if (a.pk && !by_pk_.emplace(*a.pk, i).second) return in.Fail("account.pk", "two accounts with pk " + std::to_string(*a.pk));
    if (owns_username) {
      if (a.username.empty()) return in.Fail("account.owns_username", "set on an account without a username");
      if (!by_username_.emplace(a.username, i).second) return in.Fail("account.owns_username", "two accounts claim one username");
    }
  }
  return true;
}

}  // namespace swarmlens
