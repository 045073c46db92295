// Internal: the simdjson On-Demand reading that the ingest parsers share (ingest.cpp for account
// payloads, comments.cpp for comment payloads). Not part of the public API.
//
// On-Demand is lazy: it checks only what is read. To never return half a page, a parser reads
// every value it meets to the end: known fields with the typed readers below, everything else
// with Validate(), and the document must end right after its root value. Error paths (rare)
// re-scan the text to tell a truncated input from a malformed one and to find the offset.
// Every reader consumes its value; null gives nullopt; a wrong type is an Error with
// ErrorCode::kUnexpectedType (the value is still checked to be valid JSON first, so "tru" is
// reported as malformed, not as a wrong type). Parsers that read some objects leniently turn
// such type errors into a deferred error with Soft().
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "simdjson.h"
#include "swarmlens/error.h"
#include "swarmlens/ingest.h"

namespace swarmlens::detail {

namespace od = simdjson::ondemand;
using simdjson::error_code;

/// Validity bound: deeper JSON is rejected (bounds recursion and the wasm stack; real payloads
/// nest about 10 levels, Relay blobs a few dozen).
constexpr int kMaxJsonDepth = 256;

inline bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline std::string_view TrimJsonSpace(std::string_view s) {
  while (!s.empty() && IsJsonSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsJsonSpace(s.back())) s.remove_suffix(1);
  return s;
}

inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

inline bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

inline bool HasNonAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

/// 1 to 20 decimal digits (the text form of a pk; the value may still exceed 64 bits).
inline bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 20) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

/// An opaque id (thread and item ids beyond 64 bits, GraphQL ids, the extension's DOM-read
/// Facebook comments): 1-128 of A-Z a-z 0-9 and `_-:.=+/`, so it can key a map and be printed
/// without escaping.
inline bool IsPlainToken(std::string_view s) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s) {
    const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                    c == '-' || c == ':' || c == '.' || c == '=' || c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

/// The first keys of an object, quoted and cut to 40 bytes, for an unknown-shape message (keys
/// only, never values: a user may paste the message into a report).
struct KeyNotes {
  std::string text;
  int count = 0;
  void Note(std::string_view key) {
    if (count > 4) return;
    if (count++ == 4) {
      text += ", ...";
      return;
    }
    if (!text.empty()) text += ", ";
    text += '"';
    text += key.substr(0, 40);
    text += '"';
  }
  /// The list, or "none".
  std::string Or(const char* none = "none") const { return text.empty() ? std::string(none) : text; }
};

/// Parses an unsigned decimal id ("10000000001"); false on anything else or overflow.
inline bool ParseDecimal(std::string_view s, std::uint64_t* out) {
  if (!AllDigits(s)) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - digit) / 10) return false;
    v = v * 10 + digit;
  }
  *out = v;
  return true;
}

/// The JSON number grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, checked by hand for a
/// scalar root (simdjson 3.9.4 reads past a fixed buffer for root numbers of ~1000 digits).
inline bool IsJsonNumber(std::string_view s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// ---- Error-path diagnosis -------------------------------------------------------------------

/// What a plain bracket / string scan says about the text's structure.
struct Diagnosis {
  enum Kind { kBalanced, kEndsInside, kMismatch, kTrailing } kind = kBalanced;
  std::size_t offset = 0;  ///< For kMismatch / kTrailing.
  std::size_t first_control_in_string = std::string_view::npos;
};

inline Diagnosis Diagnose(std::string_view text) {
  Diagnosis d;
  std::string stack;  // open brackets; error path only, so a heap buffer is fine
  bool in_string = false;
  bool closed_root = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        if (stack.empty()) closed_root = true;
      } else if (static_cast<unsigned char>(c) < 0x20 && d.first_control_in_string == std::string_view::npos) {
        d.first_control_in_string = i;
      }
      continue;
    }
    if (IsJsonSpace(c)) continue;
    if (closed_root) {
      d.kind = Diagnosis::kTrailing;
      d.offset = i;
      return d;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      stack.push_back(c);
    } else if (c == '}' || c == ']') {
      if (stack.empty() || stack.back() != (c == '}' ? '{' : '[')) {
        d.kind = Diagnosis::kMismatch;
        d.offset = i;
        return d;
      }
      stack.pop_back();
      if (stack.empty()) closed_root = true;
    }
  }
  if (in_string || !stack.empty()) d.kind = Diagnosis::kEndsInside;
  return d;
}

/// Offset of the first byte that is not part of valid UTF-8.
inline std::size_t FirstInvalidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    std::size_t len = 1;
    if (b >= 0x80) {
      len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      if (len == 0 || text.size() - i < len) return i;
      for (std::size_t k = 1; k < len; ++k) {
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
      }
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) ||
          (b == 0xF4 && b1 > 0x8F)) {
        return i;  // overlong, surrogate or beyond U+10FFFF
      }
    }
    i += len;
  }
  return text.size();
}

/// What a simdjson error means for the person reading the message.
inline const char* ExplainJsonError(error_code e) {
  switch (e) {
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      return "expected true, false or null";
    case simdjson::NUMBER_ERROR:
      return "expected a number";
    case simdjson::STRING_ERROR:
      return "invalid escape in a string";
    case simdjson::TAPE_ERROR:
      return "expected ',', ':' or a closing bracket here";
    case simdjson::TRAILING_CONTENT:
      return "unexpected content after the JSON value";
    case simdjson::DEPTH_ERROR:
      return "JSON nested too deeply";
    default:
      return simdjson::error_message(e);
  }
}

/// The input copied with simdjson's padding; kept between calls (thread_local in each parser)
/// so steady-state parsing does not allocate for the text itself.
struct PaddedBuffer {
  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;

  simdjson::padded_string_view Load(std::string_view text) {
    const std::size_t need = text.size() + simdjson::SIMDJSON_PADDING;
    if (need > capacity) {
      const std::size_t grown = need < 4096 ? 4096 : need + need / 2;
      data.reset(new char[grown]);
      capacity = grown;
    }
    if (!text.empty()) std::memcpy(data.get(), text.data(), text.size());
    std::memset(data.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(data.get(), text.size(), capacity);
  }
};

// ---- The reader -----------------------------------------------------------------------------

/// How a parser words and reads a few things differently.
struct ReaderOptions {
  const char* empty_input = "input is empty: expected a JSON object or array";
  /// Report an unescaped control character in a string at its own offset.
  bool locate_control_chars = true;
};

/// How ReadInt treats what is not a plain integer.
enum class IntMode : std::uint8_t {
  kStrict,  ///< Integers and digit strings only.
  kLoose,   ///< Also fractions (truncated: dumps write 1700000000.0) and blank strings (unknown).
};

/// A decimal id as read by ReadIdToken: the number, or the trimmed text of a string.
struct IdToken {
  enum Kind : std::uint8_t { kNone, kNumber, kText } kind = kNone;  ///< kNone: null or "".
  std::uint64_t number = 0;
  std::string_view text;  ///< kText: trimmed, non-empty; not checked to be digits.
};

/// Base of the parsers: position, errors and the typed readers over one document.
class JsonReader {
 public:
  JsonReader(const char* base, std::size_t len, od::document& doc, const SourceInfo& source,
             ReaderOptions options = {})
      : base_(base), len_(len), doc_(doc), source_(source), options_(options) {}

  Error& error() { return error_; }

  /// A simdjson error: classifies it as truncated or malformed and finds where (`where`, else
  /// the document's current location). Always false.
  bool FailJson(error_code e, std::optional<std::uint64_t> where = std::nullopt) {
    const std::string_view text(base_, len_);
    if (TrimJsonSpace(text).empty()) return Fail(ErrorCode::kTruncated, len_, options_.empty_input);
    if (e == simdjson::UTF8_ERROR) {
      return Fail(ErrorCode::kMalformedJson, FirstInvalidUtf8(text), "invalid UTF-8 in the input");
    }
    const Diagnosis d = Diagnose(text);
    switch (d.kind) {
      case Diagnosis::kMismatch:
        return Fail(ErrorCode::kMalformedJson, d.offset,
                    std::string("unexpected '") + text[d.offset] + "' (brackets do not match)");
      case Diagnosis::kTrailing:
        return Fail(ErrorCode::kMalformedJson, d.offset, "unexpected content after the JSON value");
      case Diagnosis::kEndsInside:
        return Fail(ErrorCode::kTruncated, len_, "input ended inside the JSON value");
      case Diagnosis::kBalanced:
        break;
    }
    if (e == simdjson::UNCLOSED_STRING || e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) {
      return Fail(ErrorCode::kTruncated, len_, "input ended inside the JSON value");
    }
    if (options_.locate_control_chars && e == simdjson::UNESCAPED_CHARS &&
        d.first_control_in_string != std::string_view::npos) {
      return Fail(ErrorCode::kMalformedJson, d.first_control_in_string, "unescaped control character inside a string");
    }
    const std::uint64_t at = where ? *where : DocLocation();
    return Fail(ErrorCode::kMalformedJson, at, std::string("invalid JSON: ") + ExplainJsonError(e));
  }

 protected:
  std::uint64_t OffsetOf(const char* p) const {
    if (p == nullptr || p < base_) return 0;
    const auto off = static_cast<std::size_t>(p - base_);
    return off > len_ ? len_ : off;
  }
  /// Where a value starts (stays valid after the value was consumed).
  std::uint64_t OffsetOf(od::value& v) { return OffsetOf(v.raw_json_token().data()); }
  std::uint64_t DocLocation() {
    const char* p = nullptr;
    if (doc_.current_location().get(p) != simdjson::SUCCESS) return len_;
    return OffsetOf(p);
  }

  bool Fail(ErrorCode code, std::uint64_t offset, std::string message) {
    error_.code = code;
    error_.source = source_.name;
    error_.offset = offset;
    error_.message = std::move(message);
    return false;
  }
  static std::string Expected(std::string_view expected, std::string_view field) {
    std::string m = "expected ";
    m += expected;
    m += " for \"";
    m += field;
    m += "\"";
    return m;
  }
  /// A wrong type for a value already consumed.
  bool FailType(od::value& v, std::string message) {
    return Fail(ErrorCode::kUnexpectedType, OffsetOf(v), std::move(message));
  }
  bool FailType(od::value& v, std::string_view expected, std::string_view field) {
    return FailType(v, Expected(expected, field));
  }
  /// A wrong type for a value not read yet: it is validated first.
  bool FailWrongType(od::value& v, std::string message) {
    const std::uint64_t at = OffsetOf(v);
    if (!Validate(v, 1)) return false;
    return Fail(ErrorCode::kUnexpectedType, at, std::move(message));
  }
  bool FailWrongType(od::value& v, std::string_view expected, std::string_view field) {
    return FailWrongType(v, Expected(expected, field));
  }
  bool FailJsonAt(error_code e, od::value& v) { return FailJson(e, OffsetOf(v)); }

  /// A read that may fail on a type only: true when `ok`, or when `lenient` and the failure was
  /// a wrong type (then the first such error is kept in `deferred`).
  bool Soft(bool ok, bool lenient, std::optional<Error>* deferred) {
    if (ok) return true;
    if (!lenient || error_.code != ErrorCode::kUnexpectedType) return false;
    if (!*deferred) *deferred = std::move(error_);
    error_ = Error{};
    return true;
  }

  /// A field's key. Keys almost never hold escapes: the raw text is the key then, and only a key
  /// with a backslash is unescaped (which also checks its escapes).
  bool Key(od::field& f, std::string_view* key) {
    const std::string_view raw = f.escaped_key();
    if (raw.find('\\') == std::string_view::npos) {
      *key = raw;
      return true;
    }
    if (auto e = f.unescaped_key(false).get(*key)) return FailJson(e, OffsetOf(raw.data()) - 1);
    return true;
  }
  bool Type(od::value& v, od::json_type* type) {
    if (auto e = v.type().get(*type)) return FailJsonAt(e, v);
    return true;
  }

  /// Calls f(key, value) for every field of an object (each value must be consumed by f);
  /// false at the first failure.
  template <class F>
  bool ForEachField(od::object& obj, F&& f) {
    for (auto fr : obj) {
      od::field field;
      if (auto e = std::move(fr).get(field)) return FailJson(e);
      std::string_view key;
      if (!Key(field, &key) || !f(key, field.value())) return false;
    }
    return true;
  }
  /// The same for an object value (the caller checked its type).
  template <class F>
  bool ForEachField(od::value& v, F&& f) {
    od::object obj;
    if (auto e = v.get_object().get(obj)) return FailJson(e);
    return ForEachField(obj, f);
  }
  /// Calls f(element) for every element of an array value (the caller checked its type).
  template <class F>
  bool ForEachElement(od::value& v, F&& f) {
    od::array arr;
    if (auto e = v.get_array().get(arr)) return FailJson(e);
    for (auto er : arr) {
      od::value el;
      if (auto e = std::move(er).get(el)) return FailJson(e);
      if (!f(el)) return false;
    }
    return true;
  }

  /// Reads any value to its end, checking it is valid JSON.
  bool Validate(od::value v, int depth) {
    if (depth > kMaxJsonDepth) return Fail(ErrorCode::kMalformedJson, OffsetOf(v), "JSON nested deeper than 256 levels");
    od::json_type type{};
    if (!Type(v, &type)) return false;
    switch (type) {
      case od::json_type::object:
        return ForEachField(v, [&](std::string_view, od::value& fv) { return Validate(fv, depth + 1); });
      case od::json_type::array:
        return ForEachElement(v, [&](od::value& el) { return Validate(el, depth + 1); });
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return FailJsonAt(e, v);
        return true;
      }
      case od::json_type::number: {
        od::number n;
        auto e = v.get_number().get(n);
        if (e && e != simdjson::BIGINT_ERROR) return FailJsonAt(e, v);  // big integers are valid JSON
        return true;
      }
      case od::json_type::boolean: {
        bool b = false;
        if (v.get_bool().get(b)) return FailJsonAt(simdjson::T_ATOM_ERROR, v);
        return true;
      }
      case od::json_type::null:
        return ConsumeNull(v);
    }
    return FailJsonAt(simdjson::TAPE_ERROR, v);
  }

  bool ConsumeNull(od::value& v) {
    bool is_null = false;
    if (v.is_null().get(is_null) || !is_null) return FailJsonAt(simdjson::N_ATOM_ERROR, v);
    return true;
  }

  /// A string (a view into the parser's buffer, valid until the next document).
  bool ReadString(od::value& v, std::string_view field, std::optional<std::string_view>* out) {
    od::json_type type{};
    if (!Type(v, &type)) return false;
    if (type == od::json_type::null) {
      out->reset();
      return ConsumeNull(v);
    }
    if (type != od::json_type::string) return FailWrongType(v, "a string", field);
    std::string_view s;
    if (auto e = v.get_string().get(s)) return FailJsonAt(e, v);
    *out = s;
    return true;
  }

  /// A flag: true / false, or 0 / 1 as some endpoints send.
  bool ReadBool(od::value& v, std::string_view field, std::optional<bool>* out) {
    od::json_type type{};
    if (!Type(v, &type)) return false;
    switch (type) {
      case od::json_type::null:
        out->reset();
        return ConsumeNull(v);
      case od::json_type::boolean: {
        bool b = false;
        if (v.get_bool().get(b)) return FailJsonAt(simdjson::T_ATOM_ERROR, v);
        *out = b;
        return true;
      }
      case od::json_type::number: {
        std::int64_t n = 0;
        if (v.get_int64().get(n) != simdjson::SUCCESS) {
          od::number num;
          if (auto e = v.get_number().get(num); e && e != simdjson::BIGINT_ERROR) return FailJsonAt(e, v);
          n = -1;
        }
        if (n != 0 && n != 1) return FailType(v, "true, false, 0 or 1", field);
        *out = n == 1;
        return true;
      }
      default:
        return FailWrongType(v, "a boolean", field);
    }
  }

  /// A signed integer: a number or a string of digits (see IntMode).
  bool ReadInt(od::value& v, std::string_view field, std::optional<std::int64_t>* out, IntMode mode) {
    od::json_type type{};
    if (!Type(v, &type)) return false;
    switch (type) {
      case od::json_type::null:
        out->reset();
        return ConsumeNull(v);
      case od::json_type::number: {
        std::int64_t n = 0;
        if (v.get_int64().get(n) == simdjson::SUCCESS) {
          *out = n;
          return true;
        }
        double d = 0;
        if (mode == IntMode::kLoose && v.get_double().get(d) == simdjson::SUCCESS && d >= -9.0e18 && d <= 9.0e18) {
          *out = static_cast<std::int64_t>(d);
          return true;
        }
        od::number num;
        if (auto e = v.get_number().get(num); e && e != simdjson::BIGINT_ERROR) return FailJsonAt(e, v);
        return FailType(v, "an integer", field);  // valid JSON, but a fraction or out of range
      }
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return FailJsonAt(e, v);
        if (mode == IntMode::kLoose) {
          s = TrimJsonSpace(s);
          if (s.empty()) {
            out->reset();
            return true;
          }
        }
        std::uint64_t u = 0;
        if (!ParseDecimal(s, &u) || u > static_cast<std::uint64_t>(INT64_MAX)) return FailType(v, "an integer", field);
        *out = static_cast<std::int64_t>(u);
        return true;
      }
      default:
        return FailWrongType(v, "an integer", field);
    }
  }

  /// An id sent as a number or a string: a non-negative integer number (else `bad_number`), or a
  /// string's trimmed text ("" = none); a callee checks the text's form. Other types: `wrong_type`.
  bool ReadIdToken(od::value& v, std::string_view field, std::string_view wrong_type, std::string_view bad_number,
                   IdToken* out) {
    od::json_type type{};
    if (!Type(v, &type)) return false;
    out->kind = IdToken::kNone;
    switch (type) {
      case od::json_type::null:
        return ConsumeNull(v);
      case od::json_type::number: {
        if (v.get_uint64().get(out->number) != simdjson::SUCCESS) {
          od::number num;
          if (auto e = v.get_number().get(num); e && e != simdjson::BIGINT_ERROR) return FailJsonAt(e, v);
          return FailType(v, bad_number, field);
        }
        out->kind = IdToken::kNumber;
        return true;
      }
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return FailJsonAt(e, v);
        out->text = TrimJsonSpace(s);
        if (!out->text.empty()) out->kind = IdToken::kText;
        return true;
      }
      default:
        return FailWrongType(v, wrong_type, field);
    }
  }

  /// A 64-bit id (a pk) sent as a number or a string of digits; null or "" = unknown. Other
  /// types, negative numbers and other text are wrong types.
  bool ReadPk(od::value& v, std::string_view field, std::optional<std::uint64_t>* out) {
    IdToken id;
    if (!ReadIdToken(v, field, "a string or number", "a non-negative integer id", &id)) return false;
    out->reset();
    if (id.kind == IdToken::kNumber) {
      *out = id.number;
    } else if (id.kind == IdToken::kText) {
      std::uint64_t n = 0;
      if (!ParseDecimal(id.text, &n)) return FailType(v, "a decimal id", field);
      *out = n;
    }
    return true;
  }

  /// An opaque cursor: a string ("" = none) or a number kept as written (a double would lose
  /// digits). Another type is an error, or with `lenient` no cursor.
  bool ReadCursor(od::value& v, std::string_view field, std::optional<std::string>* out, bool lenient) {
    od::json_type type{};
    if (!Type(v, &type)) return false;
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return FailJsonAt(e, v);
        if (s.empty()) {
          out->reset();
        } else {
          out->emplace(s);
        }
        return true;
      }
      case od::json_type::number: {
        const std::string_view token = v.raw_json_token();
        od::number num;
        if (auto e = v.get_number().get(num); e && e != simdjson::BIGINT_ERROR) return FailJsonAt(e, v);
        out->emplace(TrimJsonSpace(token));
        return true;
      }
      case od::json_type::null:
        out->reset();
        return ConsumeNull(v);
      default:
        if (!lenient) return FailWrongType(v, "a string or number", field);
        out->reset();
        return Validate(v, 1);
    }
  }

  /// A scalar root document of type `type`: checks that it is valid JSON and alone in the text,
  /// so that "tru" is malformed and "42" only of an unknown shape. Numbers are checked by hand
  /// (simdjson 3.9.4 reads past a fixed buffer for root numbers of ~1000 digits).
  bool CheckScalarRoot(od::json_type type) {
    const std::string_view text = TrimJsonSpace(std::string_view(base_, len_));
    const auto lead = static_cast<std::size_t>(text.data() - base_);
    if (type == od::json_type::number) {
      std::size_t end = 0;
      while (end < text.size() && !IsJsonSpace(text[end])) ++end;
      if (end < text.size()) {
        return Fail(ErrorCode::kMalformedJson, lead + text.find_first_not_of(" \t\r\n", end),
                    "unexpected content after the JSON value");
      }
      if (!IsJsonNumber(text)) return Fail(ErrorCode::kMalformedJson, lead, "invalid JSON: expected a number");
      return true;
    }
    if (type == od::json_type::string) {
      std::string_view s;
      if (auto e = doc_.get_string().get(s)) return FailJson(e, 0);
    } else if (type == od::json_type::boolean) {
      bool b = false;
      if (doc_.get_bool().get(b)) return FailJson(simdjson::T_ATOM_ERROR, 0);
    } else {
      bool is_null = false;
      if (doc_.is_null().get(is_null) || !is_null) return FailJson(simdjson::N_ATOM_ERROR, 0);
    }
    if (!doc_.at_end()) return FailJson(simdjson::TRAILING_CONTENT);
    return true;
  }

  /// A root that is not an object, for parsers of object payloads only: checked to its end (a
  /// malformed text is reported as malformed), then ErrorCode::kUnknownShape "top-level array:
  /// expected <expected>". Always false.
  bool RejectNonObjectRoot(od::json_type type, std::string_view expected) {
    if (type == od::json_type::array) {
      od::array arr;
      if (auto e = doc_.get_array().get(arr)) return FailJson(e);
      for (auto er : arr) {
        od::value el;
        if (auto e = std::move(er).get(el)) return FailJson(e);
        if (!Validate(el, 2)) return false;
      }
      if (!doc_.at_end()) return FailJson(simdjson::TRAILING_CONTENT);
    } else if (!CheckScalarRoot(type)) {
      return false;
    }
    return Fail(ErrorCode::kUnknownShape, 0,
                std::string("top-level ") + (type == od::json_type::array ? "array" : "scalar") + ": expected " +
                    std::string(expected));
  }

  /// A GraphQL `page_info` {end_cursor, has_next_page}; another type carries no cursor. With
  /// `lenient`, wrongly typed members are ignored.
  bool ReadPageInfo(od::value& v, std::optional<std::string>* cursor, std::optional<bool>* has_next, int depth,
                    bool lenient) {
    od::json_type type{};
    if (!Type(v, &type)) return false;
    if (type != od::json_type::object) return Validate(v, depth);  // null or odd: no cursor info
    std::optional<Error> ignored;
    return ForEachField(v, [&](std::string_view key, od::value& fv) {
      if (key == "end_cursor") return ReadCursor(fv, key, cursor, lenient);
      if (key == "has_next_page") return Soft(ReadBool(fv, key, has_next), lenient, &ignored);
      return Validate(fv, depth + 1);
    });
  }

  const char* base_;
  std::size_t len_;
  od::document& doc_;
  const SourceInfo& source_;
  ReaderOptions options_;
  Error error_;
};

/// The entry point of a parser class P (a JsonReader with `bool Run()` and `page()`): parses
/// `json` into P's page, or the error. Each P gets its own thread-local buffer and simdjson
/// parser (wasm is single-threaded; native callers get one each), so parsers may call each other.
template <class P, class Out>
Result<Out> ParseWith(std::string_view json, const SourceInfo& source) {
  if (json.size() > simdjson::SIMDJSON_MAXSIZE_BYTES - simdjson::SIMDJSON_PADDING) {
    return Error{ErrorCode::kInvalidArgument, source.name, 0, "input larger than 4 GiB"};
  }
  thread_local PaddedBuffer buffer;
  thread_local od::parser parser;
  const simdjson::padded_string_view padded = buffer.Load(json);
  od::document doc;
  const error_code e = parser.iterate(padded).get(doc);
  P p(padded.data(), json.size(), doc, source);
  if (e) {
    (void)p.FailJson(e, 0);
    return std::move(p.error());
  }
  if (!p.Run()) return std::move(p.error());
  return std::move(p.page());
}

}  // namespace swarmlens::detail
