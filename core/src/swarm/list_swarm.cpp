#include "swarm/list_swarm.h"

#include <algorithm>

#include "accounts/account_store.h"
#include "case/snapshot_codec.h"
#include "images/picture_store.h"
#include "swarmlens/image_hash.h"

namespace swarmlens {

void AppendAvatarClusters(const AvatarClusters& avatars, std::string_view noun, std::vector<Cluster>* out) {
  for (const AvatarCluster& a : avatars.Clusters(3)) {
    Cluster c;
    c.kind = ClusterKind::kSharedAvatar;
    c.members = a.members;
    c.strength = a.strength;
    c.key = PerceptualHashToHex(a.representative);
    c.description = std::to_string(a.members.size()) + " " + std::string(noun) + " use the same profile picture";
    out->push_back(std::move(c));
  }
}

void ListSwarm::Queue(std::uint32_t id, std::uint32_t position, double account_score,
                      std::optional<std::int64_t> listed_at) {
  pending_.push_back({id, position, account_score, listed_at});
  dirty = true;
}

AvatarAddResult ListSwarm::AddPicture(std::uint32_t id, std::uint32_t number, const Picture& picture) {
  if (!avatars_) avatars_ = std::make_unique<AvatarClusters>();
  dirty = true;
  ++pictures_waiting_;
  const AvatarAddResult result = avatars_->Add(id, picture.hash, picture.exact);
  if (result.status == AvatarStatus::kUnique || result.status == AvatarStatus::kClustered)
    picture_log_.push_back({id, number, avatars_->last_joins()});
  return result;
}

void ListSwarm::Feed(const std::vector<ListMember>& members) {
  analyzer_.AddPage(members);
  for (const ListMember& m : members) {
    if (m.id >= fed_ids_.size()) fed_ids_.resize(std::max<std::size_t>(m.id + 1, fed_ids_.size() * 2), false);
    if (fed_ids_[m.id]) continue;  // a repeat: the analyzer ignored it, so does the log
    fed_ids_[m.id] = true;
    Fed f{m.id, m.position, m.account_score, m.listed_at, m.pk, static_cast<std::uint32_t>(fed_text_.size()),
          static_cast<std::uint32_t>(m.username.size()), -1};
    fed_text_ += m.username;
    if (m.full_name) {
      f.full_name_size = static_cast<std::int32_t>(m.full_name->size());
      fed_text_ += *m.full_name;
    }
    fed_.push_back(f);
  }
}

void ListSwarm::Recluster() {
  clusters = list_clusters_;
  if (avatars_) AppendAvatarClusters(*avatars_, "accounts of this list", &clusters);
  by_member = ClustersByMember(clusters);
}

void ListSwarm::Refresh(const AccountStore& accounts, bool defer) {
  if (!dirty) return;
  // Per page (track_updates), re-analyse a large list only once ~2% new members are waiting: the
  // analysis costs ~0.1 ms per 1,000 members, so re-running it for every 50-account page of a
  // 100k list would cost ~5 ms a page. Until then the newest accounts lack their swarm evidence;
  // they come back in `updated` when it arrives. Rankings and cluster lists always force it.
  // Pictures wait the same way on lists of 5,000 members or more: a picture-only refresh skips
  // the list analysis but still remakes the member index of every cluster (about 1 ms at 100k
  // members); on smaller lists a picture shows its cluster at once.
  if (defer) {
    const std::size_t members = analyzer_.size() + pending_.size();
    const std::size_t batch = std::max<std::size_t>(1, members / 50);
    const std::size_t pictures = members >= 5000 ? pictures_waiting_ : (pictures_waiting_ > 0 ? batch : 0);
    if (pending_.size() + pictures < batch) return;
  }
  dirty = false;
  pictures_waiting_ = 0;
  if (!pending_.empty()) {
    // Views into the accounts are made here, used by AddPage (which copies what it keeps) and dropped.
    std::vector<ListMember> members;
    members.reserve(pending_.size());
    for (const Pending& p : pending_) {
      const Account& a = accounts[p.id];
      ListMember m;
      m.id = p.id;
      m.position = p.position;
      m.pk = a.pk;
      m.username = a.username;
      if (a.full_name) m.full_name = std::string_view(*a.full_name);
      m.account_score = p.account_score;
      m.listed_at = p.listed_at;
      members.push_back(m);
    }
    Feed(members);
    pending_.clear();
    list_clusters_ = analyzer_.Clusters();
  }
  Recluster();
}

void ListSwarm::ChangedMembers(const std::vector<std::uint64_t>& keys, std::vector<std::uint32_t>* out) {
  if (!reported_valid_) {
    // After a load: who was clustered at the last report may have left; everyone clustered now.
    out->insert(out->end(), clustered.begin(), clustered.end());
    for (const Cluster& c : clusters) out->insert(out->end(), c.members.begin(), c.members.end());
  } else {
    for (std::size_t i = 0; i < std::max(reported_.size(), clusters.size()); ++i) {
      const bool had = i < reported_.size(), has = i < clusters.size();
      if (had && has && reported_[i].key == keys[i] && reported_[i].members == clusters[i].members) continue;
      if (had) out->insert(out->end(), reported_[i].members.begin(), reported_[i].members.end());
      if (has) out->insert(out->end(), clusters[i].members.begin(), clusters[i].members.end());
    }
  }
  reported_.resize(clusters.size());
  for (std::size_t i = 0; i < clusters.size(); ++i) {
    reported_[i].key = keys[i];
    if (reported_[i].members != clusters[i].members) reported_[i].members = clusters[i].members;
  }
  reported_valid_ = true;
  clustered.clear();
  for (const auto& entry : by_member) clustered.push_back(entry.first);
}

void SaveIds(SnapshotWriter& out, const std::vector<std::uint32_t>& ids) {
  out.Varint(ids.size());
  for (std::uint32_t id : ids) out.Varint(id);
}

bool LoadIds(SnapshotReader& in, const char* field, std::size_t limit, std::vector<std::uint32_t>* ids) {
  std::size_t n = 0;
  if (!in.Count(field, 1, &n)) return false;
  ids->resize(n);
  for (std::uint32_t& id : *ids)
    if (!in.Index(field, limit, &id)) return false;
  return true;
}

void SaveIdLists(SnapshotWriter& out, const std::vector<std::vector<std::uint32_t>>& per_account) {
  out.Varint(per_account.size());
  for (const std::vector<std::uint32_t>& ids : per_account) SaveIds(out, ids);
}

bool LoadIdLists(SnapshotReader& in, const char* field, std::size_t accounts, std::size_t limit,
                 std::vector<std::vector<std::uint32_t>>* per_account) {
  std::size_t n = 0;
  if (!in.Count(field, 1, &n)) return false;
  if (n != accounts) return in.Fail(field, "one entry per account expected");
  per_account->resize(n);
  for (std::vector<std::uint32_t>& ids : *per_account)
    if (!LoadIds(in, field, limit, &ids)) return false;
  return true;
}

void SaveCluster(SnapshotWriter& out, const Cluster& c) {
  out.U8(static_cast<std::uint8_t>(c.kind));
  SaveIds(out, c.members);
  out.F64(c.strength);
  out.F64(c.expected);
  out.Varint(c.low);
  out.Varint(c.high);
  out.F64(c.newer_than);
  out.F64(c.concentration);
  out.Varint(c.matching);
  out.Signed(c.time_low);
  out.Signed(c.time_high);
  out.Str(c.key);
  out.Str(c.description);
}

bool LoadMatching(SnapshotReader& in, std::uint32_t* out) {
  std::uint64_t v = 0;
  if (!in.Varint("cluster.matching", &v)) return false;
  if (v > UINT32_MAX) return in.Fail("cluster.matching", "count beyond 32 bits");
  *out = static_cast<std::uint32_t>(v);
  return true;
}

bool LoadCluster(SnapshotReader& in, std::size_t accounts, Cluster* c) {
  std::uint8_t kind = 0;
  if (!in.U8("cluster.kind", &kind)) return false;
  if (kind >= kClusterKindCount) return in.Fail("cluster.kind", "unknown cluster kind " + std::to_string(kind));
  c->kind = static_cast<ClusterKind>(kind);
  return LoadIds(in, "cluster.members", accounts, &c->members) && in.F64("cluster.strength", &c->strength) &&
         in.F64("cluster.expected", &c->expected) && in.Varint("cluster.low", &c->low) &&
         in.Varint("cluster.high", &c->high) && in.F64("cluster.newer_than", &c->newer_than) &&
         in.F64("cluster.concentration", &c->concentration) && LoadMatching(in, &c->matching) &&
         in.Signed("cluster.time_low", &c->time_low) && in.Signed("cluster.time_high", &c->time_high) &&
         in.Str("cluster.key", &c->key) && in.Str("cluster.description", &c->description);
}

void ListSwarm::Save(SnapshotWriter& out) const {
  out.U8(static_cast<std::uint8_t>(list));
  out.Str(owner);
  out.Varint(fed_.size());
  for (const Fed& f : fed_) {
    out.Varint(f.id);
    out.Varint(f.position);
    out.F64(f.account_score);
    out.OptSigned(f.listed_at);
    out.U8(f.pk ? 1 : 0);
    if (f.pk) out.Varint(*f.pk);
    out.Str(std::string_view(fed_text_).substr(f.text, f.username_size));
    out.U8(f.full_name_size >= 0 ? 1 : 0);
    if (f.full_name_size >= 0)
      out.Str(std::string_view(fed_text_).substr(f.text + f.username_size, static_cast<std::size_t>(f.full_name_size)));
  }
  out.Varint(pending_.size());
  for (const Pending& p : pending_) {
    out.Varint(p.id);
    out.Varint(p.position);
    out.F64(p.account_score);
    out.OptSigned(p.listed_at);
  }
  out.Varint(picture_log_.size());
  for (const LoggedPicture& p : picture_log_) {
    out.Varint(p.id);
    out.Varint(p.number);
    SaveIds(out, p.joins);
  }
  out.U8(dirty ? 1 : 0);
  out.Varint(clusters.size());
  for (const Cluster& c : clusters) SaveCluster(out, c);
  SaveIds(out, clustered);
}

namespace {
bool LoadPosition(SnapshotReader& in, const char* field, std::uint32_t* out) {
  std::uint64_t v = 0;
  if (!in.Varint(field, &v)) return false;
  if (v > UINT32_MAX) return in.Fail(field, "position beyond 32 bits");
  *out = static_cast<std::uint32_t>(v);
  return true;
}
}  // namespace

bool ListSwarm::Load(SnapshotReader& in, std::size_t accounts, const PictureStore& pictures) {
  std::uint8_t kind = 0;
  if (!in.U8("list.kind", &kind)) return false;
  if (kind > static_cast<std::uint8_t>(ListKind::kNotifications)) return in.Fail("list.kind", "unknown list kind");
  list = static_cast<ListKind>(kind);
  if (!in.Str("list.owner", &owner)) return false;
  std::size_t n = 0;
  if (!in.Count("list.fed", 13, &n)) return false;
  // The analyzer is rebuilt from exactly what it was given, in one page (AddPage's result does
  // not depend on how members were split into pages).
  std::vector<ListMember> members(n);
  std::vector<std::string> names(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    ListMember& m = members[i];
    bool has_pk = false, has_name = false;
    if (!in.Index("list.fed.id", accounts, &m.id) || !LoadPosition(in, "list.fed.position", &m.position) ||
        !in.F64("list.fed.score", &m.account_score) || !in.OptSigned("list.fed.listed_at", &m.listed_at) ||
        !in.Bool("list.fed.has_pk", &has_pk))
      return false;
    if (has_pk) {
      std::uint64_t pk = 0;
      if (!in.Varint("list.fed.pk", &pk)) return false;
      m.pk = pk;
    }
    if (!in.Str("list.fed.username", &names[2 * i]) || !in.Bool("list.fed.has_full_name", &has_name)) return false;
    if (has_name && !in.Str("list.fed.full_name", &names[2 * i + 1])) return false;
    m.username = names[2 * i];
    if (has_name) m.full_name = std::string_view(names[2 * i + 1]);
  }
  Feed(members);
  list_clusters_ = analyzer_.Clusters();
  if (!in.Count("list.pending", 10, &n)) return false;
  pending_.resize(n);
  for (Pending& p : pending_) {
    if (!in.Index("list.pending.id", accounts, &p.id) || !LoadPosition(in, "list.pending.position", &p.position) ||
        !in.F64("list.pending.score", &p.account_score) || !in.OptSigned("list.pending.listed_at", &p.listed_at))
      return false;
  }
  if (!in.Count("list.pictures", 3, &n)) return false;
  for (std::size_t i = 0; i < n; ++i) {
    LoggedPicture p;
    if (!in.Index("list.pictures.account", accounts, &p.id)) return false;
    if (!in.Index("list.pictures.number", pictures.CountOf(p.id), &p.number)) return false;
    if (!LoadIds(in, "list.pictures.joins", i, &p.joins)) return false;
    // The clusters are rebuilt from the matches the first Add found: no index queries.
    if (!avatars_) avatars_ = std::make_unique<AvatarClusters>();
    const Picture& picture = pictures.At(p.id, p.number);
    const AvatarAddResult r = avatars_->AddJoined(p.id, picture.hash, picture.exact, p.joins);
    if (r.status != AvatarStatus::kUnique && r.status != AvatarStatus::kClustered)
      return in.Fail("list.pictures", "a picture the list cannot have accepted (repeated account or too many)");
    picture_log_.push_back(std::move(p));
  }
  if (!in.Bool("list.dirty", &dirty)) return false;
  if (!in.Count("list.clusters", 30, &n)) return false;
  clusters.resize(n);
  for (Cluster& c : clusters)
    if (!LoadCluster(in, accounts, &c)) return false;
  by_member = ClustersByMember(clusters);
  return LoadIds(in, "list.clustered", accounts, &clustered);
}

ListSwarm& ListSwarms::StateFor(ListKind list, const std::string& owner, std::uint32_t* id) {
  auto key = std::make_pair(list, owner);
  auto it = index_.find(key);
  if (it != index_.end()) {
    *id = static_cast<std::uint32_t>(it->second);
    return *lists_[it->second];
  }
  auto state = std::make_unique<ListSwarm>();
  state->list = list;
  state->owner = owner;
  *id = static_cast<std::uint32_t>(lists_.size());
  index_.emplace(std::move(key), lists_.size());
  lists_.push_back(std::move(state));
  return *lists_.back();
}

bool ListSwarms::Join(std::size_t account, std::uint32_t id) {
  std::vector<std::uint32_t>& lists = account_lists_[account];
  if (std::find(lists.begin(), lists.end(), id) != lists.end()) return false;
  lists.push_back(id);
  return true;
}

void ListSwarms::Clear() {
  lists_.clear();
  index_.clear();
  account_lists_.clear();
}

void ListSwarms::Save(SnapshotWriter& out) const {
  out.Varint(lists_.size());
  for (const auto& list : lists_) list->Save(out);
  SaveIdLists(out, account_lists_);
}

bool ListSwarms::Load(SnapshotReader& in, std::size_t accounts, const PictureStore& pictures) {
  std::size_t n = 0;
  if (!in.Count("lists", 8, &n)) return false;
  for (std::size_t i = 0; i < n; ++i) {
    auto state = std::make_unique<ListSwarm>();
    if (!state->Load(in, accounts, pictures)) return false;
    if (!index_.emplace(std::make_pair(state->list, state->owner), i).second)
      return in.Fail("list.owner", "the same list twice");
    lists_.push_back(std::move(state));
  }
  return LoadIdLists(in, "account_lists", accounts, lists_.size(), &account_lists_);
}

}  // namespace swarmlens
