// A small store-only zip writer and reader (PKWARE APPNOTE 6.3: local headers, central
// directory, end record; no compression, no zip64, no encryption), for the case bundle. Names
// are UTF-8 (general-purpose flag bit 11); every entry carries its CRC-32, which the reader
// checks. The reader is strict: it refuses anything it cannot read exactly (compressed or
// encrypted entries, zip64, spanned archives, names that are not UTF-8 or that climb out of the
// archive with "..", duplicate names), naming the entry and the byte offset.
//
//   std::vector<swarmlens::ZipEntry> files = {{"case.json", json}};
//   swarmlens::Result<std::string> zip = swarmlens::WriteZip(files, time(nullptr));
//   swarmlens::Result<std::vector<swarmlens::ZipEntryView>> back = swarmlens::ReadZip(zip.value(), "bundle.zip");
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/error.h"

namespace swarmlens {

/// One file to write.
struct ZipEntry {
  std::string name;     ///< UTF-8 path inside the archive, '/' separated (e.g. "payloads/ab12...").
  std::string_view content;  ///< The bytes, stored as they are; must outlive WriteZip.
};

/// One file read back; `content` points into the archive's bytes.
struct ZipEntryView {
  std::string name;
  std::string_view content;
};

/// CRC-32 (ISO-HDLC, the zip and PNG checksum) of `bytes`, continuing from `crc` (0 to start).
std::uint32_t Crc32(std::string_view bytes, std::uint32_t crc = 0) noexcept;

/// A store-only zip of `entries`, in order. `modified_at` (Unix seconds, UTC) is every entry's
/// time (zip keeps 2-second DOS times from 1980; earlier or 0 is written as 1980-01-01), so the
/// same entries and time always give the same bytes. Refused (kInvalidArgument): more than
/// 65,534 entries, an entry or archive of 4 GiB or more (zip64 is not written), an empty,
/// duplicate, non-UTF-8 or unsafe name.
Result<std::string> WriteZip(std::span<const ZipEntry> entries, std::int64_t modified_at = 0);

/// The files of a store-only zip, in central-directory order (directory entries, names ending
/// in '/', with no content are skipped). Refuses (kCorrupt / kTruncated / kUnsupportedVersion)
/// with `source`, the byte offset and the entry's name: no end record, entries outside the
/// archive, a local header that does not match the central directory, a CRC-32 mismatch, a
/// compressed or encrypted entry, zip64 or multi-disk archives, bad or duplicate names.
Result<std::vector<ZipEntryView>> ReadZip(std::string_view archive, std::string_view source = {});

/// Whether `name` is a safe archive path: non-empty, valid UTF-8, no NUL or backslash, not
/// absolute, no empty, "." or ".." segment (a trailing '/' marks a directory).
bool IsSafeZipName(std::string_view name) noexcept;

}  // namespace swarmlens
