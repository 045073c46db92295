#include "case/evidence_log.h"

#include <algorithm>

#include "case/snapshot_codec.h"
#include "swarm/list_swarm.h"  // SaveIdLists / LoadIdLists

namespace swarmlens {

namespace {
std::uint64_t DigestKey(const Sha256Digest& d) {
  std::uint64_t k = 0;
  for (int i = 0; i < 8; ++i) k = (k << 8) | d[static_cast<std::size_t>(i)];
  return k;
}
}  // namespace

std::uint32_t EvidenceLog::AddPayload(std::string_view bytes, std::string_view source, std::int64_t captured_at,
                                      bool comments) {
  PayloadRecord r;
  r.sha256 = Sha256Of(bytes);
  const std::uint64_t key = DigestKey(r.sha256);
  if (auto it = by_digest_.find(key); it != by_digest_.end() && payloads_[it->second].sha256 == r.sha256) {
    PayloadRecord& known = payloads_[it->second];  // re-sent page: one record, counted
    known.last_captured_at = captured_at;
    ++known.times;
    return it->second;
  }
  r.source = std::string(source);
  r.captured_at = captured_at;
  r.last_captured_at = captured_at;
  r.size = bytes.size();
  r.comments = comments;
  payloads_.push_back(std::move(r));
  const auto index = static_cast<std::uint32_t>(payloads_.size() - 1);
  by_digest_.emplace(key, index);
  return index;
}

void EvidenceLog::SeenIn(std::size_t account, std::uint32_t payload) {
  std::vector<std::uint32_t>& seen = account_payloads_[account];
  if (std::find(seen.begin(), seen.end(), payload) == seen.end()) seen.push_back(payload);
}

void EvidenceLog::CommentFrom(std::size_t comment, std::uint32_t payload) {
  if (comment >= comment_payload_.size()) comment_payload_.resize(comment + 1, UINT32_MAX);
  comment_payload_[comment] = payload;
}

std::optional<std::uint32_t> EvidenceLog::PayloadOfComment(std::size_t comment) const {
  if (comment >= comment_payload_.size() || comment_payload_[comment] == UINT32_MAX) return std::nullopt;
  return comment_payload_[comment];
}

void EvidenceLog::Save(SnapshotWriter& out) const {
  out.Varint(payloads_.size());
  for (const PayloadRecord& p : payloads_) {
    out.Raw(p.sha256.data(), p.sha256.size());
    out.Str(p.source);
    out.Signed(p.captured_at);
    out.Signed(p.last_captured_at);
    out.Varint(p.times);
    out.Varint(p.size);
    out.U8(p.comments ? 1 : 0);
  }
  SaveIdLists(out, account_payloads_);
  out.Varint(comment_payload_.size());
  for (std::uint32_t p : comment_payload_) out.Varint(p == UINT32_MAX ? 0 : std::uint64_t{p} + 1);
}

bool EvidenceLog::Load(SnapshotReader& in, std::size_t accounts, std::size_t comments) {
  std::size_t n = 0;
  if (!in.Count("payloads", 38, &n)) return false;
  payloads_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    PayloadRecord& p = payloads_[i];
    std::uint64_t times = 0;
    if (!in.Raw("payload.sha256", p.sha256.data(), p.sha256.size()) || !in.Str("payload.source", &p.source) ||
        !in.Signed("payload.captured_at", &p.captured_at) || !in.Signed("payload.last_captured_at", &p.last_captured_at) ||
        !in.Varint("payload.times", &times) || !in.Varint("payload.size", &p.size) ||
        !in.Bool("payload.comments", &p.comments))
      return false;
    if (times == 0 || times > UINT32_MAX) return in.Fail("payload.times", "count out of range");
    p.times = static_cast<std::uint32_t>(times);
    by_digest_.emplace(DigestKey(p.sha256), static_cast<std::uint32_t>(i));
  }
  if (!LoadIdLists(in, "account_payloads", accounts, payloads_.size(), &account_payloads_)) return false;
  std::size_t m = 0;
  if (!in.Count("comment_payloads", 1, &m)) return false;
  if (m > comments) return in.Fail("comment_payloads", "more entries than comments");
  comment_payload_.resize(m);
  for (std::uint32_t& p : comment_payload_) {
    std::uint32_t v = 0;
    if (!in.Index("comment_payload", payloads_.size() + 1, &v)) return false;
    p = v == 0 ? UINT32_MAX : v - 1;
  }
  return true;
}

}  // namespace swarmlens
