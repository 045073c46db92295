// The wasm boundary: plain extern "C" functions, pointer + length in, an engine-owned output
// buffer out. All logic and all serialization live in the core (report.h); this file only
// converts arguments. The reviewed list of exported names is wasm/exports.symbols; the JS
// wrapper (wasm/swarmlens.js) is the only caller and owns every buffer it passes in.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "swarmlens/case_bundle.h"
#include "swarmlens/swarmlens.h"

namespace {

/// One engine plus the buffer holding the JSON of its last call. The buffer stays valid until
/// the next call on the same handle; the wrapper copies it out immediately.
struct Handle {
  swarmlens::Engine engine;
  std::string output;
};

std::string_view View(const char* ptr, std::size_t len) {
  // A zero-length argument may come with a null pointer.
  return (ptr == nullptr || len == 0) ? std::string_view() : std::string_view(ptr, len);
}

/// JS numbers are doubles; anything not finite or outside int64 means "unknown" (0).
std::int64_t ToUnixSeconds(double seconds) {
  if (!std::isfinite(seconds)) return 0;
  constexpr double kLimit = 9.2e18;  // Comfortably inside int64.
  if (seconds <= -kLimit || seconds >= kLimit) return 0;
  return static_cast<std::int64_t>(seconds);
}

/// The account named by `key`: a username as stored, or '#' + its numeric pk (Facebook
/// commenters known by id only). The pk form scans the accounts (no public pk index): it serves
/// one picture at a time.
std::optional<std::size_t> FindAccount(const swarmlens::Engine& engine, std::string_view key) {
  if (key.empty() || key[0] != '#') return engine.Find(key);
  if (key.size() < 2 || key.size() > 21) return std::nullopt;
  std::uint64_t pk = 0;
  for (std::size_t i = 1; i < key.size(); ++i) {
    if (key[i] < '0' || key[i] > '9' || pk > (std::numeric_limits<std::uint64_t>::max() - 9) / 10) return std::nullopt;
    pk = pk * 10 + static_cast<std::uint64_t>(key[i] - '0');
  }
  for (std::size_t i = 0; i < engine.size(); ++i) {
    if (engine.account(i).pk == pk) return i;
  }
  return std::nullopt;
}

}  // namespace

extern "C" {

/// Allocates `size` bytes of wasm memory for an input buffer; 0 when out of memory.
void* sl_alloc(std::size_t size) { return std::malloc(size == 0 ? 1 : size); }

/// Frees a buffer from sl_alloc (null is allowed).
void sl_free(void* ptr) { std::free(ptr); }

/// Creates an empty engine; 0 when out of memory.
Handle* sl_engine_new() { return new (std::nothrow) Handle(); }

/// Destroys an engine from sl_engine_new (null is allowed).
void sl_engine_free(Handle* h) { delete h; }

/// Parses one payload and merges its accounts. Writes IngestResultJson (returns 1) or ErrorJson
/// (returns 0, engine unchanged) to the output buffer. `list` is a ListKindName ("" = let the
/// payload decide); `seen_at` is Unix seconds (0 = unknown).
int sl_ingest(Handle* h, const char* json, std::size_t json_len, const char* source,
              std::size_t source_len, const char* list, std::size_t list_len, const char* owner,
              std::size_t owner_len, double seen_at, std::uint32_t first_position) {
  swarmlens::SourceInfo info;
  info.name = std::string(View(source, source_len));
  info.list = swarmlens::ParseListKind(View(list, list_len));
  info.owner = std::string(View(owner, owner_len));
  info.seen_at = ToUnixSeconds(seen_at);
  info.first_position = first_position;
  auto result = h->engine.Ingest(View(json, json_len), info);
  if (!result) {
    h->output = swarmlens::ErrorJson(result.error());
    return 0;
  }
  h->output = swarmlens::IngestResultJson(h->engine, result.value());
  return 1;
}

/// Parses a comment payload (JSON, or a post's HTML with the first page embedded) and stores its
/// comments under `post` (empty: the payload's media id). Writes CommentResultJson (returns 1) or
/// ErrorJson (returns 0, engine unchanged).
int sl_ingest_comments(Handle* h, const char* text, std::size_t text_len, const char* source, std::size_t source_len,
                       const char* post, std::size_t post_len) {
  swarmlens::SourceInfo info;
  info.name = std::string(View(source, source_len));
  auto result = h->engine.IngestComments(View(text, text_len), info, View(post, post_len));
  if (!result) {
    h->output = swarmlens::ErrorJson(result.error());
    return 0;
  }
  h->output = swarmlens::CommentResultJson(h->engine, result.value());
  return 1;
}

/// Hashes a decoded profile picture (RGBA8, `width` x `height`, rows `width * 4` bytes apart) of
/// the account `username` (or '#' + pk) and adds it to the avatar clusters of its lists and
/// threads. `file`/`file_len` are the image file's bytes for the exact-copy hash (may be 0/0).
/// Writes AvatarResultJson (returns 1) or ErrorJson (returns 0: unknown account, bad size, image
/// too flat to hash...).
int sl_add_avatar(Handle* h, const char* username, std::size_t username_len, const std::uint8_t* rgba,
                  std::uint32_t width, std::uint32_t height, const std::uint8_t* file, std::size_t file_len) {
  const std::string_view name = View(username, username_len);
  const std::optional<std::size_t> index = FindAccount(h->engine, name);
  if (!index) {
    h->output = swarmlens::ErrorJson(
        {swarmlens::ErrorCode::kInvalidArgument, "avatar", 0, "no account with this username or pk in the engine"});
    return 0;
  }
  swarmlens::ImageView image;
  image.pixels = rgba;
  image.width = width;
  image.height = height;
  image.stride = static_cast<std::size_t>(width) * 4;
  image.format = swarmlens::PixelFormat::kRgba8;
  auto hash = swarmlens::ComputePerceptualHash(image);
  if (!hash) {
    swarmlens::Error e = hash.error();
    e.source = "avatar of " + std::string(name);
    h->output = swarmlens::ErrorJson(e);
    return 0;
  }
  std::optional<std::uint64_t> exact;
  if (file != nullptr && file_len > 0) exact = swarmlens::ExactImageHash({file, file_len});
  auto added = h->engine.AddAvatar(*index, hash.value(), exact);
  if (!added) {
    h->output = swarmlens::ErrorJson(added.error());
    return 0;
  }
  h->output = swarmlens::AvatarResultJson(h->engine, added.value(), hash.value());
  return 1;
}

/// Runs the swarm analysis deferred while pages arrived and writes FlushResultJson (the accounts
/// whose badges changed, and the clusters).
void sl_flush(Handle* h) { h->output = swarmlens::FlushResultJson(h->engine, h->engine.Flush()); }

/// Writes {"ok":true,"accounts":[AppendAccountJson...]} for the accounts named in `keys`: one key
/// per '\n'-separated line, a username (as stored) or '#' + a numeric pk. Unknown keys are skipped;
/// each account appears once, in key order. Lets the extension show a commenter's own reasons
/// without serialising every account (ranked() on a 100k follower list is tens of MB).
void sl_accounts(Handle* h, const char* keys, std::size_t keys_len) {
  const std::string_view all = View(keys, keys_len);
  std::vector<std::size_t> found;
  std::unordered_map<std::uint64_t, std::size_t> wanted_pks;  // pk -> slot in `found`
  constexpr std::size_t kMissing = std::numeric_limits<std::size_t>::max();
  std::size_t start = 0;
  while (start <= all.size()) {
    std::size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    const std::string_view key = all.substr(start, end - start);
    start = end + 1;
    if (key.empty()) continue;
    if (key[0] == '#') {
      std::uint64_t pk = 0;
      bool digits = key.size() > 1 && key.size() <= 21;
      for (std::size_t i = 1; digits && i < key.size(); ++i) {
        if (key[i] < '0' || key[i] > '9' || pk > (std::numeric_limits<std::uint64_t>::max() - 9) / 10) digits = false;
        else pk = pk * 10 + static_cast<std::uint64_t>(key[i] - '0');
      }
      if (digits && wanted_pks.emplace(pk, found.size()).second) found.push_back(kMissing);
    } else if (const std::optional<std::size_t> index = h->engine.Find(key)) {
      found.push_back(*index);
    }
  }
  if (!wanted_pks.empty()) {  // no public pk index: one pass over the accounts
    for (std::size_t i = 0; i < h->engine.size(); ++i) {
      const auto& pk = h->engine.account(i).pk;
      if (!pk) continue;
      const auto it = wanted_pks.find(*pk);
      if (it != wanted_pks.end()) found[it->second] = i;
    }
  }
  std::string out = "{\"ok\":true,\"accounts\":[";
  std::unordered_set<std::size_t> written;
  for (const std::size_t index : found) {
    if (index == kMissing || !written.insert(index).second) continue;
    if (written.size() > 1) out += ',';
    swarmlens::AppendAccountJson(out, h->engine.account(index), h->engine.ScoreAt(index));
  }
  out += "]}";
  h->output = std::move(out);
}

/// Writes RankedJson (every account, highest score first) to the output buffer.
void sl_ranked(Handle* h) { h->output = swarmlens::RankedJson(h->engine); }

/// Writes ConstantsJson (levels, reasons, shapes, lists, thresholds) to the output buffer.
void sl_constants(Handle* h) { h->output = swarmlens::ConstantsJson(); }

/// Start of the last call's output (UTF-8 JSON, not NUL-terminated).
const char* sl_output_ptr(const Handle* h) { return h->output.data(); }

/// Length in bytes of the last call's output.
std::size_t sl_output_len(const Handle* h) { return h->output.size(); }

/// Drops the output buffer's memory (after a large ranked() result) so malloc can reuse it.
void sl_output_release(Handle* h) { std::string().swap(h->output); }

/// Number of distinct accounts held. (uint32: JS numbers; wasm32 cannot hold 2^32 accounts.)
std::uint32_t sl_engine_size(const Handle* h) { return static_cast<std::uint32_t>(h->engine.size()); }

/// Writes the engine's case file (Engine::Save: binary, not JSON) to the output buffer.
void sl_save(Handle* h) {
  const std::vector<std::uint8_t> bytes = h->engine.Save();
  h->output.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

/// Replaces the engine's state with a case file (Engine::Load). Writes SnapshotInfoJson (returns
/// 1) or ErrorJson (returns 0, engine unchanged: another version, damaged or cut).
int sl_load(Handle* h, const std::uint8_t* bytes, std::size_t len, const char* source, std::size_t source_len) {
  const std::span<const std::uint8_t> snapshot =
      (bytes == nullptr || len == 0) ? std::span<const std::uint8_t>() : std::span<const std::uint8_t>(bytes, len);
  auto loaded = h->engine.Load(snapshot, View(source, source_len));
  if (!loaded) {
    h->output = swarmlens::ErrorJson(loaded.error());
    return 0;
  }
  h->output = swarmlens::SnapshotInfoJson(loaded.value());
  return 1;
}

/// Writes CaseReportJson (report.html, accounts.csv, comments.csv, case.json, SHA256SUMS as
/// text, and the counts) of the engine's case; `generated_at` is the report's date (Unix seconds).
void sl_export_case(Handle* h, double generated_at) {
  swarmlens::CaseReportOptions options;
  options.generated_at = ToUnixSeconds(generated_at);
  h->output = swarmlens::CaseReportJson(swarmlens::BuildCaseReport(h->engine, options));
}

/// Builds the case bundle (swarmlens/case_bundle.h) from `count` raw payloads laid end to end in
/// `data`, payload i being `lengths[i]` bytes. Returns 1 and writes CaseBundleJson, a '\n' and
/// the zip's bytes, or returns 0 and writes ErrorJson (a bundle over 4 GiB).
int sl_export_bundle(Handle* h, double generated_at, const char* data, const std::uint32_t* lengths, std::uint32_t count) {
  std::vector<std::string_view> payloads;
  payloads.reserve(count);
  std::size_t at = 0;
  for (std::uint32_t i = 0; i < count; ++i) {
    payloads.push_back(View(data + at, lengths[i]));
    at += lengths[i];
  }
  swarmlens::CaseReportOptions options;
  options.generated_at = ToUnixSeconds(generated_at);
  auto bundle = swarmlens::BuildCaseBundle(h->engine, payloads, options);
  if (!bundle) {
    h->output = swarmlens::ErrorJson(bundle.error());
    return 0;
  }
  h->output = swarmlens::CaseBundleJson(bundle.value());
  h->output += '\n';
  h->output += bundle.value().zip;
  return 1;
}

/// Verifies a case bundle and replaces the engine's state with its case (OpenCaseBundle).
/// Writes BundleInfoJson (returns 1) or ErrorJson naming the refused file (returns 0, engine
/// unchanged).
int sl_open_bundle(Handle* h, const char* zip, std::size_t len, const char* source, std::size_t source_len) {
  auto info = swarmlens::OpenCaseBundle(View(zip, len), View(source, source_len), h->engine);
  if (!info) {
    h->output = swarmlens::ErrorJson(info.error());
    return 0;
  }
  h->output = swarmlens::BundleInfoJson(info.value());
  return 1;
}

/// Forgets every account.
void sl_engine_clear(Handle* h) {
  h->engine.Clear();
  std::string().swap(h->output);
}

}  // extern "C"
