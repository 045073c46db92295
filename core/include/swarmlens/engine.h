// The engine: accounts accumulated across pages and files, merged by pk / username, scored, and
// analysed per list (the followers of one profile, ...) for swarms: creation cohorts, follow
// bursts, username / display-name templates and shared profile pictures.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "swarmlens/account.h"
#include "swarmlens/avatar_clusters.h"
#include "swarmlens/campaigns.h"
#include "swarmlens/comment_model.h"
#include "swarmlens/comments.h"
#include "swarmlens/direct.h"
#include "swarmlens/threats.h"
#include "swarmlens/error.h"
#include "swarmlens/image_hash.h"
#include "swarmlens/ingest.h"
#include "swarmlens/list_signals.h"
#include "swarmlens/score.h"
#include "swarmlens/sha256.h"

namespace swarmlens {

/// An account with its current score (account model plus swarm evidence).
struct ScoredAccount {
  const Account* account = nullptr;  ///< Owned by the Engine; valid until the next Ingest.
  std::size_t index = 0;             ///< Engine index of the account.
  Score score;
};

/// What one Ingest call did.
struct IngestSummary {
  PayloadShape shape = PayloadShape::kFriendshipsV1;
  ListKind list = ListKind::kUnknown;
  std::vector<std::size_t> accounts;      ///< Engine indices of the page's accounts, in page order.
  std::size_t new_accounts = 0;           ///< How many were not known before.
  std::optional<std::string> next_cursor;
  /// Accounts outside the page whose score, level or swarm reasons changed because the page changed the swarm
  /// clusters of their list (e.g. a cohort grew): the extension re-badges them. Sizes of clusters
  /// over 100 members are compared in classes ~4% apart, so such a member's "one of N" text may
  /// lag its cluster's exact size by less than that (the clusters always carry the exact size).
  std::vector<std::size_t> updated;
};

/// What one AddAvatar call did.
struct AvatarSummary {
  AvatarAddResult result;            ///< In the account's last list (the status is the same in every list).
  std::vector<std::size_t> updated;  ///< Accounts whose score or level changed (the account included).
};

/// What one IngestComments call did.
struct CommentSummary {
  CommentShape shape = CommentShape::kRestV1;
  std::vector<std::size_t> comments;  ///< Engine comment indices of the page, in page order.
  std::size_t new_comments = 0;
  std::optional<std::string> next_cursor;
};

/// A comment with everything the engine says about it.
struct ScoredComment {
  const Comment* comment = nullptr;  ///< Owned by the Engine; valid until the next ingest.
  std::optional<std::size_t> author; ///< Engine index of the author account (nullopt: no author shown).
  Score author_score;                ///< The author's score (account model + swarm evidence).
  ThreatResult threat;               ///< Threat lexicon matches (spans into comment->text).
  HarassmentResult harassment;       ///< Offensive-language model.
  std::vector<CampaignReason> campaign;  ///< Copy-paste / burst campaigns this comment is part of.
};

/// A swarm cluster of one list; member ids are engine indices. The list is the followers /
/// following of `owner`, or, when `post` is set, the distinct commenters of that post's thread
/// (in order of their first comment; `list` is then kUnknown; the post id may be empty when the
/// payload named none).
struct ListCluster {
  ListKind list = ListKind::kUnknown;
  std::string owner;
  Cluster cluster;
  std::optional<std::string> post;  ///< Set: a cluster of the commenters of this post.
};

class ListSwarm;
struct CommentThread;

/// One payload the engine ingested: the evidence that a kept copy is the one received.
struct PayloadRecord {
  Sha256Digest sha256{};         ///< SHA-256 of the bytes as given to Ingest / IngestComments.
  std::string source;            ///< SourceInfo::name (file name, URL); attacker-influenced text.
  std::int64_t captured_at = 0;  ///< SourceInfo::seen_at of the first capture: Unix seconds (UTC); 0 = unknown.
  std::int64_t last_captured_at = 0;  ///< SourceInfo::seen_at of the latest capture of the same bytes.
  std::uint32_t times = 1;       ///< How often these exact bytes were ingested (a page re-sent is one record).
  std::uint64_t size = 0;        ///< Bytes.
  bool comments = false;         ///< Ingested by IngestComments (else Ingest).
};

/// What a loaded snapshot held.
struct SnapshotInfo {
  std::uint32_t version = 0;  ///< Format version of the snapshot.
  std::size_t accounts = 0;
  std::size_t lists = 0;
  std::size_t comments = 0;
  std::size_t threads = 0;
};

/// Hashes usernames with XXH3 (fast on short keys).
struct UsernameHash {
  std::size_t operator()(const std::string& s) const noexcept;
};

/// Holds every account seen so far. On an error the engine's state is unchanged.
///
/// Memory: per account its record (~300 bytes + strings); per list a ListAnalyzer (~110 bytes
/// per member, docs/swarm-detection.md) and, once a picture is added, AvatarClusters (4 MiB of
/// index tables + ~290 bytes per picture, capped at 100,000 pictures per list). Per comment
/// thread: ~60 bytes per distinct commenter plus its clusters; a thread's picture index (4 MiB)
/// exists only while its clusters are recomputed. For the case file (Save / Load) each list also
/// keeps what its analyzer was given (~40 bytes per member plus username and display name) and
/// each thread what its campaign analyzer was given (~90 bytes per comment): docs/case-file.md.
class Engine {
 public:
  Engine();
  ~Engine();
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;

  /// Parses a payload and merges its accounts (by pk, else by username); list pages also feed
  /// the swarm analysis of their list (SourceInfo list + owner).
  Result<IngestSummary> Ingest(std::string_view json, const SourceInfo& source = {});

  /// Records an account's profile picture: its perceptual hash (ComputePerceptualHash of the
  /// decoded image) and, when known, the exact hash of the image bytes. `account` is an engine
  /// index. The picture joins the avatar clusters of every list the account was seen in.
  /// Errors: kInvalidArgument for an unknown index.
  Result<AvatarSummary> AddAvatar(std::size_t account, const PerceptualHash& hash,
                                  std::optional<std::uint64_t> exact = std::nullopt);

  /// Runs the swarm analysis that Ingest deferred (large lists, track_updates on) and returns the
  /// accounts whose score, level or swarm reasons changed since they were last reported. The
  /// extension calls it when pages stop arriving, so the last pages get their evidence too.
  std::vector<std::size_t> Flush();

  /// Parses a comment payload (REST or GraphQL comments, replies, or a post's HTML with the first
  /// page embedded as <script type="application/json">) and stores its comments under their post
  /// (`post`, else the payload's media id); the authors are merged into the accounts. A comment
  /// id seen before is updated, not duplicated. On an error nothing changes. The distinct
  /// commenters of each post form a list too: the swarm analysis (cohorts, bursts, username
  /// templates, display names, shared pictures from AddAvatar) runs over them in order of their
  /// first comment (time when known, else arrival), and its clusters add evidence to their scores.
  /// Facebook authors (GraphQL shapes) join without their id: Facebook ids are not ordered by
  /// creation the way Instagram pks are, so no cohort is looked for. A text of none of the
  /// comment shapes may be a direct-message payload (ParseDirectPage): its messages are stored
  /// the same way, each conversation a thread ("direct:<thread_id>"; every message request in one,
  /// "direct:requests", so that one text sent as many requests is a campaign and their senders
  /// are analysed together), its senders merged into the accounts.
  Result<CommentSummary> IngestComments(std::string_view text, const SourceInfo& source = {},
                                        std::string_view post = {});

  /// Comments stored so far.
  std::size_t comment_count() const noexcept;
  /// Scores one stored comment: author, threats, harassment, campaigns of its thread.
  ScoredComment ScoreComment(std::size_t index) const;
  /// Every stored comment scored, in ingest order.
  std::vector<ScoredComment> Comments() const;
  /// Every campaign of every thread, with the post id.
  std::vector<std::pair<std::string, Campaign>> Campaigns() const;

  /// Engine index of a username (exact, as stored), if known.
  std::optional<std::size_t> Find(std::string_view username) const;

  /// Accounts known so far.
  std::size_t size() const noexcept;
  /// The account with engine index `index` (precondition: index < size()).
  const Account& account(std::size_t index) const;

  /// Scores one account by engine index: the account model plus the evidence of the swarm
  /// clusters it belongs to (CombineEvidence), with the level recomputed. With track_updates on,
  /// the clusters of a large list are refreshed every ~2% of new members, so an account of the
  /// newest pages may lack its swarm evidence until then (it is then reported in `updated`).
  Score ScoreAt(std::size_t index) const;
  /// Every account scored, highest score first (ties: username).
  std::vector<ScoredAccount> Ranked() const;
  /// Every swarm cluster of every list, lists in first-seen order, then by kind and strength;
  /// then the clusters of every comment thread's commenters, threads in first-seen order.
  /// `refresh` = false returns the clusters as last analysed (what the badges reflect; with
  /// track_updates, a large list's newest pages may not be in them yet: see Flush).
  std::vector<ListCluster> Clusters(bool refresh = true) const;

  /// Whether Ingest and AddAvatar fill `updated` (default on: the extension re-badges those
  /// accounts). Finding them re-runs the swarm analysis of the touched list after every page
  /// (~1-6 ms per page on a 10k-100k list); batch users (the CLI) turn it off and get the
  /// clusters once, when they ask for scores.
  void set_track_updates(bool on) noexcept { track_updates_ = on; }

  /// Forgets everything.
  void Clear();

  /// The whole state as a case-file snapshot (docs/case-file.md): versioned, checksummed
  /// (XXH3-64), everything needed to give the same Ranked / Clusters / Comments and the same
  /// `updated` lists after further pages. Deterministic: the same state gives the same bytes.
  std::vector<std::uint8_t> Save() const;

  /// Replaces the state with a snapshot written by Save. A snapshot of another format version
  /// (kUnsupportedVersion), a damaged one (kCorrupt: checksum or an impossible value, with the
  /// field and byte offset) or a cut one (kTruncated) is refused and the state is unchanged.
  /// `source` names the snapshot in errors. track_updates is a setting, not state: it is kept.
  Result<SnapshotInfo> Load(std::span<const std::uint8_t> snapshot, std::string_view source = {});

  /// Keeps a caller's note in the case (saved and loaded with it; Clear forgets it), e.g. where
  /// the CLI's list positions continue. Keys and values are any bytes.
  void SetNote(std::string_view key, std::string_view value);
  /// The note set under `key`, if any.
  std::optional<std::string> Note(std::string_view key) const;

  /// Marks accounts as known to the person (friends, colleagues): `key` is a username as stored
  /// or '#' + the decimal pk, and applies to accounts seen later too. A known account is never
  /// shown above `low` (reason "allowlisted") and is left out of the clusters' member lists
  /// (Clusters): the swarms are still found with it, it is just not counted as one of them. Kept
  /// in the case file.
  void Allow(std::string_view key);
  /// Takes a key off the allowlist.
  void Disallow(std::string_view key);
  /// Whether the account with engine index `index` is on the allowlist.
  bool IsKnown(std::size_t index) const;
  /// The allowlist's keys, sorted.
  std::vector<std::string> Allowlist() const;

  /// Every payload ingested successfully, in order (a refused payload changes nothing and is
  /// not recorded).
  const std::vector<PayloadRecord>& Payloads() const;
  /// Indices into Payloads() of the payloads account `index` was seen in, in order.
  const std::vector<std::uint32_t>& PayloadsOfAccount(std::size_t index) const;
  /// The payload that delivered the stored copy of comment `index`.
  std::optional<std::uint32_t> PayloadOfComment(std::size_t index) const;

 private:
  struct State;  ///< The units the engine composes (accounts, pictures, lists, comments, reports).
  /// Feeds waiting members to the list's analyzer and recomputes its clusters; `force` = false
  /// may defer that on large lists while pages arrive (see ListSwarm::Refresh).
  void Refresh(ListSwarm& list, bool force) const;
  std::uint64_t EvidenceSignature(std::size_t index) const;
  /// ScoreAt before the allowlist.
  Score ScoreWithEvidence(std::size_t index) const;
  /// Refreshes the given lists and returns the accounts among their clustered members (before and
  /// after) whose reported score changed, skipping `exclude`; updates the reported scores.
  std::vector<std::size_t> CollectUpdated(const std::vector<ListSwarm*>& lists, const std::vector<std::size_t>& exclude);
  /// Merges one parsed account into the store (by pk, else username); returns its index.
  std::size_t MergeRecord(Account&& incoming, bool* is_new);
  /// Gives a thread's new comments to its campaign analyzer.
  void RefreshThread(CommentThread& thread) const;
  /// Recomputes the swarm clusters over a thread's commenters when they changed.
  void RefreshThreadSwarm(CommentThread& thread) const;

  std::unique_ptr<State> state_;
  LevelThresholds thresholds_;
  bool track_updates_ = true;
};

}  // namespace swarmlens
