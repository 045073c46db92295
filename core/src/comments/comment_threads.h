// The comments the engine has seen and the threads (posts) they belong to: per thread its
// campaign analyzer and its distinct commenters; per account the threads it commented in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "swarmlens/campaigns.h"
#include "swarmlens/comments.h"
#include "swarmlens/list_signals.h"

namespace swarmlens {

class SnapshotReader;
class SnapshotWriter;

/// The comments of one post: a campaign analyzer over them, and the swarm analysis over its
/// distinct commenters, both refreshed lazily (by the engine, which knows the authors' scores).
struct CommentThread {
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

  /// A comment as the analyzer received it. Its text and time are those of the stored comment
  /// unless a later copy replaced it (`own`: then they are kept here), so that a loaded case can
  /// rebuild the analyzer from what it was given.
  struct Fed {
    std::uint32_t comment;
    std::string author;
    double author_score = 0;
    bool author_new = false;
    bool own = false;
    std::string text;
    std::optional<std::int64_t> created_at;
  };
  std::vector<Fed> fed;
  /// Gives the pending comments to the analyzer (`refs` built by the engine, one per pending
  /// comment) and recomputes the campaigns.
  void Feed(const std::vector<CommentRef>& refs);
};

/// Every comment (in ingest order) with its author and thread, and every thread.
class CommentStore {
 public:
  std::size_t size() const noexcept { return comments_.size(); }
  const Comment& comment(std::size_t index) const { return comments_[index]; }
  const std::optional<std::size_t>& author(std::size_t index) const { return authors_[index]; }
  CommentThread& thread_of(std::size_t index) const { return *threads_[thread_of_[index]]; }
  std::size_t thread_count() const noexcept { return threads_.size(); }
  CommentThread& thread(std::size_t i) const { return *threads_[i]; }

  /// Makes room for one more account (no threads yet).
  void AddAccount() { account_threads_.emplace_back(); }
  /// The threads an account commented in, in the order it joined them.
  const std::vector<std::uint32_t>& ThreadsOf(std::size_t account) const { return account_threads_[account]; }

  /// Stores one parsed comment: a comment id seen before is replaced (an edited or re-fetched
  /// copy), else the comment joins its post's thread and its author the thread's commenters.
  /// Returns its index; *is_new when it was not known.
  std::size_t Add(Comment&& c, std::optional<std::size_t> author, bool facebook, bool* is_new);

  void Clear();
  void Save(SnapshotWriter& out) const;
  bool Load(SnapshotReader& in, std::size_t accounts);

 private:
  CommentThread& ThreadFor(const std::string& post, std::size_t* index);
  /// Adds an author to its thread's commenters (or moves its first comment earlier).
  void AddCommenter(CommentThread& thread, std::size_t thread_index, std::size_t account,
                    std::optional<std::int64_t> time);

  std::vector<Comment> comments_;
  std::vector<std::optional<std::size_t>> authors_;   ///< Per comment: engine account index.
  std::vector<std::uint32_t> thread_of_;              ///< Per comment: index into threads_.
  std::unordered_map<std::string, std::size_t> by_id_;
  std::vector<std::unique_ptr<CommentThread>> threads_;
  std::unordered_map<std::string, std::size_t> thread_by_post_;
  std::uint64_t sequence_ = 0;  ///< Arrival order of comments (orders commenters without times).
  std::vector<std::vector<std::uint32_t>> account_threads_;  ///< Per account: threads it commented in.
};

}  // namespace swarmlens
