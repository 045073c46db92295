// What a report needs to show a capture is unaltered: every payload ingested (its SHA-256, name,
// capture time, size), and per account and per comment the payloads it was seen in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "swarmlens/engine.h"

namespace swarmlens {

class SnapshotReader;
class SnapshotWriter;

/// The payload log of a case.
class EvidenceLog {
 public:
  /// Records a payload (its bytes as received) and returns its index; the same bytes again
  /// (same SHA-256) update the record's last capture time and count instead.
  std::uint32_t AddPayload(std::string_view bytes, std::string_view source, std::int64_t captured_at, bool comments);
  /// Makes room for one more account.
  void AddAccount() { account_payloads_.emplace_back(); }
  /// Records that an account was in payload `payload` (once per payload).
  void SeenIn(std::size_t account, std::uint32_t payload);
  /// Records the payload that delivered (the latest copy of) comment `comment` (= size() for a new one).
  void CommentFrom(std::size_t comment, std::uint32_t payload);

  const std::vector<PayloadRecord>& payloads() const noexcept { return payloads_; }
  const std::vector<std::uint32_t>& PayloadsOf(std::size_t account) const { return account_payloads_[account]; }
  std::optional<std::uint32_t> PayloadOfComment(std::size_t comment) const;

  void Save(SnapshotWriter& out) const;
  bool Load(SnapshotReader& in, std::size_t accounts, std::size_t comments);

 private:
  std::vector<PayloadRecord> payloads_;
  std::unordered_map<std::uint64_t, std::uint32_t> by_digest_;  ///< First 8 digest bytes -> index (derived).
  std::vector<std::vector<std::uint32_t>> account_payloads_;
  std::vector<std::uint32_t> comment_payload_;  ///< Per comment; UINT32_MAX = none.
};

}  // namespace swarmlens
