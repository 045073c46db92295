// Store-only zip (PKWARE APPNOTE 6.3), see swarmlens/zip.h. All fields little-endian.
#include "swarmlens/zip.h"

#include <array>
#include <unordered_set>

#include "civil_time.h"
#include "utf8.h"

namespace swarmlens {
namespace {

constexpr std::uint32_t kLocalSig = 0x04034b50;
constexpr std::uint32_t kCentralSig = 0x02014b50;
constexpr std::uint32_t kEndSig = 0x06054b50;
constexpr std::size_t kLocalSize = 30;
constexpr std::size_t kCentralSize = 46;
constexpr std::size_t kEndSize = 22;
constexpr std::uint16_t kVersion = 20;        // 2.0: what a stored entry with folders needs
constexpr std::uint16_t kUtf8Flag = 1u << 11;  // general-purpose bit 11: the name is UTF-8
constexpr std::size_t kMaxEntries = 65534;     // 0xFFFF means zip64
constexpr std::uint64_t kMax32 = 0xFFFFFFFFull;

constexpr std::array<std::uint32_t, 256> MakeCrcTable() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr std::array<std::uint32_t, 256> kCrcTable = MakeCrcTable();

void Put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void Put32(std::string& out, std::uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}
std::uint32_t Get16(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8;
}
std::uint32_t Get32(std::string_view s, std::size_t at) { return Get16(s, at) | Get16(s, at + 2) << 16; }

/// DOS date and time (local-time fields, here UTC) of Unix seconds; 1980-01-01 00:00 before 1980.
std::pair<std::uint16_t, std::uint16_t> DosTime(std::int64_t unix_seconds) {
  constexpr std::int64_t k1980 = 315532800;
  if (unix_seconds < k1980) return {0, (0 << 9) | (1 << 5) | 1};
  const UtcFields utc = UtcFieldsOf(unix_seconds);
  if (utc.year > 2107) return {0, (0 << 9) | (1 << 5) | 1};
  const auto time = static_cast<std::uint16_t>((utc.hour << 11) | (utc.minute << 5) | (utc.second / 2));
  const auto date = static_cast<std::uint16_t>(((utc.year - 1980) << 9) | (utc.month << 5) | utc.day);
  return {time, date};
}

Error Bad(ErrorCode code, std::string_view source, std::uint64_t offset, std::string message) {
  return Error{code, std::string(source), offset, std::move(message)};
}

}  // namespace

std::uint32_t Crc32(std::string_view bytes, std::uint32_t crc) noexcept {
  crc = ~crc;
  for (const char ch : bytes) crc = kCrcTable[(crc ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

bool IsSafeZipName(std::string_view name) noexcept {
  if (name.empty() || name.size() > 0xFFFF || name[0] == '/') return false;
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp = 0;
    const std::size_t n = utf8::Decode(name, i, &cp);
    if (n == 0 || cp == 0 || cp == '\\') return false;
    i += n;
  }
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view segment = name.substr(start, end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    start = end + 1;
  }
  return true;
}

Result<std::string> WriteZip(std::span<const ZipEntry> entries, std::int64_t modified_at) {
  if (entries.size() > kMaxEntries) {
    return Bad(ErrorCode::kInvalidArgument, "zip", 0,
               std::to_string(entries.size()) + " entries; a zip without zip64 holds at most 65534");
  }
  const auto [time, date] = DosTime(modified_at);
  std::string out, central;
  std::unordered_set<std::string_view> names;
  for (const ZipEntry& e : entries) {
    if (!IsSafeZipName(e.name) || e.name.back() == '/' || !names.insert(e.name).second) {
      return Bad(ErrorCode::kInvalidArgument, "zip", out.size(), "entry name \"" + e.name + "\" is empty, unsafe or repeated");
    }
    if (e.content.size() >= kMax32 || out.size() >= kMax32) {
      return Bad(ErrorCode::kInvalidArgument, "zip", out.size(), "entry \"" + e.name + "\" would pass 4 GiB (zip64 is not written)");
    }
    const std::uint32_t crc = Crc32(e.content);
    const auto offset = static_cast<std::uint32_t>(out.size());
    const auto size = static_cast<std::uint32_t>(e.content.size());
    Put32(out, kLocalSig);
    Put16(out, kVersion);
    Put16(out, kUtf8Flag);
    Put16(out, 0);  // stored
    Put16(out, time);
    Put16(out, date);
    Put32(out, crc);
    Put32(out, size);
    Put32(out, size);
    Put16(out, static_cast<std::uint32_t>(e.name.size()));
    Put16(out, 0);  // no extra field
    out += e.name;
    out += e.content;

    Put32(central, kCentralSig);
    Put16(central, kVersion);  // made by: MS-DOS attributes, version 2.0
    Put16(central, kVersion);
    Put16(central, kUtf8Flag);
    Put16(central, 0);
    Put16(central, time);
    Put16(central, date);
    Put32(central, crc);
    Put32(central, size);
    Put32(central, size);
    Put16(central, static_cast<std::uint32_t>(e.name.size()));
    Put16(central, 0);  // extra
    Put16(central, 0);  // comment
    Put16(central, 0);  // disk
    Put16(central, 0);  // internal attributes
    Put32(central, 0);  // external attributes
    Put32(central, offset);
    central += e.name;
  }
  if (out.size() + central.size() >= kMax32) {
    return Bad(ErrorCode::kInvalidArgument, "zip", out.size(), "the archive would pass 4 GiB (zip64 is not written)");
  }
  const auto central_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  Put32(out, kEndSig);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<std::uint32_t>(entries.size()));
  Put16(out, static_cast<std::uint32_t>(entries.size()));
  Put32(out, static_cast<std::uint32_t>(central.size()));
  Put32(out, central_offset);
  Put16(out, 0);  // no comment
  return out;
}

Result<std::vector<ZipEntryView>> ReadZip(std::string_view zip, std::string_view source) {
  if (zip.size() < kEndSize) {
    return Bad(ErrorCode::kTruncated, source, zip.size(), "too short to be a zip archive (no end of central directory)");
  }
  // The end record is the last 22 bytes plus its comment (at most 65535 bytes): search back.
  std::size_t end = std::string_view::npos;
  const std::size_t lowest = zip.size() > kEndSize + 0xFFFF ? zip.size() - kEndSize - 0xFFFF : 0;
  for (std::size_t at = zip.size() - kEndSize + 1; at-- > lowest;) {
    if (Get32(zip, at) == kEndSig && at + kEndSize + Get16(zip, at + 20) == zip.size()) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) {
    return Bad(ErrorCode::kCorrupt, source, zip.size(), "not a zip archive (no end of central directory record)");
  }
  const std::uint32_t disk = Get16(zip, end + 4), cd_disk = Get16(zip, end + 6);
  const std::uint32_t on_disk = Get16(zip, end + 8), count = Get16(zip, end + 10);
  const std::uint32_t cd_size = Get32(zip, end + 12), cd_offset = Get32(zip, end + 16);
  if (count == 0xFFFF || cd_size == kMax32 || cd_offset == kMax32) {
    return Bad(ErrorCode::kUnsupportedVersion, source, end, "zip64 archive; swarmlens reads plain zip only");
  }
  if (disk != 0 || cd_disk != 0 || on_disk != count) {
    return Bad(ErrorCode::kUnsupportedVersion, source, end, "archive spanned over several disks");
  }
  if (static_cast<std::uint64_t>(cd_offset) + cd_size > end) {
    return Bad(ErrorCode::kTruncated, source, end, "the central directory lies outside the archive");
  }
  std::vector<ZipEntryView> entries;
  std::unordered_set<std::string> names;
  std::size_t at = cd_offset;
  const std::size_t cd_end = static_cast<std::size_t>(cd_offset) + cd_size;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (at + kCentralSize > cd_end || Get32(zip, at) != kCentralSig) {
      return Bad(ErrorCode::kCorrupt, source, at,
                 "central directory entry " + std::to_string(i + 1) + " of " + std::to_string(count) + " is missing");
    }
    const std::uint32_t flags = Get16(zip, at + 8), method = Get16(zip, at + 10), crc = Get32(zip, at + 16);
    const std::uint32_t packed = Get32(zip, at + 20), size = Get32(zip, at + 24);
    const std::size_t name_len = Get16(zip, at + 28), extra_len = Get16(zip, at + 30), comment_len = Get16(zip, at + 32);
    const std::uint32_t local = Get32(zip, at + 42);
    const std::size_t record = kCentralSize + name_len + extra_len + comment_len;
    if (at + record > cd_end) return Bad(ErrorCode::kTruncated, source, at, "a central directory entry is cut off");
    std::string name(zip.substr(at + kCentralSize, name_len));
    const std::string quoted = "entry \"" + name + "\"";
    if (!IsSafeZipName(name)) {
      return Bad(ErrorCode::kCorrupt, source, at + kCentralSize,
                 "entry " + std::to_string(i + 1) + " has an unsafe or non-UTF-8 name");
    }
    if (!names.insert(name).second) return Bad(ErrorCode::kCorrupt, source, at, quoted + " appears twice");
    if ((flags & 1) != 0) return Bad(ErrorCode::kUnsupportedVersion, source, at, quoted + " is encrypted");
    if (method != 0) {
      return Bad(ErrorCode::kUnsupportedVersion, source, at,
                 quoted + " is compressed (method " + std::to_string(method) + "); swarmlens bundles are stored");
    }
    if (packed != size) return Bad(ErrorCode::kCorrupt, source, at, quoted + ": stored sizes differ");
    if (size == kMax32 || local == kMax32) return Bad(ErrorCode::kUnsupportedVersion, source, at, quoted + " needs zip64");
    // The local header must be the same entry; the data follows it and ends before the directory.
    if (static_cast<std::size_t>(local) + kLocalSize > cd_offset || Get32(zip, local) != kLocalSig) {
      // Offset of the directory's pointer: `local` itself may lie past the end of the archive.
      return Bad(ErrorCode::kCorrupt, source, at + 42, quoted + ": no local header where the directory points");
    }
    const std::size_t local_name = Get16(zip, local + 26), local_extra = Get16(zip, local + 28);
    const std::uint64_t data = static_cast<std::uint64_t>(local) + kLocalSize + local_name + local_extra;
    if (data + size > cd_offset) return Bad(ErrorCode::kTruncated, source, local, quoted + " is cut off");
    if (zip.substr(local + kLocalSize, local_name) != name || Get16(zip, local + 8) != method) {
      return Bad(ErrorCode::kCorrupt, source, local, quoted + ": the local header does not match the central directory");
    }
    const std::string_view content = zip.substr(static_cast<std::size_t>(data), size);
    if (Crc32(content) != crc) {
      return Bad(ErrorCode::kCorrupt, source, static_cast<std::size_t>(data), quoted + ": CRC-32 mismatch (damaged)");
    }
    at += record;
    if (name.back() == '/') {
      if (size != 0) return Bad(ErrorCode::kCorrupt, source, at, quoted + ": a folder with content");
      continue;
    }
    entries.push_back({std::move(name), content});
  }
  return entries;
}

}  // namespace swarmlens
