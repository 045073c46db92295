#include "case/snapshot.h"

#include <cstring>
#include <string>

#include <xxhash.h>

#include "case/snapshot_codec.h"
#include "engine_state.h"

namespace swarmlens {

namespace {
constexpr char kMagic[8] = {'S', 'W', 'L', 'C', 'A', 'S', 'E', '\x1a'};

void PutLe(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
std::uint64_t GetLe(const std::uint8_t* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
  return v;
}

// The sections, in the order they are written and read: each unit saves and loads its own.
enum Section : std::uint8_t {
  kAccounts = 1, kPictures = 2, kLists = 3, kComments = 4, kReported = 5, kNotes = 6, kEvidence = 7, kAllowlist = 8
};
constexpr const char* kSectionNames[] = {"",         "accounts", "pictures", "lists",    "comments",
                                         "reported", "notes",    "evidence", "allowlist"};
}  // namespace

std::vector<std::uint8_t> FrameSnapshot(std::span<const std::uint8_t> payload) {
  std::vector<std::uint8_t> out;
  out.reserve(kSnapshotHeaderSize + payload.size() + kSnapshotTrailerSize);
  for (const char c : kMagic) out.push_back(static_cast<std::uint8_t>(c));
  PutLe(out, kSnapshotVersion, 4);
  PutLe(out, payload.size(), 8);
  out.insert(out.end(), payload.begin(), payload.end());
  PutLe(out, XXH3_64bits(out.data(), out.size()), 8);
  return out;
}

Result<std::span<const std::uint8_t>> UnframeSnapshot(std::span<const std::uint8_t> s, std::string_view source) {
  const std::string name(source);
  const std::size_t magic = std::min(s.size(), sizeof kMagic);
  if (magic > 0 && std::memcmp(s.data(), kMagic, magic) != 0)
    return Error{ErrorCode::kCorrupt, name, 0, "not a swarmlens case file (wrong magic bytes)"};
  if (s.size() < kSnapshotHeaderSize)
    return Error{ErrorCode::kTruncated, name, s.size(),
                 "the case file ends inside its " + std::to_string(kSnapshotHeaderSize) + "-byte header"};
  const auto version = static_cast<std::uint32_t>(GetLe(s.data() + 8, 4));
  if (version != kSnapshotVersion)
    return Error{ErrorCode::kUnsupportedVersion, name, 8,
                 "case file format version " + std::to_string(version) + "; this build reads version " +
                     std::to_string(kSnapshotVersion)};
  const std::uint64_t size = GetLe(s.data() + 12, 8);
  const std::uint64_t available = s.size() - kSnapshotHeaderSize;
  if (size > available || available - size < kSnapshotTrailerSize)
    return Error{ErrorCode::kTruncated, name, s.size(),
                 "the case file is cut short: its header announces " + std::to_string(size) + " bytes of content and " +
                     std::to_string(kSnapshotTrailerSize) + " of checksum, " + std::to_string(available) +
                     " bytes follow"};
  if (available - size > kSnapshotTrailerSize)
    return Error{ErrorCode::kCorrupt, name, kSnapshotHeaderSize + size + kSnapshotTrailerSize,
                 std::to_string(available - size - kSnapshotTrailerSize) + " bytes after the checksum"};
  const std::size_t end = kSnapshotHeaderSize + static_cast<std::size_t>(size);
  if (XXH3_64bits(s.data(), end) != GetLe(s.data() + end, 8))
    return Error{ErrorCode::kCorrupt, name, end, "checksum mismatch: the case file was altered or damaged"};
  return s.subspan(kSnapshotHeaderSize, static_cast<std::size_t>(size));
}

std::vector<std::uint8_t> Engine::Save() const {
  SnapshotWriter out;
  // Each section: its tag, its size, then the unit's own bytes.
  const auto section = [&out](Section tag, const auto& save) {
    SnapshotWriter part;
    save(part);
    out.U8(tag);
    out.Varint(part.bytes().size());
    out.Raw(part.bytes().data(), part.bytes().size());
  };
  section(kAccounts, [&](SnapshotWriter& w) { state_->accounts.Save(w); });
  section(kPictures, [&](SnapshotWriter& w) { state_->pictures.Save(w); });
  section(kLists, [&](SnapshotWriter& w) { state_->lists.Save(w); });
  section(kComments, [&](SnapshotWriter& w) { state_->comments.Save(w); });
  section(kReported, [&](SnapshotWriter& w) { state_->reported.Save(w); });
  section(kNotes, [&](SnapshotWriter& w) { state_->notes.Save(w); });
  section(kEvidence, [&](SnapshotWriter& w) { state_->evidence.Save(w); });
  section(kAllowlist, [&](SnapshotWriter& w) { state_->allowlist.Save(w); });
  return FrameSnapshot(out.bytes());
}

Result<SnapshotInfo> Engine::Load(std::span<const std::uint8_t> snapshot, std::string_view source) {
  Result<std::span<const std::uint8_t>> payload = UnframeSnapshot(snapshot, source);
  if (!payload) return payload.error();
  const std::string name(source);
  SnapshotReader top(payload.value(), kSnapshotHeaderSize, name);
  // Built aside and swapped in only when every section loaded: on an error nothing changes.
  auto fresh = std::make_unique<State>();
  const auto section = [&](Section tag, const auto& load) {
    std::uint8_t got = 0;
    std::size_t size = 0;
    if (!top.U8("section", &got)) return false;
    if (got != tag)
      return top.Fail("section", "expected section '" + std::string(kSectionNames[tag]) + "', found tag " +
                                     std::to_string(got));
    if (!top.Count(kSectionNames[tag], 1, &size)) return false;
    const std::uint64_t at = top.offset();
    SnapshotReader part(payload.value().subspan(static_cast<std::size_t>(at - kSnapshotHeaderSize), size), at, name);
    top.Skip(size);
    if (!load(part) || !part.ExpectEnd(kSectionNames[tag])) {
      top = part;
      return false;
    }
    return true;
  };
  State& s = *fresh;
  const bool ok = section(kAccounts, [&](SnapshotReader& r) { return s.accounts.Load(r); }) &&
                  section(kPictures, [&](SnapshotReader& r) { return s.pictures.Load(r, s.accounts.size()); }) &&
                  section(kLists, [&](SnapshotReader& r) { return s.lists.Load(r, s.accounts.size(), s.pictures); }) &&
                  section(kComments, [&](SnapshotReader& r) { return s.comments.Load(r, s.accounts.size()); }) &&
                  section(kReported, [&](SnapshotReader& r) { return s.reported.Load(r, s.accounts.size()); }) &&
                  section(kNotes, [&](SnapshotReader& r) { return s.notes.Load(r); }) &&
                  section(kEvidence, [&](SnapshotReader& r) {
                    return s.evidence.Load(r, s.accounts.size(), s.comments.size());
                  }) &&
                  section(kAllowlist, [&](SnapshotReader& r) { return s.allowlist.Load(r); }) &&
                  top.ExpectEnd("case file");
  if (!ok) return *top.error();
  SnapshotInfo info;
  info.version = kSnapshotVersion;
  info.accounts = s.accounts.size();
  info.lists = s.lists.size();
  info.comments = s.comments.size();
  info.threads = s.comments.thread_count();
  state_ = std::move(fresh);
  return info;
}

void Engine::SetNote(std::string_view key, std::string_view value) {
  auto it = state_->notes.values.find(key);
  if (it == state_->notes.values.end()) state_->notes.values.emplace(std::string(key), std::string(value));
  else it->second = std::string(value);
}

void Engine::Allow(std::string_view key) {
  if (!key.empty()) state_->allowlist.keys.emplace(key);
}

void Engine::Disallow(std::string_view key) {
  auto it = state_->allowlist.keys.find(key);
  if (it != state_->allowlist.keys.end()) state_->allowlist.keys.erase(it);
}

bool Engine::IsKnown(std::size_t index) const { return state_->allowlist.Contains(state_->accounts[index]); }

std::vector<std::string> Engine::Allowlist() const {
  return std::vector<std::string>(state_->allowlist.keys.begin(), state_->allowlist.keys.end());
}

const std::vector<PayloadRecord>& Engine::Payloads() const { return state_->evidence.payloads(); }

const std::vector<std::uint32_t>& Engine::PayloadsOfAccount(std::size_t index) const {
  return state_->evidence.PayloadsOf(index);
}

std::optional<std::uint32_t> Engine::PayloadOfComment(std::size_t index) const {
  return state_->evidence.PayloadOfComment(index);
}

std::optional<std::string> Engine::Note(std::string_view key) const {
  auto it = state_->notes.values.find(key);
  if (it == state_->notes.values.end()) return std::nullopt;
  return it->second;
}

}  // namespace swarmlens
