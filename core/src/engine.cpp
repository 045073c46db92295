#include "swarmlens/engine.h"

#include "swarmlens/text_normalize.h"

#include <algorithm>
#include <cmath>

#include <xxhash.h>

namespace swarmlens {

std::size_t UsernameHash::operator()(const std::string& s) const noexcept {
  return static_cast<std::size_t>(XXH3_64bits(s.data(), s.size()));
}

/// Swarm state of one list. Clusters are recomputed lazily (only when a page or picture arrived
/// since the last look), and the analyzers are incremental, so a page costs its own size, not the
/// list's.
struct Engine::ListState {
  ListKind list = ListKind::kUnknown;
  std::string owner;
  ListAnalyzer analyzer{AccountListOptions()};
  /// Members not yet given to the analyzer: fed in one AddPage at the next Refresh, so a batch of
  /// pages costs one analyzer update (AddPage has a per-call cost that grows with the list).
  struct Pending {
    std::uint32_t id;
    std::uint32_t position;
    double account_score;
    std::optional<std::int64_t> listed_at;  ///< Sighting::listed_at (DYI exports' follow times).
  };
  std::vector<Pending> pending;
  std::unique_ptr<AvatarClusters> avatars;  ///< Created with the first picture (4 MiB of tables).
  bool dirty = false;
  std::vector<Cluster> clusters;            ///< List signals + shared avatars (kSharedAvatar).
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> by_member;
  std::vector<std::uint32_t> clustered;     ///< Members of any cluster at the last refresh.
};

namespace {
// What a badge shows of a score: the score, the level and the swarm reasons' texts. A change in
// any of them (a cluster grew from 3 to 4) makes the account "updated".
std::uint64_t Fingerprint(const Score& s) {
  XXH3_state_t state;
  XXH3_64bits_reset(&state);
  const auto level = static_cast<std::uint8_t>(s.level);
  XXH3_64bits_update(&state, &s.score, sizeof s.score);
  XXH3_64bits_update(&state, &level, sizeof level);
  for (const ListReason& r : s.list_reasons) XXH3_64bits_update(&state, r.text.data(), r.text.size() + 1);
  return XXH3_64bits_digest(&state);
}

// Size as badges compare it: exact up to 100 members (re-reporting a small cluster is cheap), then
// 16 classes per doubling (~4% apart), so a large cluster growing by one member does not re-report
// all its members every page; a badge's "one of N" then lags the exact size by less than 4% (the
// cluster summary always has the exact size).
std::int64_t SizeClass(std::size_t size) {
  if (size <= 100) return static_cast<std::int64_t>(size);
  return 1000 + static_cast<std::int64_t>(std::floor(16.0 * std::log2(static_cast<double>(size))));
}

}  // namespace

/// What the clusters of one account's lists say about it, coarsely: kind, size class and the
/// log-odds bonus (0.05 steps; it saturates at its cap, unlike the strength, which grows with
/// every page) of each cluster it belongs to. Only accounts whose signature changed
/// are re-scored after a page.
std::uint64_t Engine::EvidenceSignature(std::size_t index) const {
  std::uint64_t sig = 0x9e3779b97f4a7c15ULL;
  const auto id = static_cast<std::uint32_t>(index);
  for (std::uint32_t list_id : account_lists_[index]) {
    const ListState& state = *lists_[list_id];
    auto it = state.by_member.find(id);
    if (it == state.by_member.end()) continue;
    for (std::uint32_t c : it->second) {
      const Cluster& cluster = state.clusters[c];
      const auto k = static_cast<std::size_t>(cluster.kind);
      const EvidenceWeights weights;
      const double bonus = k < kClusterKindCount ? std::min(weights.cap[k], weights.per_strength[k] * cluster.strength) : 0;
      const std::int64_t parts[3] = {static_cast<std::int64_t>(cluster.kind), SizeClass(cluster.members.size()),
                                     static_cast<std::int64_t>(std::llround(bonus * 20))};
      sig = XXH3_64bits_withSeed(parts, sizeof parts, sig);
    }
  }
  return sig;
}

/// The comments of one post: a campaign analyzer over them, and the swarm analysis over its
/// distinct commenters, both refreshed lazily.
struct Engine::Thread {
  std::string post;
  ThreadAnalyzer analyzer;
  std::vector<std::size_t> pending;  ///< Comment indices not yet given to the analyzer.
  bool dirty = false;
  std::vector<Campaign> campaigns;
  std::unordered_map<std::string, std::vector<CampaignReason>> by_comment;

  /// One distinct commenter; the list order is (first comment time, arrival), times unknown last.
  struct Commenter {
    std::uint32_t account;
    std::int64_t first_time;  ///< INT64_MAX when no comment of theirs showed a time.
    std::uint64_t first_seen;
  };
  std::vector<Commenter> commenters;
  std::unordered_map<std::uint32_t, std::size_t> commenter_index;
  bool facebook = false;  ///< Fed by Facebook GraphQL pages: author ids are not creation-ordered.
  bool swarm_dirty = false;
  std::vector<Cluster> swarm;  ///< List signals + shared pictures over the commenters.
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> swarm_by_member;
};

namespace {
// The sentence on a commenter of a thread cluster (the list analysis words its own for followers).
std::string CommenterReasonText(const Cluster& c) {
  const std::size_t others = c.members.empty() ? 0 : c.members.size() - 1;
  const std::string n = std::to_string(others);
  switch (c.kind) {
    case ClusterKind::kCohort: {
      std::string s = "created within the same narrow id range as " + n + " other commenters on this post (same id band)";
      if (c.newer_than >= 0.9) {
        s += ", newer than " + std::to_string(static_cast<int>(std::lround(100 * c.newer_than))) + "% of the rest";
      }
      return s;
    }
    case ClusterKind::kBurst:
      return "commented in a burst of " + std::to_string(c.members.size()) + " commenters (commenters " +
             std::to_string(c.low + 1) + " to " + std::to_string(c.high + 1) +
             " in order of first comment) where new or suspicious commenters concentrate";
    case ClusterKind::kUsernameTemplate:
      return "username follows the pattern " + c.key + ", like " + n + " other commenters on this post";
    case ClusterKind::kDisplayName:
      return "uses the same display name as " + n + " other commenters on this post";
    case ClusterKind::kSharedAvatar:
      return "one of " + std::to_string(others + 1) + " commenters on this post using the same profile picture";
  }
  return {};
}

// Shared pictures among 3+ members as swarm clusters: two people with one picture (couples,
// friends) are common; three or more in one list is what swarms do.
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
}  // namespace

Engine::Engine() = default;
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

Engine::ListState& Engine::StateFor(ListKind list, const std::string& owner) {
  auto key = std::make_pair(list, owner);
  auto it = list_index_.find(key);
  if (it != list_index_.end()) return *lists_[it->second];
  auto state = std::make_unique<ListState>();
  state->list = list;
  state->owner = owner;
  list_index_.emplace(std::move(key), lists_.size());
  lists_.push_back(std::move(state));
  return *lists_.back();
}

void Engine::Refresh(ListState& state, bool force) const {
  if (!state.dirty) return;
  // Per page (track_updates), re-analyse a large list only once ~2% new members are waiting: the
  // analysis costs ~0.1 ms per 1,000 members, so re-running it for every 50-account page of a
  // 100k list would cost ~5 ms a page. Until then the newest accounts lack their swarm evidence;
  // they come back in `updated` when it arrives. Rankings and cluster lists always force it.
  if (!force && track_updates_ && !state.pending.empty()) {
    const std::size_t batch = std::max<std::size_t>(1, (state.analyzer.size() + state.pending.size()) / 50);
    if (state.pending.size() < batch) return;
  }
  state.dirty = false;
  if (!state.pending.empty()) {
    // Views into accounts_ are made here, used by AddPage (which copies what it keeps) and dropped.
    std::vector<ListMember> members;
    members.reserve(state.pending.size());
    for (const ListState::Pending& p : state.pending) {
      const Account& a = accounts_[p.id];
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
    state.analyzer.AddPage(members);
    state.pending.clear();
  }
  state.clusters = state.analyzer.Clusters();
  if (state.avatars) AppendAvatarClusters(*state.avatars, "accounts of this list", &state.clusters);
  state.by_member = ClustersByMember(state.clusters);
}

std::size_t Engine::MergeRecord(Account&& incoming, bool* is_new) {
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
    account_lists_.emplace_back();
    account_threads_.emplace_back();
    reported_.push_back(0);
    evidence_.push_back(0);
  }
  *is_new = !found;
  const Account& stored = accounts_[index];
  if (stored.pk) by_pk_[*stored.pk] = index;
  if (!stored.username.empty()) by_username_[stored.username] = index;
  return index;
}

Result<IngestSummary> Engine::Ingest(std::string_view json, const SourceInfo& source) {
  // Parse first: on any error nothing below runs, so the engine's state is unchanged.
  Result<Page> parsed = ParseFollowerPage(json, source);
  if (!parsed) return parsed.error();
  Page& page = parsed.value();

  IngestSummary summary;
  summary.shape = page.shape;
  summary.list = page.list;
  summary.next_cursor = std::move(page.next_cursor);
  summary.accounts.reserve(page.accounts.size());

  std::vector<std::pair<std::size_t, std::vector<Sighting>>> page_sightings;

  for (Account& incoming : page.accounts) {
    const std::vector<Sighting> sightings = incoming.sightings;
    bool is_new = false;
    const std::size_t index = MergeRecord(std::move(incoming), &is_new);
    summary.new_accounts += is_new;
    summary.accounts.push_back(index);
    page_sightings.emplace_back(index, sightings);
  }

  // Queue the page's members on their lists (analysed at the next Refresh).
  std::vector<ListState*> touched;
  for (const auto& [index, sightings] : page_sightings) {
    double account_score = -1;
    for (const Sighting& s : sightings) {
      ListState& state = StateFor(s.list, s.owner);
      const auto list_id = static_cast<std::uint32_t>(list_index_.at({s.list, s.owner}));
      auto& lists = account_lists_[index];
      if (std::find(lists.begin(), lists.end(), list_id) == lists.end()) {
        lists.push_back(list_id);
        if (auto avatar = avatars_.find(index); avatar != avatars_.end()) {
          if (!state.avatars) state.avatars = std::make_unique<AvatarClusters>();
          state.avatars->Add(static_cast<std::uint32_t>(index), avatar->second.first, avatar->second.second);
        }
      }
      if (account_score < 0) account_score = ScoreAccount(accounts_[index], thresholds_).score;
      state.pending.push_back({static_cast<std::uint32_t>(index), s.position, account_score, s.listed_at});
      state.dirty = true;
      if (std::find(touched.begin(), touched.end(), &state) == touched.end()) touched.push_back(&state);
    }
  }
  if (track_updates_) {
    for (std::size_t index : summary.accounts) {
      reported_[index] = Fingerprint(ScoreAt(index));
      evidence_[index] = EvidenceSignature(index);
    }
    summary.updated = CollectUpdated(touched, summary.accounts);
  }
  return summary;
}

std::vector<std::size_t> Engine::CollectUpdated(const std::vector<ListState*>& lists,
                                                const std::vector<std::size_t>& exclude) {
  std::vector<std::uint32_t> candidates;
  for (ListState* state : lists) {
    Refresh(*state, /*force=*/false);
    if (state->dirty) continue;  // analysis deferred: no cluster changed yet
    candidates.insert(candidates.end(), state->clustered.begin(), state->clustered.end());  // may have left
    state->clustered.clear();
    for (const auto& entry : state->by_member) state->clustered.push_back(entry.first);
    candidates.insert(candidates.end(), state->clustered.begin(), state->clustered.end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::size_t> updated;
  for (std::uint32_t id : candidates) {
    if (std::find(exclude.begin(), exclude.end(), id) != exclude.end()) continue;
    const std::uint64_t sig = EvidenceSignature(id);
    if (sig == evidence_[id]) continue;  // its clusters did not change in a way a badge shows
    evidence_[id] = sig;
    const std::uint64_t now = Fingerprint(ScoreAt(id));
    if (now != reported_[id]) {
      reported_[id] = now;
      updated.push_back(id);
    }
  }
  return updated;
}

Result<AvatarSummary> Engine::AddAvatar(std::size_t account, const PerceptualHash& hash,
                                        std::optional<std::uint64_t> exact) {
  if (account >= accounts_.size()) {
    return Error{ErrorCode::kInvalidArgument, "", 0, "no account with index " + std::to_string(account)};
  }
  avatars_.try_emplace(account, hash, exact);  // the first picture stays, as in AvatarClusters
  AvatarSummary summary;
  std::vector<ListState*> touched;
  for (std::uint32_t list_id : account_lists_[account]) {
    ListState& state = *lists_[list_id];
    if (!state.avatars) state.avatars = std::make_unique<AvatarClusters>();
    summary.result = state.avatars->Add(static_cast<std::uint32_t>(account), hash, exact);
    state.dirty = true;
    touched.push_back(&state);
  }
  for (std::uint32_t thread : account_threads_[account]) threads_[thread]->swarm_dirty = true;
  if (track_updates_) summary.updated = CollectUpdated(touched, {});
  return summary;
}

std::vector<std::size_t> Engine::Flush() {
  std::vector<ListState*> touched;
  for (const auto& state : lists_) {
    if (!state->dirty) continue;
    Refresh(*state, /*force=*/true);
    touched.push_back(state.get());
  }
  if (!track_updates_ || touched.empty()) return {};
  return CollectUpdated(touched, {});
}

Engine::Thread& Engine::ThreadFor(const std::string& post) {
  auto it = thread_by_post_.find(post);
  if (it != thread_by_post_.end()) return *threads_[it->second];
  auto thread = std::make_unique<Thread>();
  thread->post = post;
  thread_by_post_.emplace(post, threads_.size());
  threads_.push_back(std::move(thread));
  return *threads_.back();
}

void Engine::RefreshThread(Thread& thread) const {
  if (!thread.dirty) return;
  thread.dirty = false;
  std::vector<std::string> authors;  // keys outlive the refs below
  authors.reserve(thread.pending.size());
  std::vector<CommentRef> refs;
  refs.reserve(thread.pending.size());
  for (std::size_t index : thread.pending) {
    const std::optional<std::size_t>& author = comment_author_[index];
    const Account* a = author ? &accounts_[*author] : nullptr;
    authors.push_back(a == nullptr ? std::string() : a->pk ? std::to_string(*a->pk) : a->username);
  }
  for (std::size_t i = 0; i < thread.pending.size(); ++i) {
    const std::size_t index = thread.pending[i];
    const Comment& c = comments_[index];
    const std::optional<std::size_t>& author = comment_author_[index];
    CommentRef ref;
    ref.id = c.id;
    ref.author = authors[i];
    ref.text = c.text;
    ref.created_at = c.created_at;
    if (author) {
      const Score score = ScoreAt(*author);
      ref.author_score = score.score;
      ref.author_new = accounts_[*author].is_joined_recently.value_or(false) ||
                       std::any_of(score.list_reasons.begin(), score.list_reasons.end(),
                                   [](const ListReason& r) { return r.code == "swarm_cohort"; });
    }
    refs.push_back(ref);
  }
  thread.analyzer.AddComments(refs);
  thread.pending.clear();
  thread.campaigns = thread.analyzer.Clusters();
  thread.by_comment = CampaignReasonsByComment(thread.campaigns);
}

void Engine::AddCommenter(Thread& thread, std::size_t thread_index, std::size_t account,
                          std::optional<std::int64_t> time) {
  const auto id = static_cast<std::uint32_t>(account);
  const std::int64_t when = time.value_or(INT64_MAX);
  const std::uint64_t seen = comment_sequence_++;
  auto it = thread.commenter_index.find(id);
  if (it == thread.commenter_index.end()) {
    thread.commenter_index.emplace(id, thread.commenters.size());
    thread.commenters.push_back({id, when, seen});
    account_threads_[account].push_back(static_cast<std::uint32_t>(thread_index));
    thread.swarm_dirty = true;
  } else if (when < thread.commenters[it->second].first_time) {
    thread.commenters[it->second].first_time = when;  // an older page arrived later
    thread.swarm_dirty = true;
  }
}

void Engine::RefreshThreadSwarm(Thread& thread) const {
  if (!thread.swarm_dirty) return;
  thread.swarm_dirty = false;
  // Recomputed as a whole (AnalyzeList): older comments arriving later reorder the commenters,
  // and a thread's commenters are few next to a follower list.
  std::vector<Thread::Commenter> order = thread.commenters;
  std::sort(order.begin(), order.end(), [](const Thread::Commenter& a, const Thread::Commenter& b) {
    return a.first_time != b.first_time ? a.first_time < b.first_time : a.first_seen < b.first_seen;
  });
  std::vector<ListMember> members;
  members.reserve(order.size());
  std::size_t pictures = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Account& a = accounts_[order[i].account];
    ListMember m;
    m.id = order[i].account;
    m.position = static_cast<std::uint32_t>(i);
    if (!thread.facebook) m.pk = a.pk;
    m.username = a.username;
    if (a.full_name) m.full_name = std::string_view(*a.full_name);
    m.account_score = ScoreAccount(a, thresholds_).score;
    members.push_back(m);
    pictures += avatars_.count(order[i].account);
  }
  ListSignalOptions options = AccountListOptions();
  options.position_noun = "commenters (in order of first comment)";
  thread.swarm = AnalyzeList(members, options);
  if (pictures >= 3) {
    // Built for this refresh only: the index tables (4 MiB) are not kept per thread.
    AvatarClusters avatars;
    for (const Thread::Commenter& c : order) {
      if (auto it = avatars_.find(c.account); it != avatars_.end()) avatars.Add(c.account, it->second.first, it->second.second);
    }
    AppendAvatarClusters(avatars, "commenters on this post", &thread.swarm);
  }
  thread.swarm_by_member = ClustersByMember(thread.swarm);
}

Result<CommentSummary> Engine::IngestComments(std::string_view text, const SourceInfo& source, std::string_view post) {
  // A post's HTML carries its first page in a script tag; anything else is a JSON payload.
  std::size_t first = 0;
  while (first < text.size() && (text[first] == ' ' || text[first] == '\n' || text[first] == '\r' ||
                                 text[first] == '\t'))
    ++first;
  const bool html = first < text.size() && text[first] == '<';
  Result<CommentPage> parsed =
      html ? ParseCommentPageFromHtml(text, source, post) : ParseCommentPage(text, source, post);
  if (!parsed && !html && parsed.error().code == ErrorCode::kUnknownShape) {
    // Direct messages (inbox, message requests, one conversation) are stored like comments.
    Result<DirectPage> direct = ParseDirectPage(text, source);
    if (direct) {
      parsed = std::move(direct.value().messages);
    } else if (direct.error().code != ErrorCode::kUnknownShape) {
      return direct.error();
    } else {
      Error e = parsed.error();
      e.message += "; no direct inbox (\"inbox.threads\") or thread (\"thread\") either";
      return e;
    }
  }
  if (!parsed) return parsed.error();
  CommentPage& page = parsed.value();

  CommentSummary summary;
  summary.shape = page.shape;
  const bool facebook = page.shape == CommentShape::kFacebookGraphql || page.shape == CommentShape::kFacebookReplies;
  summary.next_cursor = page.next_cursor;
  if (page.parent) page.comments.insert(page.comments.begin(), std::move(*page.parent));
  for (Comment& c : page.comments) {
    std::optional<std::size_t> author;
    if (c.author.pk || !c.author.username.empty()) {
      bool is_new = false;
      author = MergeRecord(Account(c.author), &is_new);
    }
    std::size_t index = comments_.size();
    if (auto it = comment_by_id_.find(c.id); !c.id.empty() && it != comment_by_id_.end()) {
      index = it->second;
      comments_[index] = std::move(c);  // a later copy of the same comment (edited, re-fetched)
      comment_author_[index] = author;
    } else {
      Thread& thread = ThreadFor(c.post);
      const std::size_t thread_index = thread_by_post_.at(thread.post);
      if (facebook) thread.facebook = true;
      if (author) AddCommenter(thread, thread_index, *author, c.created_at);
      if (!c.id.empty()) comment_by_id_.emplace(c.id, index);
      comments_.push_back(std::move(c));
      comment_author_.push_back(author);
      comment_thread_.push_back(static_cast<std::uint32_t>(thread_index));
      thread.pending.push_back(index);
      thread.dirty = true;
      ++summary.new_comments;
    }
    summary.comments.push_back(index);
  }
  return summary;
}

ScoredComment Engine::ScoreComment(std::size_t index) const {
  ScoredComment out;
  const Comment& c = comments_[index];
  out.comment = &c;
  out.author = comment_author_[index];
  if (out.author) out.author_score = ScoreAt(*out.author);
  CommentTextAnalysis text = AnalyzeCommentText(c.text);
  out.threat = std::move(text.threat);
  out.harassment = std::move(text.harassment);
  Thread& thread = *threads_[comment_thread_[index]];
  RefreshThread(thread);
  if (auto it = thread.by_comment.find(c.id); it != thread.by_comment.end()) out.campaign = it->second;
  return out;
}

std::vector<ScoredComment> Engine::Comments() const {
  std::vector<ScoredComment> out;
  out.reserve(comments_.size());
  for (std::size_t i = 0; i < comments_.size(); ++i) out.push_back(ScoreComment(i));
  return out;
}

std::vector<std::pair<std::string, Campaign>> Engine::Campaigns() const {
  std::vector<std::pair<std::string, Campaign>> out;
  for (const auto& thread : threads_) {
    RefreshThread(*thread);
    for (const Campaign& c : thread->campaigns) out.emplace_back(thread->post, c);
  }
  return out;
}

std::optional<std::size_t> Engine::Find(std::string_view username) const {
  auto it = by_username_.find(std::string(username));
  if (it == by_username_.end()) return std::nullopt;
  return it->second;
}

Score Engine::ScoreAt(std::size_t index) const {
  Score score = ScoreAccount(accounts_[index], thresholds_);
  if (index >= account_lists_.size() || (account_lists_[index].empty() && account_threads_[index].empty())) return score;
  std::vector<const Cluster*> member_of;
  const auto id = static_cast<std::uint32_t>(index);
  for (std::uint32_t list_id : account_lists_[index]) {
    ListState& state = *lists_[list_id];
    Refresh(state, /*force=*/false);
    auto it = state.by_member.find(id);
    if (it == state.by_member.end()) continue;
    for (std::uint32_t c : it->second) member_of.push_back(&state.clusters[c]);
  }
  const std::size_t list_clusters = member_of.size();
  for (std::uint32_t thread_id : account_threads_[index]) {
    Thread& thread = *threads_[thread_id];
    RefreshThreadSwarm(thread);
    auto it = thread.swarm_by_member.find(id);
    if (it == thread.swarm_by_member.end()) continue;
    for (std::uint32_t c : it->second) member_of.push_back(&thread.swarm[c]);
  }
  // A commenter outside every list and thread cluster keeps its stand-alone score and level.
  if (account_lists_[index].empty() && member_of.empty()) return score;
  const double account_logit = score.logit;
  // One evidence budget for lists and threads together (per kind the strongest cluster counts).
  CombinedEvidence combined = CombineEvidence(score.logit, member_of);
  for (ClusterReason& r : combined.reasons) {
    // A thread cluster's reason speaks of commenters, not of the list's accounts.
    for (std::size_t k = list_clusters; k < member_of.size(); ++k) {
      if (SwarmReasonCode(member_of[k]->kind) == r.code && MemberReasonText(*member_of[k]) == r.text) {
        r.text = CommenterReasonText(*member_of[k]);
        break;
      }
    }
    std::string_view code = r.code;
    for (const SwarmReasonInfo& info : SwarmReasonCatalog()) {
      if (info.code == r.code) code = info.code;  // static storage
    }
    score.list_reasons.push_back({code, r.weight, std::move(r.text)});
  }
  score.logit = combined.logit;
  score.score = 1.0 / (1.0 + std::exp(-score.logit));
  // In a list, `high` needs swarm evidence or a stronger stand-alone score (ListMemberLevel).
  score.level = ListMemberLevel(account_logit, combined, score.tier, accounts_[index].is_verified.value_or(false),
                                thresholds_);
  return score;
}

std::vector<ScoredAccount> Engine::Ranked() const {
  for (const auto& state : lists_) Refresh(*state, /*force=*/true);
  std::vector<ScoredAccount> out;
  out.reserve(accounts_.size());
  for (std::size_t i = 0; i < accounts_.size(); ++i) out.push_back({&accounts_[i], i, ScoreAt(i)});
  std::stable_sort(out.begin(), out.end(), [](const ScoredAccount& a, const ScoredAccount& b) {
    if (a.score.score != b.score.score) return a.score.score > b.score.score;
    return a.account->username < b.account->username;
  });
  return out;
}

std::vector<ListCluster> Engine::Clusters(bool refresh) const {
  std::vector<ListCluster> out;
  for (const auto& state : lists_) {
    if (refresh) Refresh(*state, /*force=*/true);
    for (const Cluster& c : state->clusters) out.push_back({state->list, state->owner, c, std::nullopt});
  }
  for (const auto& thread : threads_) {
    if (refresh) RefreshThreadSwarm(*thread);
    for (const Cluster& c : thread->swarm) out.push_back({ListKind::kUnknown, {}, c, thread->post});
  }
  return out;
}

void Engine::Clear() {
  accounts_.clear();
  by_pk_.clear();
  by_username_.clear();
  lists_.clear();
  list_index_.clear();
  account_lists_.clear();
  account_threads_.clear();
  avatars_.clear();
  comments_.clear();
  comment_author_.clear();
  comment_thread_.clear();
  comment_by_id_.clear();
  threads_.clear();
  thread_by_post_.clear();
  comment_sequence_ = 0;
  reported_.clear();
  evidence_.clear();
}

}  // namespace swarmlens
