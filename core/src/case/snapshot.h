// The case file's framing: magic, format version, payload size, sections, XXH3-64 checksum
// (layout: docs/case-file.md).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "swarmlens/error.h"

namespace swarmlens {

/// The format version this build writes and reads.
inline constexpr std::uint32_t kSnapshotVersion = 1;
/// Bytes before the payload: magic (8), version (4), payload size (8).
inline constexpr std::size_t kSnapshotHeaderSize = 20;
/// Bytes after the payload: the checksum.
inline constexpr std::size_t kSnapshotTrailerSize = 8;

/// Wraps a payload in the header and checksum.
std::vector<std::uint8_t> FrameSnapshot(std::span<const std::uint8_t> payload);

/// Checks the framing of a snapshot and returns its payload (a view into `snapshot`). Errors:
/// not a case file or a damaged checksum (kCorrupt), another version (kUnsupportedVersion),
/// cut short (kTruncated), each with the byte offset.
Result<std::span<const std::uint8_t>> UnframeSnapshot(std::span<const std::uint8_t> snapshot, std::string_view source);

}  // namespace swarmlens
