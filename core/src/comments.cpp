// Comment ingest: comment payloads -> CommentPage, with simdjson On-Demand (error-code API only),
// and the <script type="application/json"> blobs of a post's HTML.
//
// Same rules as ingest.cpp: every value met is read to its end (known fields with typed getters,
// the rest validated), the document must end after its root value, so a page is never returned
// half-read. Unlike the follower parser, the comment list is searched for anywhere in the
// document (bounded depth), because the first page comes inside Relay prefetch blobs whose
// nesting changes with every web-app release. A `comments` array somewhere in a blob is only a
// candidate: its elements are read leniently (a wrong type is remembered, not raised) and the
// array counts as a comment list only if every element looks like a comment; then a remembered
// type error becomes the error. The explicitly named GraphQL connections are read strictly.
#include "swarmlens/comments.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simdjson.h"

namespace swarmlens {

const char* CommentShapeName(CommentShape shape) noexcept {
  switch (shape) {
    case CommentShape::kRestV1:
      return "rest_v1";
    case CommentShape::kRestReplies:
      return "rest_replies";
    case CommentShape::kGraphql:
      return "graphql";
    case CommentShape::kGraphqlReplies:
      return "graphql_replies";
  }
  return "unknown";
}

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;

constexpr int kMaxDepth = 256;       // validity: deeper JSON is rejected (bounds recursion)
constexpr int kMaxSearchDepth = 64;  // the list search does not look below this depth

constexpr std::string_view kConnectionKey = "xdt_api__v1__media__media_id__comments__connection";
constexpr std::string_view kChildConnectionKey =
    "xdt_api__v1__media__media_id__comments__parent_comment_id__child_comments__connection";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 20) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool ParseU64(std::string_view s, std::uint64_t* out) {
  if (!AllDigits(s)) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

bool HasNonAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// A picture on Meta's CDN naming an image file: then "not the default silhouette" is known.
bool IsCdnPictureFile(std::string_view url) {
  if (!StartsWith(url, "https://")) return false;
  url.remove_prefix(8);
  const std::size_t slash = url.find('/');
  if (slash == std::string_view::npos) return false;
  const std::string_view host = url.substr(0, slash);
  if (!EndsWith(host, ".cdninstagram.com") && !EndsWith(host, ".fbcdn.net")) return false;
  std::string_view path = url.substr(slash);
  path = path.substr(0, path.find_first_of("?#"));
  const std::string_view file = path.substr(path.rfind('/') + 1);
  for (std::string_view ext : {".jpg", ".jpeg", ".png", ".webp", ".heic"}) {
    if (file.size() > ext.size() && EndsWith(file, ext)) return true;
  }
  return false;
}

// ---- error-path diagnosis (rare: only after simdjson reported a problem) ----

enum class Shape { kBalanced, kEndsInside, kMismatch, kTrailing };

Shape ScanBrackets(std::string_view text, std::size_t* offset) {
  std::string stack;
  bool in_string = false, closed = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        closed = stack.empty();
      }
      continue;
    }
    if (IsSpace(c)) continue;
    if (closed) {
      *offset = i;
      return Shape::kTrailing;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      stack.push_back(c);
    } else if (c == '}' || c == ']') {
      if (stack.empty() || stack.back() != (c == '}' ? '{' : '[')) {
        *offset = i;
        return Shape::kMismatch;
      }
      stack.pop_back();
      closed = stack.empty();
    }
  }
  return in_string || !stack.empty() ? Shape::kEndsInside : Shape::kBalanced;
}

std::size_t FirstBadUtf8(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size()) {
    const auto b = static_cast<unsigned char>(t[i]);
    std::size_t n = 1;
    if (b >= 0x80) {
      n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
      if (n == 0 || t.size() - i < n) return i;
      for (std::size_t k = 1; k < n; ++k) {
        if ((static_cast<unsigned char>(t[i + k]) & 0xC0) != 0x80) return i;
      }
      const auto b1 = static_cast<unsigned char>(t[i + 1]);
      if ((b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F))
        return i;
    }
    i += n;
  }
  return t.size();
}

const char* Explain(error_code e) {
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

// The input with simdjson's padding, reused between calls.
struct Padded {
  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;
  simdjson::padded_string_view Load(std::string_view text) {
    const std::size_t need = text.size() + simdjson::SIMDJSON_PADDING;
    if (need > capacity) {
      capacity = need < 4096 ? 4096 : need + need / 2;
      data.reset(new char[capacity]);
    }
    if (!text.empty()) std::memcpy(data.get(), text.data(), text.size());
    std::memset(data.get() + text.size(), 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(data.get(), text.size(), capacity);
  }
};

// What one comment (or user) read has found besides the record itself.
struct ReadState {
  bool lenient = false;  // wrong types are remembered in `deferred` instead of failing
  std::optional<Error> deferred;
};

// A comment list found in the document, with the object that held it (for its cursor).
struct Found {
  CommentShape shape = CommentShape::kRestV1;
  std::vector<Comment> comments;
  int container = -1;  // id of the object holding the array (its cursor and parent_comment)
  bool nested = false;
  std::optional<std::string> cursor;
  std::optional<Comment> parent;
};

class Parser {
 public:
  Parser(const char* base, std::size_t len, od::document& doc, const SourceInfo& source, std::string_view post)
      : base_(base), len_(len), doc_(doc), source_(source), post_(post) {}

  bool Run();
  bool FailJson(error_code e, std::optional<std::uint64_t> where = std::nullopt);
  CommentPage& page() { return page_; }
  Error& error() { return error_; }

 private:
  std::uint64_t At(const char* p) const {
    if (p == nullptr || p < base_) return 0;
    const auto off = static_cast<std::size_t>(p - base_);
    return off > len_ ? len_ : off;
  }
  std::uint64_t At(od::value& v) { return At(v.raw_json_token().data()); }
  bool Fail(ErrorCode code, std::uint64_t offset, std::string message) {
    error_ = Error{code, source_.name, offset, std::move(message)};
    return false;
  }
  bool FailAt(error_code e, od::value& v) { return FailJson(e, At(v)); }
  // A wrong type: the value is still checked to be valid JSON (a malformed value is reported as
  // malformed), then the error is raised or, in a lenient read, remembered.
  bool WrongType(od::value& v, std::string_view expected, std::string_view field, ReadState& st) {
    const std::uint64_t at = At(v);
    if (!Validate(v, 1)) return false;
    Error err{ErrorCode::kUnexpectedType, source_.name, at,
              "expected " + std::string(expected) + " for \"" + std::string(field) + "\""};
    if (st.lenient) {
      if (!st.deferred) st.deferred = std::move(err);
      return true;
    }
    error_ = std::move(err);
    return false;
  }
  bool Key(od::field& f, std::string_view* key) {
    const std::string_view raw = f.escaped_key();
    if (raw.find('\\') == std::string_view::npos) {
      *key = raw;
      return true;
    }
    if (auto e = f.unescaped_key(false).get(*key)) return FailJson(e, At(raw.data()) - 1);
    return true;
  }

  bool Validate(od::value v, int depth);
  bool Null(od::value& v);
  bool Type(od::value& v, od::json_type* t) {
    if (auto e = v.type().get(*t)) return FailAt(e, v);
    return true;
  }
  // Typed readers: each consumes the value; null -> nullopt.
  bool ReadString(od::value& v, std::string_view field, std::optional<std::string_view>* out, ReadState& st);
  bool ReadBool(od::value& v, std::string_view field, std::optional<bool>* out, ReadState& st);
  bool ReadInt(od::value& v, std::string_view field, std::optional<std::int64_t>* out, ReadState& st);
  bool ReadId(od::value& v, std::string_view field, std::optional<std::string>* out, ReadState& st);
  bool ReadCursor(od::value& v, std::optional<std::string>* out);

  bool Walk(od::value v, int depth);
  bool WalkObject(od::object& obj, int depth);
  bool CandidateArray(od::value& v, std::string_view key, int container, int depth);
  bool Connection(od::value& v, CommentShape shape, int depth);
  bool PageInfo(od::value& v, std::optional<std::string>* cursor, std::optional<bool>* has_next, int depth);
  bool ReadComment(od::value& v, std::vector<Comment>* out, ReadState& st, bool* comment_like, int depth);
  bool ReadUser(od::value& v, Account& acc, ReadState& st, int depth);

  const char* base_;
  std::size_t len_;
  od::document& doc_;
  const SourceInfo& source_;
  std::string_view post_;
  CommentPage page_;
  Error error_;
  std::optional<Found> connection_;   // an explicitly named GraphQL connection (wins)
  std::optional<Found> array_;        // the first non-empty comment array
  std::optional<Found> empty_array_;  // the first empty `comments` / `child_comments` array
  int objects_ = 0;                   // ids of the objects walked
};

bool Parser::FailJson(error_code e, std::optional<std::uint64_t> where) {
  const std::string_view text(base_, len_);
  if (Trim(text).empty()) return Fail(ErrorCode::kTruncated, len_, "input is empty: expected a JSON object");
  if (e == simdjson::UTF8_ERROR)
    return Fail(ErrorCode::kMalformedJson, FirstBadUtf8(text), "invalid UTF-8 in the input");
  std::size_t off = 0;
  switch (ScanBrackets(text, &off)) {
    case Shape::kMismatch:
      return Fail(ErrorCode::kMalformedJson, off,
                  std::string("unexpected '") + text[off] + "' (brackets do not match)");
    case Shape::kTrailing:
      return Fail(ErrorCode::kMalformedJson, off, "unexpected content after the JSON value");
    case Shape::kEndsInside:
      return Fail(ErrorCode::kTruncated, len_, "input ended inside the JSON value");
    case Shape::kBalanced:
      break;
  }
  if (e == simdjson::UNCLOSED_STRING || e == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) {
    return Fail(ErrorCode::kTruncated, len_, "input ended inside the JSON value");
  }
  std::uint64_t at = len_;
  if (where) {
    at = *where;
  } else {
    const char* p = nullptr;
    if (doc_.current_location().get(p) == simdjson::SUCCESS) at = At(p);
  }
  return Fail(ErrorCode::kMalformedJson, at, std::string("invalid JSON: ") + Explain(e));
}

bool Parser::Null(od::value& v) {
  bool is_null = false;
  if (v.is_null().get(is_null) || !is_null) return FailAt(simdjson::N_ATOM_ERROR, v);
  return true;
}

bool Parser::Validate(od::value v, int depth) {
  if (depth > kMaxDepth) return Fail(ErrorCode::kMalformedJson, At(v), "JSON nested deeper than 256 levels");
  od::json_type t{};
  if (!Type(v, &t)) return false;
  switch (t) {
    case od::json_type::object: {
      od::object obj;
      if (auto e = v.get_object().get(obj)) return FailJson(e);
      for (auto fr : obj) {
        od::field f;
        if (auto e = std::move(fr).get(f)) return FailJson(e);
        std::string_view key;
        if (!Key(f, &key) || !Validate(f.value(), depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::array: {
      od::array arr;
      if (auto e = v.get_array().get(arr)) return FailJson(e);
      for (auto er : arr) {
        od::value el;
        if (auto e = std::move(er).get(el)) return FailJson(e);
        if (!Validate(el, depth + 1)) return false;
      }
      return true;
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto e = v.get_string().get(s)) return FailAt(e, v);
      return true;
    }
    case od::json_type::number: {
      od::number n;
      if (auto e = v.get_number().get(n); e && e != simdjson::BIGINT_ERROR) return FailAt(e, v);
      return true;
    }
    case od::json_type::boolean: {
      bool b = false;
      if (v.get_bool().get(b)) return FailAt(simdjson::T_ATOM_ERROR, v);
      return true;
    }
    case od::json_type::null:
      return Null(v);
  }
  return FailAt(simdjson::TAPE_ERROR, v);
}

bool Parser::ReadString(od::value& v, std::string_view field, std::optional<std::string_view>* out, ReadState& st) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) {
    out->reset();
    return Null(v);
  }
  if (t != od::json_type::string) return WrongType(v, "a string", field, st);
  std::string_view s;
  if (auto e = v.get_string().get(s)) return FailAt(e, v);
  *out = s;
  return true;
}

bool Parser::ReadBool(od::value& v, std::string_view field, std::optional<bool>* out, ReadState& st) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) {
    out->reset();
    return Null(v);
  }
  if (t == od::json_type::boolean) {
    bool b = false;
    if (v.get_bool().get(b)) return FailAt(simdjson::T_ATOM_ERROR, v);
    *out = b;
    return true;
  }
  if (t == od::json_type::number) {  // some endpoints send flags as 0 / 1
    std::int64_t n = -1;
    if (v.get_int64().get(n) != simdjson::SUCCESS) {
      od::number num;
      if (auto e = v.get_number().get(num); e && e != simdjson::BIGINT_ERROR) return FailAt(e, v);
      n = -1;
    }
    if (n == 0 || n == 1) {
      *out = n == 1;
      return true;
    }
    // Already consumed: record the type error without re-reading.
    Error err{ErrorCode::kUnexpectedType, source_.name, At(v),
              "expected true, false, 0 or 1 for \"" + std::string(field) + "\""};
    if (!st.lenient) {
      error_ = std::move(err);
      return false;
    }
    if (!st.deferred) st.deferred = std::move(err);
    return true;
  }
  return WrongType(v, "a boolean", field, st);
}

bool Parser::ReadInt(od::value& v, std::string_view field, std::optional<std::int64_t>* out, ReadState& st) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  std::string_view token = v.raw_json_token();
  switch (t) {
    case od::json_type::null:
      out->reset();
      return Null(v);
    case od::json_type::number: {
      std::int64_t n = 0;
      if (v.get_int64().get(n) == simdjson::SUCCESS) {
        *out = n;
        return true;
      }
      // A fraction (created_at: 1700000000.0 in some dumps) is truncated; anything else is wrong.
      double d = 0;
      if (v.get_double().get(d) == simdjson::SUCCESS && d >= -9.0e18 && d <= 9.0e18) {
        *out = static_cast<std::int64_t>(d);
        return true;
      }
      od::number num;
      if (auto e = v.get_number().get(num); e && e != simdjson::BIGINT_ERROR) return FailAt(e, v);
      Error err{ErrorCode::kUnexpectedType, source_.name, At(token.data()),
                "expected an integer for \"" + std::string(field) + "\""};
      if (!st.lenient) {
        error_ = std::move(err);
        return false;
      }
      if (!st.deferred) st.deferred = std::move(err);
      return true;
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto e = v.get_string().get(s)) return FailAt(e, v);
      std::uint64_t u = 0;
      s = Trim(s);
      if (s.empty()) {
        out->reset();
        return true;
      }
      if (ParseU64(s, &u) && u <= static_cast<std::uint64_t>(INT64_MAX)) {
        *out = static_cast<std::int64_t>(u);
        return true;
      }
      Error err{ErrorCode::kUnexpectedType, source_.name, At(token.data()),
                "expected an integer for \"" + std::string(field) + "\""};
      if (!st.lenient) {
        error_ = std::move(err);
        return false;
      }
      if (!st.deferred) st.deferred = std::move(err);
      return true;
    }
    default:
      return WrongType(v, "an integer", field, st);
  }
}

// Ids are kept as decimal text: comment pks exceed 2^53, and some payloads send them as strings.
bool Parser::ReadId(od::value& v, std::string_view field, std::optional<std::string>* out, ReadState& st) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  std::string_view token = v.raw_json_token();
  switch (t) {
    case od::json_type::null:
      out->reset();
      return Null(v);
    case od::json_type::number: {
      std::uint64_t n = 0;
      if (v.get_uint64().get(n) == simdjson::SUCCESS) {
        *out = std::to_string(n);
        return true;
      }
      od::number num;
      if (auto e = v.get_number().get(num); e && e != simdjson::BIGINT_ERROR) return FailAt(e, v);
      break;
    }
    case od::json_type::string: {
      std::string_view s;
      if (auto e = v.get_string().get(s)) return FailAt(e, v);
      s = Trim(s);
      if (s.empty()) {  // "" carries no id
        out->reset();
        return true;
      }
      if (AllDigits(s)) {
        *out = std::string(s);
        return true;
      }
      break;
    }
    default:
      return WrongType(v, "a string or number id", field, st);
  }
  Error err{ErrorCode::kUnexpectedType, source_.name, At(token.data()),
            "expected a decimal id for \"" + std::string(field) + "\""};
  if (!st.lenient) {
    error_ = std::move(err);
    return false;
  }
  if (!st.deferred) st.deferred = std::move(err);
  return true;
}

// Cursors are opaque (often JSON inside a string); a cursor of another type is no cursor.
bool Parser::ReadCursor(od::value& v, std::optional<std::string>* out) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::string) {
    std::string_view s;
    if (auto e = v.get_string().get(s)) return FailAt(e, v);
    if (s.empty()) {
      out->reset();
    } else {
      out->emplace(s);
    }
    return true;
  }
  if (t == od::json_type::number) {
    const std::string_view token = Trim(v.raw_json_token());
    od::number n;
    if (auto e = v.get_number().get(n); e && e != simdjson::BIGINT_ERROR) return FailAt(e, v);
    out->emplace(token);
    return true;
  }
  out->reset();
  return Validate(v, 1);
}

enum class UserKey : std::uint8_t {
  kNone,
  kPk,
  kPkId,
  kId,
  kStrongId,
  kUsername,
  kFullName,
  kIsPrivate,
  kIsVerified,
  kAnonymous,
  kPicId,
  kPicUrl,
  kLatestReel,
  kJoinedRecently,
};

UserKey ClassifyUserKeyPlain(std::string_view k) {
  if (k == "pk") return UserKey::kPk;
  if (k == "pk_id") return UserKey::kPkId;
  if (k == "id") return UserKey::kId;
  if (k == "strong_id__") return UserKey::kStrongId;
  if (k == "username") return UserKey::kUsername;
  if (k == "full_name") return UserKey::kFullName;
  if (k == "is_private") return UserKey::kIsPrivate;
  if (k == "is_verified") return UserKey::kIsVerified;
  if (k == "has_anonymous_profile_picture") return UserKey::kAnonymous;
  if (k == "profile_pic_id") return UserKey::kPicId;
  if (k == "profile_pic_url") return UserKey::kPicUrl;
  if (k == "latest_reel_media") return UserKey::kLatestReel;
  if (k == "is_joined_recently") return UserKey::kJoinedRecently;
  return UserKey::kNone;
}

// GraphQL aliases prefix a field name with "1" and a letter: "1llatest_reel_media".
UserKey ClassifyUserKey(std::string_view k) {
  UserKey u = ClassifyUserKeyPlain(k);
  if (u == UserKey::kNone && k.size() > 2 && k[0] == '1' && k[1] >= 'a' && k[1] <= 'z')
    u = ClassifyUserKeyPlain(k.substr(2));
  return u;
}

bool Parser::ReadUser(od::value& v, Account& acc, ReadState& st, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::null) return Null(v);
  if (t != od::json_type::object) return WrongType(v, "an object", "user", st);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  std::optional<std::string> pk, pk_id, id, strong_id;
  std::optional<bool> anonymous;
  std::optional<std::string_view> s;
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    bool ok = true;
    switch (ClassifyUserKey(key)) {
      case UserKey::kPk:
        ok = ReadId(fv, key, &pk, st);
        break;
      case UserKey::kPkId:
        ok = ReadId(fv, key, &pk_id, st);
        break;
      case UserKey::kId:
        ok = ReadId(fv, key, &id, st);
        break;
      case UserKey::kStrongId:
        ok = ReadId(fv, key, &strong_id, st);
        break;
      case UserKey::kUsername:
        s.reset();
        ok = ReadString(fv, key, &s, st);
        if (ok && s) acc.username = std::string(Trim(*s));
        break;
      case UserKey::kFullName:
        s.reset();
        ok = ReadString(fv, key, &s, st);
        if (ok && s) acc.full_name = HasNonAscii(*s) ? RepairMojibake(*s) : std::string(*s);
        break;
      case UserKey::kIsPrivate:
        ok = ReadBool(fv, key, &acc.is_private, st);
        break;
      case UserKey::kIsVerified:
        ok = ReadBool(fv, key, &acc.is_verified, st);
        break;
      case UserKey::kAnonymous:
        ok = ReadBool(fv, key, &anonymous, st);
        break;
      case UserKey::kPicId:
        s.reset();
        ok = ReadString(fv, key, &s, st);
        if (ok && s) acc.profile_pic_id = std::string(*s);
        break;
      case UserKey::kPicUrl:
        s.reset();
        ok = ReadString(fv, key, &s, st);
        if (ok && s) acc.profile_pic_url = std::string(*s);
        break;
      case UserKey::kLatestReel:
        ok = ReadInt(fv, key, &acc.latest_reel_media, st);
        break;
      case UserKey::kJoinedRecently:
        ok = ReadBool(fv, key, &acc.is_joined_recently, st);
        break;
      case UserKey::kNone:
        ok = Validate(fv, depth + 1);
        break;
    }
    if (!ok) return false;
  }
  // Ids in order of preference (all equal when several are sent).
  for (const auto* cand : {&pk, &pk_id, &id, &strong_id}) {
    std::uint64_t n = 0;
    if (*cand && ParseU64(**cand, &n)) {
      acc.pk = n;
      break;
    }
  }
  if (anonymous) {
    acc.anonymous_avatar = anonymous;
  } else if (acc.profile_pic_url) {
    if (IsDefaultAvatarUrl(*acc.profile_pic_url)) {
      acc.anonymous_avatar = true;
    } else if (IsCdnPictureFile(*acc.profile_pic_url)) {
      acc.anonymous_avatar = false;
    }
  }
  return true;
}

// One comment object, appended to `out` followed by its preview replies. `comment_like` tells
// whether the object had `text` and an id key (decides whether a candidate array is a list).
bool Parser::ReadComment(od::value& v, std::vector<Comment>* out, ReadState& st, bool* comment_like, int depth) {
  *comment_like = false;
  if (depth > kMaxDepth) return Validate(v, depth);
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t != od::json_type::object) return Validate(v, depth);
  const std::uint64_t offset = At(v);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  const std::size_t index = out->size();
  out->emplace_back();
  std::vector<Comment> replies;
  std::optional<std::string> pk, pk_id, id, user_id, parent, media_id;
  std::optional<std::int64_t> created_at, created_at_utc;
  std::optional<std::string_view> text;
  bool saw_text = false, saw_id = false;
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    bool ok = true;
    Comment& c = (*out)[index];
    if (key == "pk") {
      saw_id = true;
      ok = ReadId(fv, key, &pk, st);
    } else if (key == "pk_id") {
      saw_id = true;
      ok = ReadId(fv, key, &pk_id, st);
    } else if (key == "id") {
      saw_id = true;
      ok = ReadId(fv, key, &id, st);
    } else if (key == "text") {
      saw_text = true;
      ok = ReadString(fv, key, &text, st);
    } else if (key == "created_at") {
      ok = ReadInt(fv, key, &created_at, st);
    } else if (key == "created_at_utc") {
      ok = ReadInt(fv, key, &created_at_utc, st);
    } else if (key == "user") {
      ok = ReadUser(fv, c.author, st, depth + 1);
    } else if (key == "user_id") {
      ok = ReadId(fv, key, &user_id, st);
    } else if (key == "parent_comment_id") {
      ok = ReadId(fv, key, &parent, st);
    } else if (key == "media_id") {
      ok = ReadCursor(fv, &media_id);  // "<media pk>_<owner pk>": opaque text
    } else if (key == "preview_child_comments" || key == "child_comments") {
      od::json_type at{};
      if (!Type(fv, &at)) return false;
      if (at == od::json_type::null) {
        ok = Null(fv);
      } else if (at != od::json_type::array) {
        ok = WrongType(fv, "an array", key, st);
      } else {
        od::array arr;
        if (auto e = fv.get_array().get(arr)) return FailJson(e);
        for (auto er : arr) {
          od::value el;
          if (auto e = std::move(er).get(el)) return FailJson(e);
          od::json_type et{};
          if (!Type(el, &et)) return false;
          if (et != od::json_type::object) {
            if (!WrongType(el, "a comment object", key, st)) return false;
            continue;
          }
          bool like = false;
          if (!ReadComment(el, &replies, st, &like, depth + 2)) return false;
        }
      }
    } else {
      ok = Validate(fv, depth + 1);
    }
    if (!ok) return false;
  }
  *comment_like = saw_text && saw_id;
  Comment& c = (*out)[index];
  if (pk) {
    c.id = std::move(*pk);
  } else if (pk_id) {
    c.id = std::move(*pk_id);
  } else if (id) {
    c.id = std::move(*id);
  }
  if (c.id.empty() && *comment_like) {
    Error err{ErrorCode::kUnexpectedType, source_.name, offset, "comment without pk or id"};
    if (!st.lenient) {
      error_ = std::move(err);
      return false;
    }
    if (!st.deferred) st.deferred = std::move(err);
  }
  if (text) c.text = std::string(*text);
  c.created_at = created_at ? created_at : created_at_utc;
  c.parent_id = std::move(parent);
  if (!c.author.pk && user_id) {
    std::uint64_t n = 0;
    if (ParseU64(*user_id, &n)) c.author.pk = n;
  }
  c.post = !post_.empty() ? std::string(post_) : media_id ? *media_id : std::string();
  const std::string parent_id = c.id;
  const std::string post = c.post;
  for (Comment& r : replies) {
    if (r.id.empty()) {
      // A reply must be addressable like any comment (campaigns, updates key on the id).
      Error err{ErrorCode::kUnexpectedType, source_.name, offset, "reply comment without pk or id"};
      if (!st.lenient) {
        error_ = std::move(err);
        return false;
      }
      if (!st.deferred) st.deferred = std::move(err);
      continue;
    }
    if (!r.parent_id && !parent_id.empty() && r.id != parent_id) r.parent_id = parent_id;
    if (r.post.empty()) r.post = post;
    out->push_back(std::move(r));
  }
  return true;
}

bool Parser::PageInfo(od::value& v, std::optional<std::string>* cursor, std::optional<bool>* has_next, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t != od::json_type::object) return Validate(v, depth);
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  ReadState lenient{true, std::nullopt};
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    if (key == "end_cursor") {
      if (!ReadCursor(fv, cursor)) return false;
    } else if (key == "has_next_page") {
      if (!ReadBool(fv, key, has_next, lenient)) return false;
    } else if (!Validate(fv, depth + 1)) {
      return false;
    }
  }
  return true;
}

// An explicitly named connection {edges:[{node}], page_info}: read strictly.
bool Parser::Connection(od::value& v, CommentShape shape, int depth) {
  if (connection_) return Validate(v, depth);  // the first connection in a document wins
  od::json_type t{};
  if (!Type(v, &t)) return false;
  ReadState strict;
  if (t == od::json_type::null) return Null(v);
  if (t != od::json_type::object) {
    return WrongType(v, "an object", shape == CommentShape::kGraphql ? kConnectionKey : kChildConnectionKey, strict);
  }
  od::object obj;
  if (auto e = v.get_object().get(obj)) return FailJson(e);
  Found found;
  found.shape = shape;
  std::optional<std::string> cursor;
  std::optional<bool> has_next;
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    if (key == "page_info") {
      if (!PageInfo(fv, &cursor, &has_next, depth + 1)) return false;
      continue;
    }
    if (key != "edges") {
      if (!Validate(fv, depth + 1)) return false;
      continue;
    }
    od::json_type et{};
    if (!Type(fv, &et)) return false;
    if (et == od::json_type::null) {
      if (!Null(fv)) return false;
      continue;
    }
    if (et != od::json_type::array) return WrongType(fv, "an array", "edges", strict);
    od::array arr;
    if (auto e = fv.get_array().get(arr)) return FailJson(e);
    for (auto er : arr) {
      od::value edge;
      if (auto e = std::move(er).get(edge)) return FailJson(e);
      od::json_type nt{};
      if (!Type(edge, &nt)) return false;
      if (nt != od::json_type::object) return WrongType(edge, "an object", "edges[]", strict);
      const std::uint64_t edge_at = At(edge);
      od::object eo;
      if (auto e = edge.get_object().get(eo)) return FailJson(e);
      bool have_node = false;
      for (auto efr : eo) {
        od::field ef;
        if (auto e = std::move(efr).get(ef)) return FailJson(e);
        std::string_view ekey;
        if (!Key(ef, &ekey)) return false;
        od::value& nv = ef.value();
        if (ekey == "node" && !have_node) {
          od::json_type ntt{};
          if (!Type(nv, &ntt)) return false;
          if (ntt != od::json_type::object) return WrongType(nv, "an object", "node", strict);
          have_node = true;
          const std::uint64_t node_at = At(nv);
          bool like = false;
          const std::size_t before = found.comments.size();
          if (!ReadComment(nv, &found.comments, strict, &like, depth + 3)) return false;
          if (found.comments[before].id.empty()) {
            return Fail(ErrorCode::kUnexpectedType, node_at, "comment without pk or id");
          }
        } else if (!Validate(nv, depth + 3)) {
          return false;
        }
      }
      if (!have_node) return Fail(ErrorCode::kUnexpectedType, edge_at, "expected \"node\" in an edge");
    }
  }
  if (has_next == false) cursor.reset();
  found.cursor = std::move(cursor);
  found.nested = depth > 3;  // deeper than {"data": {"<connection>": ...}}
  connection_ = std::move(found);
  return true;
}

bool Parser::CandidateArray(od::value& v, std::string_view key, int container, int depth) {
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t != od::json_type::array) return Walk(v, depth);  // e.g. "comments": {"count": 3} in a media object
  if (array_) return Validate(v, depth);                 // the first comment array wins
  od::array arr;
  if (auto e = v.get_array().get(arr)) return FailJson(e);
  ReadState st{true, std::nullopt};
  Found found;
  found.shape = key == "comments" ? CommentShape::kRestV1 : CommentShape::kRestReplies;
  found.container = container;
  found.nested = depth > 2;  // the array sits below the root object
  bool all_like = true;
  std::size_t elements = 0;
  for (auto er : arr) {
    od::value el;
    if (auto e = std::move(er).get(el)) return FailJson(e);
    ++elements;
    od::json_type et{};
    if (!Type(el, &et)) return false;
    if (et != od::json_type::object) {
      all_like = false;
      if (!Validate(el, depth + 1)) return false;
      continue;
    }
    bool like = false;
    if (!ReadComment(el, &found.comments, st, &like, depth + 1)) return false;
    all_like = all_like && like;
  }
  if (elements == 0) {
    if (!empty_array_) empty_array_ = std::move(found);
    return true;
  }
  if (!all_like) return true;  // not a comment list: ignored
  if (st.deferred) {
    error_ = std::move(*st.deferred);
    return false;
  }
  array_ = std::move(found);
  return true;
}

bool Parser::Walk(od::value v, int depth) {
  if (depth > kMaxSearchDepth) return Validate(v, depth);
  od::json_type t{};
  if (!Type(v, &t)) return false;
  if (t == od::json_type::object) {
    od::object obj;
    if (auto e = v.get_object().get(obj)) return FailJson(e);
    return WalkObject(obj, depth);
  }
  if (t == od::json_type::array) {
    od::array arr;
    if (auto e = v.get_array().get(arr)) return FailJson(e);
    for (auto er : arr) {
      od::value el;
      if (auto e = std::move(er).get(el)) return FailJson(e);
      if (!Walk(el, depth + 1)) return false;
    }
    return true;
  }
  return Validate(v, depth);
}

bool Parser::WalkObject(od::object& obj, int depth) {
  const int id = ++objects_;
  std::optional<std::string> cursor;
  std::optional<bool> has_more;
  std::optional<Comment> parent;
  ReadState lenient{true, std::nullopt};
  for (auto fr : obj) {
    od::field f;
    if (auto e = std::move(fr).get(f)) return FailJson(e);
    std::string_view key;
    if (!Key(f, &key)) return false;
    od::value& fv = f.value();
    bool ok = true;
    if (key == kConnectionKey) {
      ok = Connection(fv, CommentShape::kGraphql, depth + 1);
    } else if (key == kChildConnectionKey) {
      ok = Connection(fv, CommentShape::kGraphqlReplies, depth + 1);
    } else if (key == "comments" || key == "child_comments") {
      ok = CandidateArray(fv, key, id, depth + 1);
    } else if (key == "next_max_id" || key == "next_max_child_cursor") {
      // Cursor keys may come before or after the list: kept until the object ends.
      ok = ReadCursor(fv, &cursor);
    } else if (key == "has_more_comments" || key == "has_more_tail_child_comments") {
      ok = ReadBool(fv, key, &has_more, lenient);
    } else if (key == "parent_comment") {
      od::json_type t{};
      if (!Type(fv, &t)) return false;
      if (t == od::json_type::object && !parent) {
        std::vector<Comment> one;
        ReadState st{true, std::nullopt};
        bool like = false;
        ok = ReadComment(fv, &one, st, &like, depth + 1);
        if (ok && like && !st.deferred && !one.empty() && !one.front().id.empty()) parent = std::move(one.front());
      } else {
        ok = Walk(fv, depth + 1);
      }
    } else {
      ok = Walk(fv, depth + 1);
    }
    if (!ok) return false;
  }
  for (std::optional<Found>* found : {&array_, &empty_array_}) {
    if (!*found || (*found)->container != id) continue;
    (*found)->cursor = has_more == false ? std::nullopt : cursor;
    if (parent) {
      for (Comment& c : (*found)->comments) {
        if (!c.parent_id && c.id != parent->id) c.parent_id = parent->id;
      }
      (*found)->parent = parent;
    }
  }
  return true;
}

// The JSON number grammar, for a scalar root (checked by hand: simdjson 3.9.4 reads past a fixed
// buffer for root numbers of ~1000 digits, see ingest.cpp).
bool IsJsonNumber(std::string_view s) {
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

bool Parser::Run() {
  od::json_type type{};
  if (auto e = doc_.type().get(type)) return FailJson(e, 0);
  if (type == od::json_type::object) {
    od::object obj;
    if (auto e = doc_.get_object().get(obj)) return FailJson(e);
    if (!WalkObject(obj, 1)) return false;
  } else if (type == od::json_type::array) {
    od::array arr;
    if (auto e = doc_.get_array().get(arr)) return FailJson(e);
    for (auto er : arr) {
      od::value el;
      if (auto e = std::move(er).get(el)) return FailJson(e);
      if (!Walk(el, 2)) return false;
    }
  } else {
    const std::string_view text = Trim(std::string_view(base_, len_));
    const auto lead = static_cast<std::size_t>(text.data() - base_);
    if (type == od::json_type::number) {
      std::size_t end = 0;
      while (end < text.size() && !IsSpace(text[end])) ++end;
      if (end < text.size()) {
        return Fail(ErrorCode::kMalformedJson, lead + text.find_first_not_of(" \t\r\n", end),
                    "unexpected content after the JSON value");
      }
      if (!IsJsonNumber(text)) return Fail(ErrorCode::kMalformedJson, lead, "invalid JSON: expected a number");
    } else {
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
    }
    return Fail(ErrorCode::kUnknownShape, 0, "top-level scalar: expected an object holding a comment list");
  }
  if (!doc_.at_end()) return FailJson(simdjson::TRAILING_CONTENT);
  std::optional<Found>& found = connection_ ? connection_ : array_ ? array_ : empty_array_;
  if (!found) {
    return Fail(ErrorCode::kUnknownShape, 0,
                "no comment list found: expected \"comments\" or \"child_comments\" arrays of comment objects or a "
                "\"xdt_api__v1__media__media_id__comments__connection\"");
  }
  page_.shape = found->shape;
  page_.comments = std::move(found->comments);
  page_.parent = std::move(found->parent);
  page_.next_cursor = std::move(found->cursor);
  page_.nested = found->nested;
  if (page_.parent && page_.parent->post.empty()) page_.parent->post = std::string(post_);
  return true;
}

// ---- HTML ----

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool IsHtmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Position of the first `</script` (any case) at or after `from` that a browser treats as the
// end tag (followed by whitespace, '/' or '>' or the end of the text); npos if none.
std::size_t FindScriptEnd(std::string_view html, std::size_t from) {
  for (std::size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
    if (html.size() - i < 8 || !EqualsNoCase(html.substr(i + 2, 6), "script")) continue;
    if (i + 8 == html.size() || IsHtmlSpace(html[i + 8]) || html[i + 8] == '/' || html[i + 8] == '>') return i;
  }
  return std::string_view::npos;
}

}  // namespace

Result<CommentPage> ParseCommentPage(std::string_view json, const SourceInfo& source, std::string_view post) {
  if (json.size() > simdjson::SIMDJSON_MAXSIZE_BYTES - simdjson::SIMDJSON_PADDING) {
    return Error{ErrorCode::kInvalidArgument, source.name, 0, "input larger than 4 GiB"};
  }
  thread_local Padded buffer;
  thread_local od::parser parser;
  const simdjson::padded_string_view padded = buffer.Load(json);
  od::document doc;
  const error_code e = parser.iterate(padded).get(doc);
  Parser p(padded.data(), json.size(), doc, source, post);
  if (e) {
    (void)p.FailJson(e, 0);
    return std::move(p.error());
  }
  if (!p.Run()) return std::move(p.error());
  return std::move(p.page());
}

std::vector<std::string_view> ExtractEmbeddedJsonBlobs(std::string_view html) {
  std::vector<std::string_view> blobs;
  std::size_t i = 0;
  while (i < html.size()) {
    const std::size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    if (html.substr(lt, 4) == "<!--") {  // markup inside an HTML comment is no element
      const std::size_t end = html.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    i = lt + 1;
    if (html.size() - lt < 8 || !EqualsNoCase(html.substr(lt + 1, 6), "script")) continue;
    std::size_t p = lt + 7;
    if (!IsHtmlSpace(html[p]) && html[p] != '>' && html[p] != '/') continue;  // <scripts>, <script-x>
    // Attributes up to '>': name[=value], value in "", '' or bare.
    bool json_type = false;
    bool closed = false;
    while (p < html.size()) {
      while (p < html.size() && (IsHtmlSpace(html[p]) || html[p] == '/')) ++p;
      if (p >= html.size()) break;
      if (html[p] == '>') {
        closed = true;
        ++p;
        break;
      }
      const std::size_t name_start = p;
      while (p < html.size() && !IsHtmlSpace(html[p]) && html[p] != '=' && html[p] != '>' && html[p] != '/') ++p;
      const std::string_view name = html.substr(name_start, p - name_start);
      while (p < html.size() && IsHtmlSpace(html[p])) ++p;
      std::string_view value;
      if (p < html.size() && html[p] == '=') {
        ++p;
        while (p < html.size() && IsHtmlSpace(html[p])) ++p;
        if (p < html.size() && (html[p] == '"' || html[p] == '\'')) {
          const char q = html[p];
          const std::size_t end = html.find(q, p + 1);
          if (end == std::string_view::npos) {
            p = html.size();
            break;
          }
          value = html.substr(p + 1, end - p - 1);
          p = end + 1;
        } else {
          const std::size_t start = p;
          while (p < html.size() && !IsHtmlSpace(html[p]) && html[p] != '>') ++p;
          value = html.substr(start, p - start);
        }
      }
      if (EqualsNoCase(name, "type")) {
        std::string_view v = value;
        while (!v.empty() && IsHtmlSpace(v.front())) v.remove_prefix(1);
        while (!v.empty() && IsHtmlSpace(v.back())) v.remove_suffix(1);
        json_type = EqualsNoCase(v, "application/json");
      }
    }
    if (!closed) break;  // the text ended inside the start tag
    const std::size_t end = FindScriptEnd(html, p);
    const std::size_t content_end = end == std::string_view::npos ? html.size() : end;
    if (json_type) blobs.push_back(html.substr(p, content_end - p));
    i = end == std::string_view::npos ? html.size() : end + 8;
  }
  return blobs;
}

Result<CommentPage> ParseCommentPageFromHtml(std::string_view html, const SourceInfo& source, std::string_view post) {
  const std::vector<std::string_view> blobs = ExtractEmbeddedJsonBlobs(html);
  std::optional<Error> first_error;
  for (std::string_view blob : blobs) {
    Result<CommentPage> page = ParseCommentPage(blob, source, post);
    if (page.ok()) {
      page.value().nested = true;
      return page;
    }
    if (!first_error && page.error().code != ErrorCode::kUnknownShape &&
        (blob.find("comments__connection") != std::string_view::npos ||
         blob.find("\"comments\"") != std::string_view::npos)) {
      first_error = page.error();
      first_error->offset += static_cast<std::uint64_t>(blob.data() - html.data());
    }
  }
  if (first_error) return std::move(*first_error);
  return Error{ErrorCode::kUnknownShape, source.name, 0,
               "no <script type=\"application/json\"> blob holds a comment list (" + std::to_string(blobs.size()) +
                   " JSON blobs in the page)"};
}

}  // namespace swarmlens
