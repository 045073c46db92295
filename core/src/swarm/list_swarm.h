// The swarm state of the lists the engine has seen: per list its incremental analyzer, the
// members waiting for it, its picture clusters and its clusters as last analysed; per account
// the lists it was seen in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "swarmlens/account.h"
#include "swarmlens/avatar_clusters.h"
#include "swarmlens/list_signals.h"

namespace swarmlens {

class AccountStore;
class PictureStore;
struct Picture;
class SnapshotReader;
class SnapshotWriter;

/// Swarm state of one list. Clusters are recomputed lazily (only when a page or picture arrived
/// since the last look), and the analyzers are incremental, so a page costs its own size, not the
/// list's.
class ListSwarm {
 public:
  ListKind list = ListKind::kUnknown;
  std::string owner;

  /// Queues a member for the analyzer (given to it at the next Refresh).
  void Queue(std::uint32_t id, std::uint32_t position, double account_score,
             std::optional<std::int64_t> listed_at = std::nullopt);
  /// Adds picture number `number` of account `id` (`picture`) to the list's picture clusters.
  AvatarAddResult AddPicture(std::uint32_t id, std::uint32_t number, const Picture& picture);
  /// Feeds waiting members to the analyzer and recomputes the clusters; with `defer` (pages are
  /// arriving and the engine tracks updates) a large list waits until ~2% new members or pictures
  /// are queued. Only the picture clusters are remade when no member arrived.
  void Refresh(const AccountStore& accounts, bool defer);
  /// Appends to `out` the members of every cluster that changed since the last call: added,
  /// removed, or at the same index with another `keys[i]` (what badges show of it) or other
  /// members. Members of an unchanged cluster keep their badge, so only these need a look.
  /// `keys` has one entry per cluster. Also refreshes `clustered`.
  void ChangedMembers(const std::vector<std::uint64_t>& keys, std::vector<std::uint32_t>* out);

  bool dirty = false;                       ///< A page or picture arrived since the last Refresh.
  std::vector<Cluster> clusters;            ///< List signals + shared avatars (kSharedAvatar).
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_member;
  std::vector<std::uint32_t> clustered;     ///< Members of any cluster at the last CollectUpdated.

  /// Writes the list: its analyzer's inputs as given, the queue, the picture log and the clusters.
  void Save(SnapshotWriter& out) const;
  /// Reads what Save wrote and rebuilds the analyzer and the picture clusters from their inputs.
  bool Load(SnapshotReader& in, std::size_t accounts, const PictureStore& pictures);

 private:
  struct Pending {
    std::uint32_t id;
    std::uint32_t position;
    double account_score;
    std::optional<std::int64_t> listed_at;  ///< Sighting::listed_at (DYI exports' follow times).
  };
  /// A member as the analyzer received it: the account may change later (a pk learnt, a new
  /// display name), and a loaded case must rebuild the analyzer from what it was given.
  struct Fed {
    std::uint32_t id;
    std::uint32_t position;
    double account_score;
    std::optional<std::int64_t> listed_at;
    std::optional<std::uint64_t> pk;
    std::uint32_t text;            ///< Offset of the username, then the display name, in fed_text_.
    std::uint32_t username_size;
    std::int32_t full_name_size;   ///< -1: no display name shown.
  };
  void Feed(const std::vector<ListMember>& members);
  /// The clusters as the last ChangedMembers call saw them (key and members, by index); not
  /// saved: after a load the first call falls back to `clustered` and every current member.
  struct Reported {
    std::uint64_t key;
    std::vector<std::uint32_t> members;
  };
  std::vector<Reported> reported_;
  bool reported_valid_ = false;
  std::vector<Cluster> list_clusters_;  ///< analyzer_.Clusters() as of the last member fed.
  std::size_t pictures_waiting_ = 0;    ///< Pictures added since the last Refresh.
  /// Re-makes the analyzer's clusters and the member index (Refresh's last step).
  void Recluster();

  ListAnalyzer analyzer_{AccountListOptions()};
  /// Members not yet given to the analyzer: fed in one AddPage at the next Refresh, so a batch of
  /// pages costs one analyzer update (AddPage has a per-call cost that grows with the list).
  std::vector<Pending> pending_;
  std::vector<Fed> fed_;   ///< Only the first time an id was given: the analyzer ignores repeats.
  std::string fed_text_;
  std::vector<bool> fed_ids_;  ///< By id: given to the analyzer already.
  std::unique_ptr<AvatarClusters> avatars_;  ///< Created with the first picture (4 MiB of tables).
  /// Every picture avatars_ accepted, in order (account, picture number in the PictureStore); a
  /// refused one (already added, flat, default, full) changed nothing and is not logged.
  struct LoggedPicture {
    std::uint32_t id;
    std::uint32_t number;
    std::vector<std::uint32_t> joins;  ///< AvatarClusters::last_joins(): a load replays without queries.
  };
  std::vector<LoggedPicture> picture_log_;
};

/// Every list, in first-seen order, and the lists each account was seen in.
class ListSwarms {
 public:
  /// The list of (kind, owner), created when new; *id is its index.
  ListSwarm& StateFor(ListKind list, const std::string& owner, std::uint32_t* id);
  ListSwarm& operator[](std::uint32_t id) { return *lists_[id]; }
  const ListSwarm& operator[](std::uint32_t id) const { return *lists_[id]; }
  std::size_t size() const noexcept { return lists_.size(); }

  /// Makes room for one more account (no lists yet).
  void AddAccount() { account_lists_.emplace_back(); }
  /// The lists an account was seen in, in the order it joined them.
  const std::vector<std::uint32_t>& ListsOf(std::size_t account) const { return account_lists_[account]; }
  /// Records that the account is in list `id`; false when it already was.
  bool Join(std::size_t account, std::uint32_t id);

  void Clear();
  void Save(SnapshotWriter& out) const;
  bool Load(SnapshotReader& in, std::size_t accounts, const PictureStore& pictures);

 private:
  std::vector<std::unique_ptr<ListSwarm>> lists_;  ///< In first-seen order.
  std::map<std::pair<ListKind, std::string>, std::size_t> index_;
  std::vector<std::vector<std::uint32_t>> account_lists_;  ///< Per account: indices into lists_.
};

/// Shared pictures among 3+ members as swarm clusters: two people with one picture (couples,
/// friends) are common; three or more in one list is what swarms do.
void AppendAvatarClusters(const AvatarClusters& avatars, std::string_view noun, std::vector<Cluster>* out);

/// Writes a cluster (every field).
void SaveCluster(SnapshotWriter& out, const Cluster& c);
/// Reads a cluster; member ids must be below `accounts`.
bool LoadCluster(SnapshotReader& in, std::size_t accounts, Cluster* c);
/// Writes / reads a list of account ids.
void SaveIds(SnapshotWriter& out, const std::vector<std::uint32_t>& ids);
bool LoadIds(SnapshotReader& in, const char* field, std::size_t limit, std::vector<std::uint32_t>* ids);
/// Writes / reads one id list per account (the lists or threads each account is in); ids below `limit`.
void SaveIdLists(SnapshotWriter& out, const std::vector<std::vector<std::uint32_t>>& per_account);
bool LoadIdLists(SnapshotReader& in, const char* field, std::size_t accounts, std::size_t limit,
                 std::vector<std::vector<std::uint32_t>>* per_account);

}  // namespace swarmlens
