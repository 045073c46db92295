#include "comments/comment_threads.h"

#include <algorithm>
#include <climits>

#include "accounts/account_store.h"
#include "case/snapshot_codec.h"
#include "swarm/list_swarm.h"

namespace swarmlens {

void CommentThread::Feed(const std::vector<CommentRef>& refs) {
  analyzer.AddComments(refs);
  for (std::size_t i = 0; i < refs.size(); ++i) {
    Fed f;
    f.comment = static_cast<std::uint32_t>(pending[i]);
    f.author = std::string(refs[i].author);
    f.author_score = refs[i].author_score;
    f.author_new = refs[i].author_new;
    fed.push_back(std::move(f));
  }
  pending.clear();
  campaigns = analyzer.Clusters();
  by_comment = CampaignReasonsByComment(campaigns);
}

CommentThread& CommentStore::ThreadFor(const std::string& post, std::size_t* index) {
  auto it = thread_by_post_.find(post);
  if (it != thread_by_post_.end()) {
    *index = it->second;
    return *threads_[it->second];
  }
  auto thread = std::make_unique<CommentThread>();
  thread->post = post;
  *index = threads_.size();
  thread_by_post_.emplace(post, threads_.size());
  threads_.push_back(std::move(thread));
  return *threads_.back();
}

void CommentStore::AddCommenter(CommentThread& thread, std::size_t thread_index, std::size_t account,
                                std::optional<std::int64_t> time) {
  const auto id = static_cast<std::uint32_t>(account);
  const std::int64_t when = time.value_or(INT64_MAX);
  const std::uint64_t seen = sequence_++;
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

std::size_t CommentStore::Add(Comment&& c, std::optional<std::size_t> author, bool facebook, bool* is_new) {
  std::size_t index = comments_.size();
  if (auto it = by_id_.find(c.id); !c.id.empty() && it != by_id_.end()) {
    index = it->second;
    // The analyzer keeps what it was given: remember that, as the stored copy changes.
    CommentThread& thread = *threads_[thread_of_[index]];
    for (CommentThread::Fed& f : thread.fed) {
      if (f.comment != index || f.own) continue;
      f.own = true;
      f.text = comments_[index].text;
      f.created_at = comments_[index].created_at;
    }
    comments_[index] = std::move(c);  // a later copy of the same comment (edited, re-fetched)
    authors_[index] = author;
    *is_new = false;
    return index;
  }
  std::size_t thread_index = 0;
  CommentThread& thread = ThreadFor(c.post, &thread_index);
  if (facebook) thread.facebook = true;
  if (author) AddCommenter(thread, thread_index, *author, c.created_at);
  if (!c.id.empty()) by_id_.emplace(c.id, index);
  comments_.push_back(std::move(c));
  authors_.push_back(author);
  thread_of_.push_back(static_cast<std::uint32_t>(thread_index));
  thread.pending.push_back(index);
  thread.dirty = true;
  *is_new = true;
  return index;
}

void CommentStore::Clear() {
  comments_.clear();
  authors_.clear();
  thread_of_.clear();
  by_id_.clear();
  threads_.clear();
  thread_by_post_.clear();
  sequence_ = 0;
  account_threads_.clear();
}

void CommentStore::Save(SnapshotWriter& out) const {
  out.Varint(sequence_);
  out.Varint(threads_.size());
  out.Varint(comments_.size());
  for (std::size_t i = 0; i < comments_.size(); ++i) {
    const Comment& c = comments_[i];
    out.Str(c.id);
    SaveAccount(out, c.author);
    out.Str(c.text);
    out.OptSigned(c.created_at);
    out.OptStr(c.parent_id);
    out.Str(c.post);
    out.U8(static_cast<std::uint8_t>(c.kind));
    out.Str(c.thread_id);
    out.U8(authors_[i] ? 1 : 0);
    if (authors_[i]) out.Varint(*authors_[i]);
    out.Varint(thread_of_[i]);
  }
  for (const auto& thread : threads_) {
    const CommentThread& t = *thread;
    out.Str(t.post);
    out.U8(t.facebook ? 1 : 0);
    out.U8(t.dirty ? 1 : 0);
    out.Varint(t.pending.size());
    for (std::size_t p : t.pending) out.Varint(p);
    out.Varint(t.fed.size());
    for (const CommentThread::Fed& f : t.fed) {
      out.Varint(f.comment);
      out.Str(f.author);
      out.F64(f.author_score);
      out.U8(static_cast<std::uint8_t>((f.author_new ? 1 : 0) | (f.own ? 2 : 0)));
      if (f.own) {
        out.Str(f.text);
        out.OptSigned(f.created_at);
      }
    }
    out.Varint(t.commenters.size());
    for (const CommentThread::Commenter& c : t.commenters) {
      out.Varint(c.account);
      out.Signed(c.first_time);
      out.Varint(c.first_seen);
    }
    out.U8(t.swarm_dirty ? 1 : 0);
    out.Varint(t.swarm.size());
    for (const Cluster& c : t.swarm) SaveCluster(out, c);
  }
  SaveIdLists(out, account_threads_);
}

bool CommentStore::Load(SnapshotReader& in, std::size_t accounts) {
  std::size_t thread_count = 0, n = 0;
  if (!in.Varint("comments.sequence", &sequence_) || !in.Count("threads", 8, &thread_count) ||
      !in.Count("comments", 8, &n))
    return false;
  comments_.resize(n);
  authors_.resize(n);
  thread_of_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Comment& c = comments_[i];
    bool has_author = false;
    if (!in.Str("comment.id", &c.id) || !LoadAccount(in, &c.author) || !in.Str("comment.text", &c.text) ||
        !in.OptSigned("comment.created_at", &c.created_at) || !in.OptStr("comment.parent_id", &c.parent_id) ||
        !in.Str("comment.post", &c.post))
      return false;
    std::uint8_t kind = 0;
    if (!in.U8("comment.kind", &kind)) return false;
    if (kind > static_cast<std::uint8_t>(CommentKind::kMessageRequest)) return in.Fail("comment.kind", "unknown comment kind");
    c.kind = static_cast<CommentKind>(kind);
    if (!in.Str("comment.thread_id", &c.thread_id) || !in.Bool("comment.has_author", &has_author)) return false;
    if (has_author) {
      std::uint32_t a = 0;
      if (!in.Index("comment.author", accounts, &a)) return false;
      authors_[i] = a;
    }
    if (!in.Index("comment.thread", thread_count, &thread_of_[i])) return false;
    if (!c.id.empty() && !by_id_.emplace(c.id, i).second) return in.Fail("comment.id", "two comments with one id");
  }
  for (std::size_t ti = 0; ti < thread_count; ++ti) {
    auto thread = std::make_unique<CommentThread>();
    CommentThread& t = *thread;
    if (!in.Str("thread.post", &t.post) || !in.Bool("thread.facebook", &t.facebook) || !in.Bool("thread.dirty", &t.dirty))
      return false;
    if (!thread_by_post_.emplace(t.post, ti).second) return in.Fail("thread.post", "the same post twice");
    std::vector<std::uint32_t> pending;
    if (!LoadIds(in, "thread.pending", n, &pending)) return false;
    for (std::uint32_t p : pending) {
      if (thread_of_[p] != ti) return in.Fail("thread.pending", "a comment of another thread");
      t.pending.push_back(p);
    }
    std::size_t fed = 0;
    if (!in.Count("thread.fed", 11, &fed)) return false;
    t.fed.resize(fed);
    std::vector<CommentRef> refs(fed);
    for (std::size_t i = 0; i < fed; ++i) {
      CommentThread::Fed& f = t.fed[i];
      std::uint8_t flags = 0;
      if (!in.Index("thread.fed.comment", n, &f.comment) || !in.Str("thread.fed.author", &f.author) ||
          !in.F64("thread.fed.score", &f.author_score) || !in.U8("thread.fed.flags", &flags))
        return false;
      if (flags > 3) return in.Fail("thread.fed.flags", "unknown flag bits");
      if (thread_of_[f.comment] != ti) return in.Fail("thread.fed.comment", "a comment of another thread");
      f.author_new = (flags & 1) != 0;
      f.own = (flags & 2) != 0;
      if (f.own && (!in.Str("thread.fed.text", &f.text) || !in.OptSigned("thread.fed.created_at", &f.created_at)))
        return false;
    }
    // The analyzer is rebuilt from exactly what it was given (its result does not depend on pages).
    for (std::size_t i = 0; i < fed; ++i) {
      const CommentThread::Fed& f = t.fed[i];
      const Comment& c = comments_[f.comment];
      refs[i] = {c.id, f.author, f.own ? std::string_view(f.text) : std::string_view(c.text),
                 f.own ? f.created_at : c.created_at, f.author_score, f.author_new};
    }
    t.analyzer.AddComments(refs);
    t.campaigns = t.analyzer.Clusters();
    t.by_comment = CampaignReasonsByComment(t.campaigns);
    std::size_t commenters = 0;
    if (!in.Count("thread.commenters", 3, &commenters)) return false;
    t.commenters.resize(commenters);
    for (std::size_t i = 0; i < commenters; ++i) {
      CommentThread::Commenter& c = t.commenters[i];
      if (!in.Index("thread.commenter", accounts, &c.account) || !in.Signed("thread.commenter.time", &c.first_time) ||
          !in.Varint("thread.commenter.seen", &c.first_seen))
        return false;
      if (!t.commenter_index.emplace(c.account, i).second) return in.Fail("thread.commenter", "listed twice");
    }
    std::size_t clusters = 0;
    if (!in.Bool("thread.swarm_dirty", &t.swarm_dirty) || !in.Count("thread.swarm", 30, &clusters)) return false;
    t.swarm.resize(clusters);
    for (Cluster& c : t.swarm)
      if (!LoadCluster(in, accounts, &c)) return false;
    t.swarm_by_member = ClustersByMember(t.swarm);
    threads_.push_back(std::move(thread));
  }
  return LoadIdLists(in, "account_threads", accounts, threads_.size(), &account_threads_);
}

}  // namespace swarmlens
