#include "case/snapshot_codec.h"

#include <cstring>

namespace swarmlens {

void SnapshotWriter::Varint(std::uint64_t v) {
  while (v >= 0x80) {
    bytes_.push_back(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  bytes_.push_back(static_cast<std::uint8_t>(v));
}

void SnapshotWriter::Signed(std::int64_t v) {
  const auto u = static_cast<std::uint64_t>(v);
  Varint((u << 1) ^ (v < 0 ? ~std::uint64_t{0} : 0));
}

void SnapshotWriter::Fixed64(std::uint64_t v) {
  for (int i = 0; i < 8; ++i) bytes_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void SnapshotWriter::F64(double v) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &v, sizeof bits);
  Fixed64(bits);
}

void SnapshotWriter::Str(std::string_view s) {
  Varint(s.size());
  Raw(s.data(), s.size());
}

void SnapshotWriter::OptStr(const std::optional<std::string>& s) {
  U8(s ? 1 : 0);
  if (s) Str(*s);
}

void SnapshotWriter::OptSigned(const std::optional<std::int64_t>& v) {
  U8(v ? 1 : 0);
  if (v) Signed(*v);
}

void SnapshotWriter::Raw(const void* data, std::size_t size) {
  if (size == 0) return;
  const auto* p = static_cast<const std::uint8_t*>(data);
  bytes_.insert(bytes_.end(), p, p + size);
}

bool SnapshotReader::Fail(const char* field, const std::string& message, ErrorCode code) {
  if (!error_) error_ = Error{code, source_, offset(), std::string(field) + ": " + message};
  return false;
}

bool SnapshotReader::Need(const char* field, std::size_t n) {
  if (error_) return false;
  if (data_.size() - pos_ < n) return Fail(field, "the snapshot ends inside this field", ErrorCode::kTruncated);
  return true;
}

bool SnapshotReader::U8(const char* field, std::uint8_t* out) {
  if (!Need(field, 1)) return false;
  *out = data_[pos_++];
  return true;
}

bool SnapshotReader::Bool(const char* field, bool* out) {
  std::uint8_t b = 0;
  if (!U8(field, &b)) return false;
  if (b > 1) {
    --pos_;
    return Fail(field, "expected 0 or 1, got " + std::to_string(b));
  }
  *out = b == 1;
  return true;
}

bool SnapshotReader::Varint(const char* field, std::uint64_t* out) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    std::uint8_t b = 0;
    if (!U8(field, &b)) return false;
    if (shift == 63 && b > 1) return Fail(field, "varint overflows 64 bits");
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) {
      *out = v;
      return true;
    }
  }
  return Fail(field, "varint longer than 10 bytes");
}

bool SnapshotReader::Signed(const char* field, std::int64_t* out) {
  std::uint64_t u = 0;
  if (!Varint(field, &u)) return false;
  *out = static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
  return true;
}

bool SnapshotReader::Fixed64(const char* field, std::uint64_t* out) {
  if (!Need(field, 8)) return false;
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(data_[pos_ + static_cast<std::size_t>(i)]) << (8 * i);
  pos_ += 8;
  *out = v;
  return true;
}

bool SnapshotReader::F64(const char* field, double* out) {
  std::uint64_t bits = 0;
  if (!Fixed64(field, &bits)) return false;
  std::memcpy(out, &bits, sizeof bits);
  return true;
}

bool SnapshotReader::Str(const char* field, std::string* out) {
  std::size_t n = 0;
  if (!Count(field, 1, &n)) return false;
  if (n > 0) out->assign(reinterpret_cast<const char*>(data_.data() + pos_), n);
  else out->clear();
  pos_ += n;
  return true;
}

bool SnapshotReader::OptStr(const char* field, std::optional<std::string>* out) {
  bool present = false;
  if (!Bool(field, &present)) return false;
  if (!present) {
    out->reset();
    return true;
  }
  std::string s;
  if (!Str(field, &s)) return false;
  *out = std::move(s);
  return true;
}

bool SnapshotReader::OptSigned(const char* field, std::optional<std::int64_t>* out) {
  bool present = false;
  if (!Bool(field, &present)) return false;
  if (!present) {
    out->reset();
    return true;
  }
  std::int64_t v = 0;
  if (!Signed(field, &v)) return false;
  *out = v;
  return true;
}

bool SnapshotReader::Index(const char* field, std::uint64_t limit, std::uint32_t* out) {
  const std::uint64_t at = offset();
  std::uint64_t v = 0;
  if (!Varint(field, &v)) return false;
  if (v >= limit) {
    error_ = Error{ErrorCode::kCorrupt, source_, at,
                   std::string(field) + ": index " + std::to_string(v) + " out of range (" + std::to_string(limit) +
                       " known)"};
    return false;
  }
  *out = static_cast<std::uint32_t>(v);
  return true;
}

bool SnapshotReader::Count(const char* field, std::size_t min_bytes, std::size_t* out) {
  const std::uint64_t at = offset();
  std::uint64_t v = 0;
  if (!Varint(field, &v)) return false;
  if (min_bytes > 0 && v > remaining() / min_bytes) {
    error_ = Error{ErrorCode::kTruncated, source_, at,
                   std::string(field) + ": count " + std::to_string(v) + " does not fit in the " +
                       std::to_string(remaining()) + " bytes left"};
    return false;
  }
  if (min_bytes == 0 && v > (1u << 30)) return Fail(field, "count " + std::to_string(v) + " is implausible");
  *out = static_cast<std::size_t>(v);
  return true;
}

bool SnapshotReader::Raw(const char* field, void* out, std::size_t size) {
  if (!Need(field, size)) return false;
  if (size == 0) return true;
  std::memcpy(out, data_.data() + pos_, size);
  pos_ += size;
  return true;
}

bool SnapshotReader::ExpectEnd(const char* section) {
  if (error_) return false;
  if (pos_ != data_.size()) return Fail(section, std::to_string(remaining()) + " unread bytes at the end of the section");
  return true;
}

}  // namespace swarmlens
