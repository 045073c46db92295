#include "swarmlens/report.h"

#include "utf8.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

namespace swarmlens {

namespace {

constexpr char kHex[] = "0123456789abcdef";

/// Length of the valid UTF-8 sequence at s[i], or 0 if invalid (overlongs, surrogates, > U+10FFFF).
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  char32_t cp = 0;
  return utf8::Decode(s, i, &cp);
}

void AppendUnsigned(std::string& out, std::uint64_t value) {
  char buf[20];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

/// Fixed-point with `decimals` digits (0..6), without snprintf: number formatting dominated the
/// cost of the result JSON, most of all in wasm. Non-finite values become null.
void AppendFixed(std::string& out, double value, int decimals) {
  static constexpr double kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  if (!std::isfinite(value) || std::fabs(value) >= 1e12) {
    out += "null";
    return;
  }
  const double scaled = std::round(std::fabs(value) * kScale[decimals]);
  auto units = static_cast<std::uint64_t>(scaled);
  if (value < 0 && units != 0) out += '-';
  const auto scale = static_cast<std::uint64_t>(kScale[decimals]);
  AppendUnsigned(out, units / scale);
  if (decimals == 0) return;
  out += '.';
  std::uint64_t frac = units % scale;
  char digits[6];
  for (int i = decimals - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  out.append(digits, static_cast<std::size_t>(decimals));
}

void AppendOptionalBool(std::string& out, const std::optional<bool>& value) {
  out += value ? (*value ? "true" : "false") : "null";
}

void AppendOptionalString(std::string& out, const std::optional<std::string>& value) {
  if (value) AppendJsonString(out, *value);
  else out += "null";
}

void AppendCsvCell(std::string& out, std::string_view cell) {
  // Spreadsheets execute cells that start with these characters: neutralise them.
  const bool formula = !cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' ||
                                         cell[0] == '@' || cell[0] == '\t' || cell[0] == '\r');
  out += '"';
  if (formula) out += '\'';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

// Visits the account reasons and the swarm reasons merged by |weight|, strongest first (both
// lists are sorted that way already).
template <class OnReason, class OnListReason>
void VisitReasons(const Score& s, OnReason on_reason, OnListReason on_list) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < s.reasons.size() || j < s.list_reasons.size()) {
    const bool take_list = j < s.list_reasons.size() &&
                           (i == s.reasons.size() || std::fabs(s.list_reasons[j].weight) >= std::fabs(s.reasons[i].weight));
    if (take_list) on_list(s.list_reasons[j++]);
    else on_reason(s.reasons[i++]);
  }
}

namespace {

std::string ReasonsSummary(const Score& score) {
  std::string out;
  for (const ReasonLine& r : MergedReasons(score)) {
    if (!out.empty()) out += "; ";
    out += r.text;
  }
  return out;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size();) {
    // Fast path: copy a run of printable ASCII that needs no escaping in one append.
    std::size_t run = i;
    while (run < text.size()) {
      const auto b = static_cast<unsigned char>(text[run]);
      if (b < 0x20 || b >= 0x7F || b == '"' || b == '\\') break;
      ++run;
    }
    if (run != i) {
      out.append(text.data() + i, run - i);
      i = run;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20 || c == 0x7F) {
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    const std::size_t n = Utf8SequenceLength(text, i);
    if (n == 0) {
      out += "\\ufffd";  // invalid byte: never pass it on
      ++i;
      continue;
    }
    // U+2028 / U+2029 are valid JSON but break JavaScript string literals: escape them.
    if (n == 3 && c == 0xE2 && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
    } else {
      out.append(text.data() + i, n);
    }
    i += n;
  }
  out += '"';
}

void AppendAccountJson(std::string& out, const Account& account, const Score& score) {
  out += "{\"kind\":\"account\",\"username\":";
  AppendJsonString(out, account.username);
  out += ",\"pk\":";
  if (account.pk) {
    out += '"';
    AppendUnsigned(out, *account.pk);  // a string: JS numbers lose precision past 2^53
    out += '"';
  } else {
    out += "null";
  }
  out += ",\"full_name\":";
  AppendOptionalString(out, account.full_name);
  out += ",\"score\":";
  AppendFixed(out, score.score, 4);
  out += ",\"level\":\"";
  out += LevelName(score.level);
  out += "\",\"tier\":\"";
  out += ModelTierName(score.tier);
  out += "\",\"reasons\":[";
  bool first_reason = true;
  VisitReasons(
      score,
      [&](const Reason& r) {
        if (!first_reason) out += ',';
        first_reason = false;
        out += "{\"code\":";
        AppendJsonString(out, r.code);
        out += ",\"weight\":";
        AppendFixed(out, r.weight, 3);
        out += ",\"text\":\"";
        AppendReasonText(out, r);  // core-written ASCII without quotes or backslashes: no escaping needed
        out += "\"}";
      },
      [&](const ListReason& r) {
        if (!first_reason) out += ',';
        first_reason = false;
        out += "{\"code\":";
        AppendJsonString(out, r.code);
        out += ",\"weight\":";
        AppendFixed(out, r.weight, 3);
        out += ",\"text\":";
        AppendJsonString(out, r.text);  // may quote a username pattern: attacker text, escaped
        out += '}';
      });
  out += "],\"private\":";
  AppendOptionalBool(out, account.is_private);
  out += ",\"verified\":";
  AppendOptionalBool(out, account.is_verified);
  out += ",\"anonymous_avatar\":";
  AppendOptionalBool(out, account.anonymous_avatar);
  out += ",\"lists\":[";
  for (std::size_t i = 0; i < account.sightings.size(); ++i) {
    const Sighting& s = account.sightings[i];
    if (i) out += ',';
    out += "{\"list\":\"";
    out += ListKindName(s.list);
    out += "\",\"owner\":";
    AppendJsonString(out, s.owner);
    out += ",\"position\":";
    AppendUnsigned(out, s.position);
    if (s.listed_at) {
      out += ",\"listed_at\":";
      out += std::to_string(*s.listed_at);
    }
    out += '}';
  }
  out += "]}";
}

std::string CsvHeader() { return "rank,username,pk,full_name,score,level,reasons\r\n"; }

void AppendAccountCsv(std::string& out, std::size_t rank, const Account& account, const Score& score) {
  out += std::to_string(rank);
  out += ',';
  AppendCsvCell(out, account.username);
  out += ',';
  out += account.pk ? std::to_string(*account.pk) : std::string();
  out += ',';
  AppendCsvCell(out, account.full_name.value_or(""));
  out += ',';
  AppendFixed(out, score.score, 4);
  out += ',';
  out += LevelName(score.level);
  out += ',';
  AppendCsvCell(out, ReasonsSummary(score));
  out += "\r\n";
}

std::string ConstantsJson() {
  std::string out = "{\"version\":\"0.1.0\",\"levels\":[";
  for (Level level : {Level::kLow, Level::kMedium, Level::kHigh}) {
    if (level != Level::kLow) out += ',';
    out += '"';
    out += LevelName(level);
    out += '"';
  }
  out += "],\"reasons\":[";
  bool first = true;
  for (const ReasonInfo& info : ReasonCatalog()) {
    if (!first) out += ',';
    first = false;
    out += "{\"code\":";
    AppendJsonString(out, info.code);
    out += ",\"description\":";
    AppendJsonString(out, info.description);
    out += '}';
  }
  for (const SwarmReasonInfo& info : SwarmReasonCatalog()) {
    out += ",{\"code\":";
    AppendJsonString(out, info.code);
    out += ",\"description\":";
    AppendJsonString(out, info.description);
    out += '}';
  }
  out += "],\"cluster_kinds\":[";
  for (std::size_t k = 0; k < kClusterKindCount; ++k) {
    if (k) out += ',';
    out += '"';
    out += ClusterKindName(static_cast<ClusterKind>(k));
    out += '"';
  }
  out += "],\"shapes\":[";
  first = true;
  for (PayloadShape shape : {PayloadShape::kFriendshipsV1, PayloadShape::kGraphqlXdt, PayloadShape::kGraphqlEdgeLegacy,
                             PayloadShape::kDyiFollowers, PayloadShape::kDyiFollowing, PayloadShape::kWebProfileInfo,
                             PayloadShape::kProfilePageGraphql, PayloadShape::kUserInfo,
                             PayloadShape::kGraphqlXdtProfile, PayloadShape::kProfilePage2017,
                             PayloadShape::kDyiConnections, PayloadShape::kActivityFeed}) {
    if (!first) out += ',';
    first = false;
    out += '"';
    out += PayloadShapeName(shape);
    out += '"';
  }
  // Levels are per tier; "medium"/"high" at the top stay for older readers and are the list tier's.
  out += "],\"comment_kinds\":[";
  for (CommentKind kind : {CommentKind::kComment, CommentKind::kMessage, CommentKind::kMessageRequest}) {
    if (kind != CommentKind::kComment) out += ',';
    out += '"';
    out += CommentKindName(kind);
    out += '"';
  }
  out += "],\"lists\":[";
  for (ListKind list : {ListKind::kUnknown, ListKind::kFollowers, ListKind::kFollowing, ListKind::kNotifications}) {
    if (list != ListKind::kUnknown) out += ',';
    out += '"';
    out += ListKindName(list);
    out += '"';
  }
  out += "],\"thresholds\":{\"medium\":";
  const LevelThresholds t;
  AppendFixed(out, t.list.medium, 4);
  out += ",\"high\":";
  AppendFixed(out, t.list.high, 4);
  for (ModelTier tier : {ModelTier::kList, ModelTier::kProfile}) {
    out += ",\"";
    out += ModelTierName(tier);
    out += "\":{\"medium\":";
    AppendFixed(out, t.For(tier).medium, 4);
    out += ",\"high\":";
    AppendFixed(out, t.For(tier).high, 4);
    out += '}';
  }
  out += "}}";
  return out;
}

std::string IngestResultJson(const Engine& engine, const IngestSummary& summary) {
  std::string out = "{\"ok\":true,\"shape\":\"";
  out += PayloadShapeName(summary.shape);
  out += "\",\"list\":\"";
  out += ListKindName(summary.list);
  out += "\",\"next_cursor\":";
  AppendOptionalString(out, summary.next_cursor);
  out += ",\"new_accounts\":";
  out += std::to_string(summary.new_accounts);
  out += ",\"total_accounts\":";
  out += std::to_string(engine.size());
  out += ",\"accounts\":[";
  for (std::size_t i = 0; i < summary.accounts.size(); ++i) {
    if (i) out += ',';
    const std::size_t index = summary.accounts[i];
    AppendAccountJson(out, engine.account(index), engine.ScoreAt(index));
  }
  out += "],\"updated\":[";
  for (std::size_t i = 0; i < summary.updated.size(); ++i) {
    if (i) out += ',';
    const std::size_t index = summary.updated[i];
    AppendAccountJson(out, engine.account(index), engine.ScoreAt(index));
  }
  out += "],\"clusters\":";
  AppendClustersSummary(out, engine);
  out += '}';
  return out;
}

std::string AvatarResultJson(const Engine& engine, const AvatarSummary& summary, const PerceptualHash& hash) {
  std::string out = "{\"ok\":true,\"status\":\"";
  out += AvatarStatusName(summary.result.status);
  out += "\",\"cluster_size\":";
  AppendUnsigned(out, summary.result.cluster_size);
  out += ",\"quality\":";
  AppendUnsigned(out, static_cast<std::uint64_t>(hash.quality < 0 ? 0 : hash.quality));
  out += ",\"hash\":\"";
  out += PerceptualHashToHex(hash);
  out += "\",\"updated\":[";
  for (std::size_t i = 0; i < summary.updated.size(); ++i) {
    if (i) out += ',';
    const std::size_t index = summary.updated[i];
    AppendAccountJson(out, engine.account(index), engine.ScoreAt(index));
  }
  out += "],\"clusters\":";
  AppendClustersSummary(out, engine);
  out += '}';
  return out;
}

std::string FlushResultJson(const Engine& engine, const std::vector<std::size_t>& updated) {
  std::string out = "{\"ok\":true,\"updated\":[";
  for (std::size_t i = 0; i < updated.size(); ++i) {
    if (i) out += ',';
    AppendAccountJson(out, engine.account(updated[i]), engine.ScoreAt(updated[i]));
  }
  out += "],\"clusters\":";
  AppendClustersSummary(out, engine);
  out += '}';
  return out;
}

std::string SnapshotInfoJson(const SnapshotInfo& info) {
  return "{\"ok\":true,\"version\":" + std::to_string(info.version) + ",\"accounts\":" + std::to_string(info.accounts) +
         ",\"lists\":" + std::to_string(info.lists) + ",\"comments\":" + std::to_string(info.comments) +
         ",\"threads\":" + std::to_string(info.threads) + "}";
}

std::string ErrorJson(const Error& error) {
  std::string out = "{\"ok\":false,\"error\":{\"code\":\"";
  out += ErrorCodeName(error.code);
  out += "\",\"source\":";
  AppendJsonString(out, error.source);
  out += ",\"offset\":";
  out += std::to_string(error.offset);
  out += ",\"message\":";
  AppendJsonString(out, error.message);
  out += ",\"text\":";
  AppendJsonString(out, error.ToString());
  out += "}}";
  return out;
}

void AppendClustersSummary(std::string& out, const Engine& engine) {
  out += '[';
  bool first = true;
  for (const ListCluster& c : engine.Clusters(/*refresh=*/false)) {  // what the badges reflect
    if (!first) out += ',';
    first = false;
    AppendClusterJson(out, engine, c, /*with_members=*/false);
  }
  out += ']';
}

std::string RankedJson(const Engine& engine) {
  std::string out = "{\"ok\":true,\"accounts\":[";
  bool first = true;
  for (const ScoredAccount& s : engine.Ranked()) {
    if (!first) out += ',';
    first = false;
    AppendAccountJson(out, *s.account, s.score);
  }
  out += "],\"clusters\":[";
  first = true;
  for (const ListCluster& c : engine.Clusters()) {
    if (!first) out += ',';
    first = false;
    AppendClusterJson(out, engine, c, /*with_members=*/true);
  }
  out += "]}";
  return out;
}

std::vector<ReasonLine> MergedReasons(const Score& score) {
  std::vector<ReasonLine> out;
  out.reserve(score.reasons.size() + score.list_reasons.size());
  VisitReasons(
      score, [&](const Reason& r) { out.push_back({r.code, r.weight, ReasonText(r)}); },
      [&](const ListReason& r) { out.push_back({r.code, r.weight, r.text}); });
  return out;
}

void AppendClusterJson(std::string& out, const Engine& engine, const ListCluster& lc, bool with_members) {
  const Cluster& c = lc.cluster;
  out += "{\"kind\":\"cluster\",\"cluster_kind\":\"";
  out += ClusterKindName(c.kind);
  if (!lc.post) {
    out += "\",\"list\":\"";
    out += ListKindName(lc.list);
    out += "\",\"owner\":";
    AppendJsonString(out, lc.owner);
  } else {  // the distinct commenters of one post
    out += "\",\"list\":\"commenters\",\"post\":";
    AppendJsonString(out, *lc.post);
  }
  out += ",\"size\":";
  AppendUnsigned(out, c.members.size());
  out += ",\"strength\":";
  AppendFixed(out, c.strength, 2);
  out += ",\"expected\":";
  AppendFixed(out, c.expected, 2);
  out += ",\"key\":";
  AppendJsonString(out, c.key);
  out += ",\"description\":";
  AppendJsonString(out, c.description);
  if (c.kind == ClusterKind::kCohort) {
    out += ",\"pk_low\":\"";
    AppendUnsigned(out, c.low);
    out += "\",\"pk_high\":\"";
    AppendUnsigned(out, c.high);
    out += '"';
  } else if (c.kind == ClusterKind::kBurst) {
    out += ",\"first_position\":";
    AppendUnsigned(out, c.low);
    out += ",\"last_position\":";
    AppendUnsigned(out, c.high);
    if (c.time_high > c.time_low || c.time_low != 0) {  // every follow of the window carried its time
      out += ",\"first_time\":";
      out += std::to_string(c.time_low);
      out += ",\"last_time\":";
      out += std::to_string(c.time_high);
    }
  } else if (c.concentration >= 0) {  // username template, display name
    out += ",\"concentration\":";
    AppendFixed(out, c.concentration, 2);
    out += ",\"matching\":";
    AppendUnsigned(out, c.matching);
  }
  if (with_members) {
    out += ",\"members\":[";
    for (std::size_t i = 0; i < c.members.size(); ++i) {
      if (i) out += ',';
      const std::uint32_t id = c.members[i];
      if (id >= engine.size()) {
        AppendJsonString(out, std::string_view());
      } else if (const Account& a = engine.account(id); a.username.empty() && a.pk) {
        out += '"';  // an account known by its id only (Facebook's profile.php?id= links)
        AppendUnsigned(out, *a.pk);
        out += '"';
      } else {
        AppendJsonString(out, a.username);
      }
    }
    out += ']';
  }
  out += '}';
}

void AppendCommentJson(std::string& out, const Engine& engine, const ScoredComment& sc) {
  const Comment& c = *sc.comment;
  out += "{\"kind\":\"comment\",\"comment_kind\":\"";
  out += CommentKindName(c.kind);
  out += "\",\"id\":";
  AppendJsonString(out, c.id);
  out += ",\"post\":";
  AppendJsonString(out, c.post);
  out += ",\"thread_id\":";
  if (c.thread_id.empty()) {
    out += "null";
  } else {
    AppendJsonString(out, c.thread_id);
  }
  out += ",\"parent_id\":";
  AppendOptionalString(out, c.parent_id);
  out += ",\"created_at\":";
  if (c.created_at) out += std::to_string(*c.created_at);
  else out += "null";
  out += ",\"author\":";
  if (sc.author) {
    const Account& a = engine.account(*sc.author);
    AppendJsonString(out, a.username);
    out += ",\"author_pk\":";
    if (a.pk) {
      out += '"';
      AppendUnsigned(out, *a.pk);
      out += '"';
    } else {
      out += "null";
    }
    out += ",\"author_score\":";
    AppendFixed(out, sc.author_score.score, 4);
    out += ",\"author_level\":\"";
    out += LevelName(sc.author_score.level);
    out += '"';
  } else {
    out += "null,\"author_pk\":null,\"author_score\":null,\"author_level\":null";
  }
  out += ",\"text\":";
  AppendJsonString(out, c.text);
  out += ",\"threat\":{\"score\":";
  AppendFixed(out, sc.threat.score, 4);
  out += ",\"level\":\"";
  out += ThreatLevelName(ThreatLevelOf(sc.threat.score));
  out += "\",\"lexicon_score\":";
  AppendFixed(out, sc.threat.lexicon_score, 4);
  out += ",\"model_score\":";
  AppendFixed(out, sc.threat.model_score, 4);
  out += ",\"matches\":";
  // Lexicon matches (threats, insults) with the span of the comment they matched.
  auto append_matches = [&](const std::vector<ThreatMatch>& matches) {
    out += '[';
    for (std::size_t i = 0; i < matches.size(); ++i) {
      const ThreatMatch& m = matches[i];
      if (i) out += ',';
      out += "{\"category\":";
      AppendJsonString(out, m.category);
      out += ",\"gloss\":";
      AppendJsonString(out, m.gloss);
      out += ",\"weight\":";
      AppendFixed(out, m.weight, 3);
      out += ",\"begin\":";
      AppendUnsigned(out, m.span.begin);
      out += ",\"end\":";
      AppendUnsigned(out, m.span.end);
      out += ",\"text\":";
      const std::size_t b = std::min(m.span.begin, c.text.size());
      const std::size_t e = std::min(std::max(m.span.end, b), c.text.size());
      AppendJsonString(out, std::string_view(c.text).substr(b, e - b));
      out += '}';
    }
    out += ']';
  };
  append_matches(sc.threat.matches);
  out += "},\"harassment\":{\"score\":";
  AppendFixed(out, sc.harassment.score, 4);
  out += ",\"flagged\":";
  out += sc.harassment.flagged ? "true" : "false";
  out += ",\"model\":";
  AppendJsonString(out, HarassmentModelName());
  out += ",\"model_score\":";
  AppendFixed(out, sc.harassment.model_score, 4);
  out += ",\"insults\":";
  append_matches(sc.harassment.insults);
  out += ",\"slogans\":";
  append_matches(sc.harassment.slogans);
  out += "},\"campaign\":[";
  for (std::size_t i = 0; i < sc.campaign.size(); ++i) {
    if (i) out += ',';
    out += "{\"code\":";
    AppendJsonString(out, sc.campaign[i].code);
    out += ",\"strength\":";
    AppendFixed(out, sc.campaign[i].strength, 2);
    out += ",\"text\":";
    AppendJsonString(out, sc.campaign[i].text);
    out += '}';
  }
  // Reasons: one line per thing a person should know, strongest first by construction.
  out += "],\"reasons\":[";
  bool first = true;
  auto reason = [&](std::string_view code, double weight, const std::string& text) {
    if (!first) out += ',';
    first = false;
    out += "{\"code\":";
    AppendJsonString(out, code);
    out += ",\"weight\":";
    AppendFixed(out, weight, 3);
    out += ",\"text\":";
    AppendJsonString(out, text);
    out += '}';
  };
  for (const ThreatMatch& m : sc.threat.matches) {
    const std::size_t b = std::min(m.span.begin, c.text.size());
    const std::size_t e = std::min(std::max(m.span.end, b), c.text.size());
    reason("threat_" + std::string(m.category), m.weight,
           "threat (" + std::string(m.category) + "): " + std::string(m.gloss) + " - \"" +
               std::string(std::string_view(c.text).substr(b, e - b)) + "\"");
  }
  for (const ThreatMatch& m : sc.harassment.insults) {
    const std::size_t b = std::min(m.span.begin, c.text.size());
    const std::size_t e = std::min(std::max(m.span.end, b), c.text.size());
    reason("insult_" + std::string(m.category), m.weight,
           std::string(m.gloss) + " - \"" + std::string(std::string_view(c.text).substr(b, e - b)) + "\"");
  }
  if (sc.threat.model_score >= kViolenceModelThreshold) {
    char buf[112];
    std::snprintf(buf, sizeof buf, "violent or threatening language (violent-speech model score %.2f)",
                  sc.threat.model_score);
    const double p = std::min(sc.threat.model_score, 1.0 - 1e-12);
    reason("threat_model", std::log(p / (1.0 - p)), buf);
  }
  if (sc.harassment.model_score >= kHarassmentThreshold) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "offensive or harassing language (model score %.2f)", sc.harassment.model_score);
    const double p = std::min(sc.harassment.model_score, 1.0 - 1e-12);
    reason("harassment", std::log(p / (1.0 - p)), buf);
  }
  for (const CampaignReason& r : sc.campaign) reason(r.code, r.strength, r.text);
  if (sc.author && sc.author_score.level != Level::kLow) {
    reason(sc.author_score.level == Level::kHigh ? "author_high_risk" : "author_medium_risk", sc.author_score.logit,
           std::string("the author's account is ") + LevelName(sc.author_score.level) + " risk");
  }
  out += "]}";
}

std::string CommentResultJson(const Engine& engine, const CommentSummary& summary) {
  std::string out = "{\"ok\":true,\"shape\":\"";
  out += CommentShapeName(summary.shape);
  out += "\",\"next_cursor\":";
  AppendOptionalString(out, summary.next_cursor);
  out += ",\"new_comments\":";
  AppendUnsigned(out, summary.new_comments);
  out += ",\"comments\":[";
  for (std::size_t i = 0; i < summary.comments.size(); ++i) {
    if (i) out += ',';
    AppendCommentJson(out, engine, engine.ScoreComment(summary.comments[i]));
  }
  out += "],\"campaigns\":[";
  bool first = true;
  for (const auto& [post, campaign] : engine.Campaigns()) {
    if (!first) out += ',';
    first = false;
    AppendCampaignJson(out, post, campaign);
  }
  out += "]}";
  return out;
}

void AppendAnalysisJsonl(std::string& out, const Engine& engine) {
  for (const ListCluster& c : engine.Clusters()) {
    AppendClusterJson(out, engine, c, /*with_members=*/true);
    out += '\n';
  }
  for (const ScoredComment& c : engine.Comments()) {
    AppendCommentJson(out, engine, c);
    out += '\n';
  }
  for (const auto& [post, campaign] : engine.Campaigns()) {
    AppendCampaignJson(out, post, campaign);
    out += '\n';
  }
}

void AppendCampaignJson(std::string& out, const std::string& post, const Campaign& c) {
  out += "{\"kind\":\"campaign\",\"campaign_kind\":\"";
  out += CampaignKindName(c.kind);
  out += "\",\"post\":";
  AppendJsonString(out, post);
  out += ",\"size\":";
  AppendUnsigned(out, c.members.size());
  out += ",\"accounts\":";
  AppendUnsigned(out, c.accounts);
  out += ",\"strength\":";
  AppendFixed(out, c.strength, 2);
  out += ",\"expected\":";
  AppendFixed(out, c.expected, 2);
  out += ",\"representative\":";
  AppendJsonString(out, c.representative);
  out += ",\"description\":";
  AppendJsonString(out, c.description);
  out += ",\"members\":[";
  for (std::size_t i = 0; i < c.members.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, c.members[i].comment_id);
  }
  out += "]}";
}

}  // namespace swarmlens
