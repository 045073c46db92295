#include "swarmlens/engine.h"

#include "engine_state.h"
#include "swarmlens/text_normalize.h"

#include <algorithm>
#include <cmath>

#include <xxhash.h>

namespace swarmlens {

std::size_t UsernameHash::operator()(const std::string& s) const noexcept {
  return static_cast<std::size_t>(XXH3_64bits(s.data(), s.size()));
}

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

namespace {
// What a badge shows of one cluster, coarsely: kind, size class and the log-odds bonus (0.05
// steps; it saturates at its cap, unlike the strength, which grows with every page).
std::uint64_t ClusterEvidenceKey(const Cluster& cluster, std::uint64_t seed) {
  const auto k = static_cast<std::size_t>(cluster.kind);
  const EvidenceWeights weights;
  const double bonus = k < kClusterKindCount ? std::min(weights.cap[k], weights.per_strength[k] * cluster.strength) : 0;
  const std::int64_t parts[3] = {static_cast<std::int64_t>(cluster.kind), SizeClass(cluster.members.size()),
                                 static_cast<std::int64_t>(std::llround(bonus * 20))};
  return XXH3_64bits_withSeed(parts, sizeof parts, seed);
}
}  // namespace

/// What the clusters of one account's lists say about it: ClusterEvidenceKey of each cluster it
/// belongs to, in order. Only accounts whose signature changed are re-scored after a page.
std::uint64_t Engine::EvidenceSignature(std::size_t index) const {
  std::uint64_t sig = 0x9e3779b97f4a7c15ULL;
  const auto id = static_cast<std::uint32_t>(index);
  for (std::uint32_t list_id : state_->lists.ListsOf(index)) {
    const ListSwarm& state = state_->lists[list_id];
    auto it = state.by_member.find(id);
    if (it == state.by_member.end()) continue;
    for (std::uint32_t c : it->second) sig = ClusterEvidenceKey(state.clusters[c], sig);
  }
  return sig;
}

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

}  // namespace

Engine::Engine() : state_(std::make_unique<State>()) {}
Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

void Engine::Refresh(ListSwarm& list, bool force) const {
  list.Refresh(state_->accounts, /*defer=*/!force && track_updates_);
}

std::size_t Engine::MergeRecord(Account&& incoming, bool* is_new) {
  const std::size_t index = state_->accounts.Merge(std::move(incoming), is_new);
  if (*is_new) {
    state_->lists.AddAccount();
    state_->comments.AddAccount();
    state_->reported.AddAccount();
    state_->evidence.AddAccount();
  }
  return index;
}

Result<IngestSummary> Engine::Ingest(std::string_view json, const SourceInfo& source) {
  // Parse first: on any error nothing below runs, so the engine's state is unchanged.
  Result<Page> parsed = ParseFollowerPage(json, source);
  if (!parsed) return parsed.error();
  Page& page = parsed.value();

  const std::uint32_t payload = state_->evidence.AddPayload(json, source.name, source.seen_at, /*comments=*/false);
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
    state_->evidence.SeenIn(index, payload);
    page_sightings.emplace_back(index, sightings);
  }

  // Queue the page's members on their lists (analysed at the next Refresh).
  std::vector<ListSwarm*> touched;
  for (const auto& [index, sightings] : page_sightings) {
    double account_score = -1;
    for (const Sighting& s : sightings) {
      std::uint32_t list_id = 0;
      ListSwarm& state = state_->lists.StateFor(s.list, s.owner, &list_id);
      if (state_->lists.Join(index, list_id) && state_->pictures.Has(index)) {
        state.AddPicture(static_cast<std::uint32_t>(index), 0, *state_->pictures.First(index));
      }
      if (account_score < 0) account_score = ScoreAccount(state_->accounts[index], thresholds_).score;
      state.Queue(static_cast<std::uint32_t>(index), s.position, account_score, s.listed_at);
      if (std::find(touched.begin(), touched.end(), &state) == touched.end()) touched.push_back(&state);
    }
  }
  if (track_updates_) {
    for (std::size_t index : summary.accounts) {
      state_->reported.fingerprint[index] = Fingerprint(ScoreAt(index));
      state_->reported.evidence[index] = EvidenceSignature(index);
    }
    summary.updated = CollectUpdated(touched, summary.accounts);
  }
  return summary;
}

std::vector<std::size_t> Engine::CollectUpdated(const std::vector<ListSwarm*>& lists,
                                                const std::vector<std::size_t>& exclude) {
  std::vector<std::uint32_t> candidates;
  for (ListSwarm* state : lists) {
    Refresh(*state, /*force=*/false);
    if (state->dirty) continue;  // analysis deferred: no cluster changed yet
    // Only the members of clusters that changed since the last look can have a new badge: the
    // work follows what the page touched, not the size of the list's clusters.
    std::vector<std::uint64_t> keys;
    keys.reserve(state->clusters.size());
    for (const Cluster& c : state->clusters) keys.push_back(ClusterEvidenceKey(c, 0));
    state->ChangedMembers(keys, &candidates);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::size_t> updated;
  UpdateTracker& reported = state_->reported;
  for (std::uint32_t id : candidates) {
    if (std::find(exclude.begin(), exclude.end(), id) != exclude.end()) continue;
    const std::uint64_t sig = EvidenceSignature(id);
    if (sig == reported.evidence[id]) continue;  // its clusters did not change in a way a badge shows
    reported.evidence[id] = sig;
    const std::uint64_t now = Fingerprint(ScoreAt(id));
    if (now != reported.fingerprint[id]) {
      reported.fingerprint[id] = now;
      updated.push_back(id);
    }
  }
  return updated;
}

Result<AvatarSummary> Engine::AddAvatar(std::size_t account, const PerceptualHash& hash,
                                        std::optional<std::uint64_t> exact) {
  if (account >= state_->accounts.size()) {
    return Error{ErrorCode::kInvalidArgument, "", 0, "no account with index " + std::to_string(account)};
  }
  // Every distinct picture is kept; the first stays the account's picture, as in AvatarClusters.
  const std::uint32_t number = state_->pictures.Add(account, hash, exact);
  const Picture& picture = state_->pictures.At(account, number);
  AvatarSummary summary;
  std::vector<ListSwarm*> touched;
  for (std::uint32_t list_id : state_->lists.ListsOf(account)) {
    ListSwarm& state = state_->lists[list_id];
    summary.result = state.AddPicture(static_cast<std::uint32_t>(account), number, picture);
    touched.push_back(&state);
  }
  for (std::uint32_t thread : state_->comments.ThreadsOf(account)) state_->comments.thread(thread).swarm_dirty = true;
  if (track_updates_) summary.updated = CollectUpdated(touched, {});
  return summary;
}

std::vector<std::size_t> Engine::Flush() {
  std::vector<ListSwarm*> touched;
  for (std::uint32_t i = 0; i < state_->lists.size(); ++i) {
    ListSwarm& state = state_->lists[i];
    if (!state.dirty) continue;
    Refresh(state, /*force=*/true);
    touched.push_back(&state);
  }
  if (!track_updates_ || touched.empty()) return {};
  return CollectUpdated(touched, {});
}

void Engine::RefreshThread(CommentThread& thread) const {
  if (!thread.dirty) return;
  thread.dirty = false;
  const CommentStore& comments = state_->comments;
  const AccountStore& accounts = state_->accounts;
  std::vector<std::string> authors;  // keys outlive the refs below
  authors.reserve(thread.pending.size());
  std::vector<CommentRef> refs;
  refs.reserve(thread.pending.size());
  for (std::size_t index : thread.pending) {
    const std::optional<std::size_t>& author = comments.author(index);
    const Account* a = author ? &accounts[*author] : nullptr;
    authors.push_back(a == nullptr ? std::string() : a->pk ? std::to_string(*a->pk) : a->username);
  }
  for (std::size_t i = 0; i < thread.pending.size(); ++i) {
    const std::size_t index = thread.pending[i];
    const Comment& c = comments.comment(index);
    const std::optional<std::size_t>& author = comments.author(index);
    CommentRef ref;
    ref.id = c.id;
    ref.author = authors[i];
    ref.text = c.text;
    ref.created_at = c.created_at;
    if (author) {
      const Score score = ScoreAt(*author);
      ref.author_score = score.score;
      ref.author_new = accounts[*author].is_joined_recently.value_or(false) ||
                       std::any_of(score.list_reasons.begin(), score.list_reasons.end(),
                                   [](const ListReason& r) { return r.code == "swarm_cohort"; });
    }
    refs.push_back(ref);
  }
  thread.Feed(refs);
}

void Engine::RefreshThreadSwarm(CommentThread& thread) const {
  if (!thread.swarm_dirty) return;
  thread.swarm_dirty = false;
  const PictureStore& pictures = state_->pictures;
  // Recomputed as a whole (AnalyzeList): older comments arriving later reorder the commenters,
  // and a thread's commenters are few next to a follower list.
  std::vector<CommentThread::Commenter> order = thread.commenters;
  std::sort(order.begin(), order.end(), [](const CommentThread::Commenter& a, const CommentThread::Commenter& b) {
    return a.first_time != b.first_time ? a.first_time < b.first_time : a.first_seen < b.first_seen;
  });
  std::vector<ListMember> members;
  members.reserve(order.size());
  std::size_t with_picture = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const Account& a = state_->accounts[order[i].account];
    ListMember m;
    m.id = order[i].account;
    m.position = static_cast<std::uint32_t>(i);
    if (!thread.facebook) m.pk = a.pk;
    m.username = a.username;
    if (a.full_name) m.full_name = std::string_view(*a.full_name);
    m.account_score = ScoreAccount(a, thresholds_).score;
    members.push_back(m);
    with_picture += pictures.Has(order[i].account);
  }
  ListSignalOptions options = AccountListOptions();
  options.position_noun = "commenters (in order of first comment)";
  thread.swarm = AnalyzeList(members, options);
  if (with_picture >= 3) {
    // Built for this refresh only: the index tables (4 MiB) are not kept per thread.
    AvatarClusters avatars;
    for (const CommentThread::Commenter& c : order) {
      if (const Picture* p = pictures.First(c.account)) avatars.Add(c.account, p->hash, p->exact);
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

  const std::uint32_t payload = state_->evidence.AddPayload(text, source.name, source.seen_at, /*comments=*/true);
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
      state_->evidence.SeenIn(*author, payload);
    }
    bool is_new = false;
    const std::size_t index = state_->comments.Add(std::move(c), author, facebook, &is_new);
    summary.new_comments += is_new;
    summary.comments.push_back(index);
    state_->evidence.CommentFrom(index, payload);
  }
  return summary;
}

ScoredComment Engine::ScoreComment(std::size_t index) const {
  ScoredComment out;
  const Comment& c = state_->comments.comment(index);
  out.comment = &c;
  out.author = state_->comments.author(index);
  if (out.author) out.author_score = ScoreAt(*out.author);
  CommentTextAnalysis text = AnalyzeCommentText(c.text);
  out.threat = std::move(text.threat);
  out.harassment = std::move(text.harassment);
  CommentThread& thread = state_->comments.thread_of(index);
  RefreshThread(thread);
  if (auto it = thread.by_comment.find(c.id); it != thread.by_comment.end()) out.campaign = it->second;
  return out;
}

std::vector<ScoredComment> Engine::Comments() const {
  std::vector<ScoredComment> out;
  out.reserve(state_->comments.size());
  for (std::size_t i = 0; i < state_->comments.size(); ++i) out.push_back(ScoreComment(i));
  return out;
}

std::vector<std::pair<std::string, Campaign>> Engine::Campaigns() const {
  std::vector<std::pair<std::string, Campaign>> out;
  for (std::size_t t = 0; t < state_->comments.thread_count(); ++t) {
    CommentThread& thread = state_->comments.thread(t);
    RefreshThread(thread);
    for (const Campaign& c : thread.campaigns) out.emplace_back(thread.post, c);
  }
  return out;
}

std::size_t Engine::comment_count() const noexcept { return state_->comments.size(); }
std::size_t Engine::size() const noexcept { return state_->accounts.size(); }
const Account& Engine::account(std::size_t index) const { return state_->accounts[index]; }

std::optional<std::size_t> Engine::Find(std::string_view username) const { return state_->accounts.Find(username); }

Score Engine::ScoreAt(std::size_t index) const {
  Score score = ScoreWithEvidence(index);
  if (!state_->allowlist.keys.empty() && IsKnown(index)) {
    // The person knows this account: its evidence stays visible, its badge never alarms.
    if (score.level != Level::kLow) score.level = Level::kLow;
    score.list_reasons.push_back({"allowlisted", 0, "marked as known by you"});
  }
  return score;
}

Score Engine::ScoreWithEvidence(std::size_t index) const {
  const Account& account = state_->accounts[index];
  Score score = ScoreAccount(account, thresholds_);
  const std::vector<std::uint32_t>& lists = state_->lists.ListsOf(index);
  const std::vector<std::uint32_t>& threads = state_->comments.ThreadsOf(index);
  if (lists.empty() && threads.empty()) return score;
  std::vector<const Cluster*> member_of;
  const auto id = static_cast<std::uint32_t>(index);
  for (std::uint32_t list_id : lists) {
    ListSwarm& state = state_->lists[list_id];
    Refresh(state, /*force=*/false);
    auto it = state.by_member.find(id);
    if (it == state.by_member.end()) continue;
    for (std::uint32_t c : it->second) member_of.push_back(&state.clusters[c]);
  }
  const std::size_t list_clusters = member_of.size();
  for (std::uint32_t thread_id : threads) {
    CommentThread& thread = state_->comments.thread(thread_id);
    RefreshThreadSwarm(thread);
    auto it = thread.swarm_by_member.find(id);
    if (it == thread.swarm_by_member.end()) continue;
    for (std::uint32_t c : it->second) member_of.push_back(&thread.swarm[c]);
  }
  // A commenter outside every list and thread cluster keeps its stand-alone score and level.
  if (lists.empty() && member_of.empty()) return score;
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
  score.level = ListMemberLevel(account_logit, combined, score.tier, account.is_verified.value_or(false),
                                thresholds_);
  return score;
}

std::vector<ScoredAccount> Engine::Ranked() const {
  for (std::uint32_t i = 0; i < state_->lists.size(); ++i) Refresh(state_->lists[i], /*force=*/true);
  std::vector<ScoredAccount> out;
  out.reserve(state_->accounts.size());
  for (std::size_t i = 0; i < state_->accounts.size(); ++i) out.push_back({&state_->accounts[i], i, ScoreAt(i)});
  std::stable_sort(out.begin(), out.end(), [](const ScoredAccount& a, const ScoredAccount& b) {
    if (a.score.score != b.score.score) return a.score.score > b.score.score;
    return a.account->username < b.account->username;
  });
  return out;
}

std::vector<ListCluster> Engine::Clusters(bool refresh) const {
  std::vector<ListCluster> out;
  for (std::uint32_t i = 0; i < state_->lists.size(); ++i) {
    ListSwarm& state = state_->lists[i];
    if (refresh) Refresh(state, /*force=*/true);
    for (const Cluster& c : state.clusters) out.push_back({state.list, state.owner, c, std::nullopt});
  }
  for (std::size_t t = 0; t < state_->comments.thread_count(); ++t) {
    CommentThread& thread = state_->comments.thread(t);
    if (refresh) RefreshThreadSwarm(thread);
    for (const Cluster& c : thread.swarm) out.push_back({ListKind::kUnknown, {}, c, thread.post});
  }
  if (!state_->allowlist.keys.empty()) {
    // Known accounts are not counted as members of a swarm.
    for (ListCluster& lc : out) {
      std::vector<std::uint32_t>& members = lc.cluster.members;
      members.erase(std::remove_if(members.begin(), members.end(), [this](std::uint32_t id) { return IsKnown(id); }),
                    members.end());
    }
  }
  return out;
}

void Engine::Clear() { state_ = std::make_unique<State>(); }

}  // namespace swarmlens
