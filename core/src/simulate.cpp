// Follower-list simulator with ground truth, and the evaluation of the swarm detection on it.
// Distributions and their reasons: docs/swarm-detection.md ("Simulator").
#include "swarmlens/simulate.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <unordered_set>
#include <utility>

#include "swarmlens/ingest.h"

namespace swarmlens {
namespace {

/// splitmix64: the same sequence on every platform, unlike <random>'s distributions.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  /// Uniform in [0, n); n > 0.
  std::uint64_t Below(std::uint64_t n) { return Next() % n; }
  bool Chance(double p) { return Unit() < p; }
  template <class T, std::size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }
  template <class T>
  void Shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(Below(i))]);
  }

 private:
  std::uint64_t s_;
};

constexpr const char* kLatinFirst[] = {
    "sara",  "maryam", "neda",   "shirin", "leila", "nazanin", "parisa", "roya",   "mahsa",  "niloufar", "zahra",
    "fatemeh", "narges", "setareh", "yasaman", "ali", "reza",    "amir",   "hossein", "babak", "kian",    "omid",
    "arash", "dariush", "farhad", "mohammad", "mehdi", "saeed", "hamid",  "pouya",  "emma",   "lucas",  "sofia",
    "noah",  "olivia", "liam",   "mia",    "elena", "jonas",   "clara",  "anna",   "david",  "maria",  "ava",
    "tara",  "golnaz", "bahar",  "sepideh", "ramin", "kaveh",  "payam",  "shadi",  "mina",   "azadeh"};
constexpr const char* kLatinLast[] = {
    "ahmadi",  "rezaei", "hosseini", "karimi", "moradi",  "jafari", "rahimi", "sadeghi", "tehrani", "shirazi",
    "navabi",  "farahani", "mohammadi", "mousavi", "kazemi", "hashemi", "ghorbani", "bagheri", "sharifi", "azizi",
    "schmidt", "rossi",  "martin",   "jensen", "novak",   "berg",   "smith",  "garcia",  "nouri",   "amini"};
constexpr const char* kPersianFirst[] = {"سارا", "مریم", "ندا", "شیرین", "لیلا", "نازنین", "پریسا", "رویا", "مهسا",
                                         "نیلوفر", "زهرا", "فاطمه", "علی", "رضا", "امیر", "حسین", "بابک", "کیان",
                                         "امید", "آرش", "محمد", "مهدی", "سپیده", "مینا"};
constexpr const char* kPersianLast[] = {"احمدی", "رضایی", "حسینی", "کریمی", "مرادی", "جعفری", "رحیمی", "صادقی",
                                        "تهرانی", "شیرازی", "محمدی", "موسوی", "کاظمی", "هاشمی", "قربانی", "باقری"};
constexpr const char* kHobby[] = {"art", "photo", "books", "travel", "design", "music", "films", "poetry", "cafe", "yoga"};
constexpr const char* kDecor[] = {" 🌸", " ✨", " 🌿", " ♡", " 🕊️", " 🦋"};
constexpr const char* kTemplateStems[] = {"zahra_", "user", "iran.", "maryam_", "ali_", "haghighat.",
                                          "vatan_", "fateme", "reza.", "nima_", "sepid", "mahdi_"};
constexpr const char* kDefaultAvatarUrl =
    "https://scontent.cdninstagram.com/v/t51.2885-19/44884218_345707102882519_2446069589734326272_n.jpg?_nc_cat=1"
    "&ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.2-ccb7-5";

// Synthetic pk-by-creation-day curve (days since Instagram's launch, 2010-10-06): monotone and
// accelerating, shaped like public ids but NOT a calibration; the detector never maps pks to dates.
constexpr double kPkCurve[][2] = {{0, 1e5},     {548, 1.5e8},  {1186, 1.2e9}, {1917, 3.0e9}, {2648, 7.5e9},
                                  {3379, 3.5e10}, {4110, 5.2e10}, {4841, 6.6e10}, {5600, 8.0e10}, {7000, 1.0e11}};
constexpr std::int64_t kLaunch = 1286323200;  // 2010-10-06 UTC

double PkAtDay(double day) {
  constexpr std::size_t n = sizeof kPkCurve / sizeof kPkCurve[0];
  if (day <= kPkCurve[0][0]) return kPkCurve[0][1];
  for (std::size_t i = 1; i < n; ++i) {
    if (day <= kPkCurve[i][0]) {
      const double t = (day - kPkCurve[i - 1][0]) / (kPkCurve[i][0] - kPkCurve[i - 1][0]);
      return kPkCurve[i - 1][1] + t * (kPkCurve[i][1] - kPkCurve[i - 1][1]);
    }
  }
  return kPkCurve[n - 1][1];
}

/// A pk for an account created on `day`: the curve plus jitter of about a day's worth of ids,
/// because ids are allocated by shards and are only roughly ordered in time.
std::uint64_t PkFor(Rng& rng, double day) {
  const double per_day = PkAtDay(day + 0.5) - PkAtDay(day - 0.5);
  const double pk = PkAtDay(day) + (rng.Unit() - 0.5) * per_day;
  return static_cast<std::uint64_t>(std::max(1e5, pk));
}

std::string Digits(Rng& rng, std::uint32_t n, bool nonzero_first) {
  std::string s;
  for (std::uint32_t i = 0; i < n; ++i)
    s.push_back(static_cast<char>('0' + ((i == 0 && nonzero_first) ? 1 + rng.Below(9) : rng.Below(10))));
  return s;
}

std::string Title(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

struct Person {
  std::string username;
  std::string full_name;
};

/// An organic-looking username and display name.
Person OrganicPerson(Rng& rng, const Scenario& sc) {
  const std::string first = rng.Pick(kLatinFirst);
  const std::string last = rng.Pick(kLatinLast);
  Person p;
  const double style = rng.Unit();
  if (rng.Chance(sc.organic_digit_tail)) {
    // Some real people do use long numbers (phone endings, lucky numbers): organic noise on purpose.
    const std::string sep = rng.Chance(0.5) ? "_" : "";
    const auto len = 3 + static_cast<std::uint32_t>(rng.Below(4));
    p.username = first + sep + Digits(rng, len, true);
  } else if (sc.organic_convention > 0 && rng.Chance(sc.organic_convention)) {
    // A common naming habit: given name + the family name's first three letters + 3 digits.
    // Drawn only when asked for, so scenarios without it keep their bytes.
    constexpr const char* kSeparators[] = {"", "_", "."};
    p.username = first + kSeparators[rng.Below(3)] + last.substr(0, 3) + Digits(rng, 3, true);
  } else if (style < 0.24) {
    p.username = first + "." + last;
  } else if (style < 0.36) {
    p.username = first + "_" + last;
  } else if (style < 0.48) {
    p.username = first + last;
  } else if (style < 0.58) {
    p.username = first + "_" + last.substr(0, 3) + Digits(rng, 2, true);
  } else if (style < 0.66) {
    const std::string century = rng.Chance(0.5) ? "19" : "20";
    p.username = first + century + Digits(rng, 2, false);  // a birth year
  } else if (style < 0.75) {
    p.username = first + "." + rng.Pick(kHobby);
  } else if (style < 0.82) {
    p.username = first + "." + last + "_";
  } else if (style < 0.88) {
    p.username = first.substr(0, 1) + "." + last;
  } else if (style < 0.94) {
    p.username = "the." + first + (rng.Chance(0.5) ? "" : "." + std::string(rng.Pick(kHobby)));
  } else {
    p.username = first + "_" + last + "_" + rng.Pick(kHobby);
  }
  const double name_style = rng.Unit();
  if (name_style < 0.08) {
    p.full_name = "";
  } else if (name_style < 0.08 + sc.organic_persian_script) {
    p.full_name = rng.Pick(kPersianFirst);
    if (rng.Chance(0.85)) p.full_name += " " + std::string(rng.Pick(kPersianLast));
  } else if (name_style < 0.88) {
    p.full_name = Title(first) + (rng.Chance(0.85) ? " " + Title(last) : "");
  } else if (name_style < 0.94) {
    p.full_name = first + " " + last;  // Finglish, lower case
  } else {
    p.full_name = Title(first) + rng.Pick(kDecor);  // one draw per statement: operand order is unspecified
  }
  return p;
}

void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out.push_back('\\');
      out.push_back(ch);
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  out.push_back('"');
}

struct SimAccount {
  std::uint64_t pk = 0;
  Person person;
  bool is_private = false;
  bool is_verified = false;
  bool anonymous = false;
  std::int64_t story = 0;
  std::string pic_url;
  std::string pic_id;
  bool swarm = false;
  std::string group;
  std::string avatar_key;
  std::string transform;
};

void AppendUser(std::string& out, const SimAccount& a) {
  const std::string pk = std::to_string(a.pk);
  out += "    {\n      \"pk\": \"" + pk + "\",\n      \"pk_id\": \"" + pk + "\",\n      \"id\": \"" + pk +
         "\",\n      \"strong_id__\": \"" + pk + "\",\n      \"fbid_v2\": \"" +
         std::to_string(17841400000000000ULL + a.pk % 10000000000ULL) + "\",\n      \"username\": ";
  AppendJsonString(out, a.person.username);
  out += ",\n      \"full_name\": ";
  AppendJsonString(out, a.person.full_name);
  out += ",\n      \"is_private\": ";
  out += a.is_private ? "true" : "false";
  out += ",\n      \"is_verified\": ";
  out += a.is_verified ? "true" : "false";
  out += ",\n      \"third_party_downloads_enabled\": 0,\n";
  if (!a.anonymous) out += "      \"profile_pic_id\": \"" + a.pic_id + "\",\n";
  out += "      \"profile_pic_url\": ";
  AppendJsonString(out, a.pic_url);
  out += ",\n      \"has_anonymous_profile_picture\": ";
  out += a.anonymous ? "true" : "false";
  out += ",\n      \"account_badges\": [],\n      \"latest_reel_media\": " + std::to_string(a.story) + "\n    }";
}

Error Invalid(std::string_view source, std::uint64_t line, std::string message) {
  Error e;
  e.code = ErrorCode::kInvalidArgument;
  e.source = std::string(source);
  e.offset = line;
  e.message = std::move(message);
  return e;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool ParseDouble(std::string_view v, double* out) {
  const std::string s(v);
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(d)) return false;
  *out = d;
  return true;
}

template <class T>
bool ParseUnsigned(std::string_view v, T* out) {
  if (v.empty() || v.size() > 19) return false;
  std::uint64_t x = 0;
  for (const char ch : v) {
    if (ch < '0' || ch > '9') return false;
    x = x * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  if (x > static_cast<std::uint64_t>(static_cast<T>(-1) >> (std::is_signed_v<T> ? 1 : 0))) return false;
  *out = static_cast<T>(x);
  return true;
}

}  // namespace

Result<Scenario> ParseScenario(std::string_view text, std::string_view source_name) {
  Scenario sc;
  struct Field {
    const char* key;
    double* d = nullptr;
    std::uint32_t* u = nullptr;
    std::int64_t* i = nullptr;
    std::string* s = nullptr;
  };
  const Field fields[] = {
      {"name", nullptr, nullptr, nullptr, &sc.name},
      {"page_size", nullptr, &sc.page_size},
      {"now", nullptr, nullptr, &sc.now},
      {"organic.count", nullptr, &sc.organic_count},
      {"organic.years", &sc.organic_years},
      {"organic.private", &sc.organic_private},
      {"organic.default_avatar", &sc.organic_default_avatar},
      {"organic.story", &sc.organic_story},
      {"organic.persian_script", &sc.organic_persian_script},
      {"organic.digit_tail", &sc.organic_digit_tail},
      {"organic.convention", &sc.organic_convention},
      {"organic.verified", &sc.organic_verified},
      {"swarm.count", nullptr, &sc.swarm_count},
      {"swarm.created_days_before", &sc.swarm_created_days_before},
      {"swarm.created_spread_days", &sc.swarm_created_spread_days},
      {"swarm.username.template", &sc.swarm_username_template},
      {"swarm.username.random", &sc.swarm_username_random},
      {"swarm.username.realistic", &sc.swarm_username_realistic},
      {"swarm.template_stems", nullptr, &sc.swarm_template_stems},
      {"swarm.digits_min", nullptr, &sc.swarm_digits_min},
      {"swarm.digits_max", nullptr, &sc.swarm_digits_max},
      {"swarm.name.empty", &sc.swarm_name_empty},
      {"swarm.name.username", &sc.swarm_name_username},
      {"swarm.name.pool", &sc.swarm_name_pool},
      {"swarm.name.pool_size", nullptr, &sc.swarm_name_pool_size},
      {"swarm.private", &sc.swarm_private},
      {"swarm.anonymous_avatar", &sc.swarm_anonymous_avatar},
      {"swarm.avatar_pool", nullptr, &sc.swarm_avatar_pool},
      {"swarm.story", &sc.swarm_story},
      {"swarm.order", nullptr, nullptr, nullptr, &sc.swarm_order},
      {"swarm.start", nullptr, &sc.swarm_start},
      {"swarm.interleave", &sc.swarm_interleave},
      {"swarm.window", nullptr, &sc.swarm_window},
  };
  std::uint64_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos)
      return Invalid(source_name, line_no, "line " + std::to_string(line_no) + ": expected key = value");
    const std::string_view key = Trim(line.substr(0, eq));
    const std::string_view value = Trim(line.substr(eq + 1));
    const Field* field = nullptr;
    for (const Field& f : fields)
      if (key == f.key) field = &f;
    if (field == nullptr)
      return Invalid(source_name, line_no, "line " + std::to_string(line_no) + ": unknown key \"" + std::string(key) + "\"");
    bool ok = true;
    if (field->d) ok = ParseDouble(value, field->d);
    if (field->u) ok = ParseUnsigned(value, field->u);
    if (field->i) ok = ParseUnsigned(value, field->i);
    if (field->s) *field->s = std::string(value);
    if (!ok)
      return Invalid(source_name, line_no,
                     "line " + std::to_string(line_no) + ": bad value \"" + std::string(value) + "\" for " + field->key);
  }
  if (sc.swarm_order != "burst" && sc.swarm_order != "interleaved")
    return Invalid(source_name, 0, "swarm.order must be \"burst\" or \"interleaved\"");
  return sc;
}

std::string SimulatedList::LabelsCsv() const {
  std::string out = "position,username,label,group\n";
  for (const LabelRow& l : labels)
    out += std::to_string(l.position) + "," + l.username + "," + (l.swarm ? "swarm" : "organic") + "," + l.group + "\n";
  return out;
}

std::string SimulatedList::AvatarsCsv() const {
  std::string out = "username,avatar_key,transform\n";
  for (const AvatarRow& a : avatars) out += a.username + "," + a.avatar_key + "," + a.transform + "\n";
  return out;
}

Result<SimulatedList> Simulate(const Scenario& sc, std::uint64_t seed) {
  if (sc.page_size == 0) return Invalid(sc.name, 0, "page_size must be at least 1");
  if (sc.swarm_digits_min == 0 || sc.swarm_digits_min > sc.swarm_digits_max || sc.swarm_digits_max > 18)
    return Invalid(sc.name, 0, "need 1 <= swarm.digits_min <= swarm.digits_max <= 18");
  if (sc.swarm_template_stems == 0 || sc.swarm_template_stems > std::size(kTemplateStems))
    return Invalid(sc.name, 0, "swarm.template_stems must be 1.." + std::to_string(std::size(kTemplateStems)));
  if (sc.organic_count + static_cast<std::uint64_t>(sc.swarm_count) > 5000000)
    return Invalid(sc.name, 0, "at most 5,000,000 accounts");
  Rng rng(seed ^ 0x5357524d4c454e53ULL);
  const double now_day = static_cast<double>(sc.now - kLaunch) / 86400.0;
  std::unordered_set<std::string> used;
  auto unique_name = [&](std::string name) {
    // A clash gets letters, never digits: digits would fake a template.
    while (!used.insert(name).second) name += static_cast<char>('a' + rng.Below(26));
    return name;
  };
  auto picture = [&](SimAccount& a) {
    // One draw per statement: the order in which operands of one expression are evaluated is
    // unspecified, and GCC and clang (wasm) differ, which would break cross-platform bytes.
    const std::string d1 = Digits(rng, 9, true);
    const std::string d2 = Digits(rng, 15, true);
    const std::string d3 = Digits(rng, 19, true);
    a.pic_url = "https://scontent.cdninstagram.com/v/t51.2885-19/" + d1 + "_" + d2 + "_" + d3 +
                "_n.jpg?stp=dst-jpg_s150x150";
    a.pic_id = Digits(rng, 19, true) + "_" + std::to_string(a.pk);
  };
  auto organic_day = [&] {
    // Density falls linearly with age: recent accounts are likelier than old ones.
    const double age_years = sc.organic_years * (1 - std::sqrt(rng.Unit()));
    return std::max(1.0, now_day - age_years * 365.25);
  };

  std::vector<SimAccount> organic(sc.organic_count);
  for (std::uint32_t i = 0; i < sc.organic_count; ++i) {
    SimAccount& a = organic[i];
    a.pk = PkFor(rng, organic_day());
    a.person = OrganicPerson(rng, sc);
    a.person.username = unique_name(a.person.username);
    a.is_private = rng.Chance(sc.organic_private);
    a.is_verified = rng.Chance(sc.organic_verified);
    a.anonymous = rng.Chance(sc.organic_default_avatar);
    a.story = rng.Chance(sc.organic_story) ? sc.now - static_cast<std::int64_t>(rng.Below(86400)) : 0;
    if (a.anonymous) {
      a.pic_url = kDefaultAvatarUrl;
      a.avatar_key = "default";
    } else {
      picture(a);
      a.avatar_key = "organic-" + std::to_string(i);
    }
  }

  // The swarm's stems, reused names and pictures.
  std::vector<std::string> stems(std::begin(kTemplateStems), std::end(kTemplateStems));
  rng.Shuffle(stems);
  stems.resize(sc.swarm_template_stems);
  std::vector<std::string> name_pool;
  for (std::uint32_t i = 0; i < std::max<std::uint32_t>(1, sc.swarm_name_pool_size); ++i) {
    const std::string first = rng.Pick(kPersianFirst);
    name_pool.push_back(first + " " + rng.Pick(kPersianLast));
  }
  const double username_total =
      std::max(1e-9, sc.swarm_username_template + sc.swarm_username_random + sc.swarm_username_realistic);
  std::vector<SimAccount> swarm(sc.swarm_count);
  for (std::uint32_t i = 0; i < sc.swarm_count; ++i) {
    SimAccount& a = swarm[i];
    a.swarm = true;
    const double day = sc.swarm_created_days_before < 0
                           ? organic_day()
                           : std::min(now_day, now_day - sc.swarm_created_days_before +
                                                   (rng.Unit() - 0.5) * sc.swarm_created_spread_days);
    a.pk = PkFor(rng, day);
    const double style = rng.Unit() * username_total;
    if (style < sc.swarm_username_template) {
      a.group = "template";
      const std::uint32_t d =
          sc.swarm_digits_min + static_cast<std::uint32_t>(rng.Below(sc.swarm_digits_max - sc.swarm_digits_min + 1));
      const std::string& stem = stems[static_cast<std::size_t>(rng.Below(stems.size()))];
      a.person.username = stem + Digits(rng, d, false);
    } else if (style < sc.swarm_username_template + sc.swarm_username_random) {
      a.group = "random";
      if (rng.Chance(0.6)) {
        a.person.username = rng.Pick(kLatinFirst);
        a.person.username += Digits(rng, 8, true);
      } else {
        const char* alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
        const std::uint64_t len = 10 + rng.Below(5);
        a.person.username.push_back(static_cast<char>('a' + rng.Below(26)));
        for (std::uint64_t k = 1; k < len; ++k) a.person.username.push_back(alnum[rng.Below(36)]);
      }
    } else {
      a.group = "realistic";
      a.person.username = OrganicPerson(rng, sc).username;
    }
    a.person.username = unique_name(a.person.username);
    const double name_style = rng.Unit();
    if (name_style < sc.swarm_name_empty) {
      a.person.full_name = "";
    } else if (name_style < sc.swarm_name_empty + sc.swarm_name_username) {
      a.person.full_name = a.person.username;
    } else if (name_style < sc.swarm_name_empty + sc.swarm_name_username + sc.swarm_name_pool) {
      a.person.full_name = name_pool[static_cast<std::size_t>(rng.Below(name_pool.size()))];
    } else {
      a.person.full_name = OrganicPerson(rng, sc).full_name;
    }
    a.is_private = rng.Chance(sc.swarm_private);
    a.anonymous = rng.Chance(sc.swarm_anonymous_avatar);
    a.story = rng.Chance(sc.swarm_story) ? sc.now - static_cast<std::int64_t>(rng.Below(86400)) : 0;
    if (a.anonymous) {
      a.pic_url = kDefaultAvatarUrl;
      a.avatar_key = "default";
    } else {
      picture(a);  // every re-upload gets its own URL and id, even of the same picture
      if (sc.swarm_avatar_pool > 0) {
        a.avatar_key = "pool-" + std::to_string(rng.Below(sc.swarm_avatar_pool));
        const auto quality = static_cast<unsigned>(60 + rng.Below(36));
        const double crop = 0.08 * rng.Unit();
        const int hue = static_cast<int>(rng.Below(21)) - 10;
        const unsigned size = rng.Chance(0.5) ? 150 : 320;
        char buf[96];
        std::snprintf(buf, sizeof buf, "quality=%u;crop=%.2f;hue=%d;size=%u", quality, crop, hue, size);
        a.transform = buf;
      } else {
        a.avatar_key = "swarm-" + std::to_string(i);
      }
    }
  }

  // Follow order, newest first.
  rng.Shuffle(organic);
  std::vector<const SimAccount*> order;
  order.reserve(organic.size() + swarm.size());
  std::size_t next_organic = 0;
  const std::size_t start = std::min<std::size_t>(sc.swarm_start, organic.size());
  while (next_organic < start) order.push_back(&organic[next_organic++]);
  if (sc.swarm_order == "burst") {
    for (const SimAccount& a : swarm) {
      order.push_back(&a);
      if (next_organic < organic.size() && rng.Chance(sc.swarm_interleave)) order.push_back(&organic[next_organic++]);
    }
  } else {
    const std::size_t rest = organic.size() - next_organic;
    const std::size_t window =
        sc.swarm_window == 0 ? rest + swarm.size() : std::max<std::size_t>(sc.swarm_window, swarm.size());
    std::vector<char> slot(std::min(window, rest + swarm.size()), 0);
    for (std::size_t k = 0; k < swarm.size() && k < slot.size(); ++k) slot[k] = 1;
    rng.Shuffle(slot);
    std::size_t next_swarm = 0;
    for (const char is_swarm : slot) {
      if (is_swarm) {
        order.push_back(&swarm[next_swarm++]);
      } else if (next_organic < organic.size()) {
        order.push_back(&organic[next_organic++]);
      }
    }
    while (next_swarm < swarm.size()) order.push_back(&swarm[next_swarm++]);
  }
  while (next_organic < organic.size()) order.push_back(&organic[next_organic++]);

  SimulatedList out;
  const std::size_t pages = (order.size() + sc.page_size - 1) / sc.page_size;
  for (std::size_t p = 0; p < std::max<std::size_t>(pages, 1); ++p) {
    std::string page = "{\n  \"users\": [\n";
    const std::size_t first = p * sc.page_size;
    const std::size_t last = std::min(order.size(), first + sc.page_size);
    for (std::size_t k = first; k < last; ++k) {
      AppendUser(page, *order[k]);
      page += k + 1 < last ? ",\n" : "\n";
    }
    const bool more = p + 1 < pages;
    char cursor[64];
    std::snprintf(cursor, sizeof cursor, "\"QVFE%08zu\"", last);
    page += std::string("  ],\n  \"big_list\": true,\n  \"page_size\": ") + std::to_string(sc.page_size) +
            ",\n  \"next_max_id\": " + (more ? std::string(cursor) : std::string("null")) +
            ",\n  \"has_more\": " + (more ? "true" : "false") +
            ",\n  \"should_limit_list_of_followers\": false,\n  \"status\": \"ok\"\n}\n";
    out.pages.push_back(std::move(page));
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    const SimAccount& a = *order[k];
    out.labels.push_back({static_cast<std::uint32_t>(k), a.person.username, a.swarm, a.group});
    out.avatars.push_back({a.person.username, a.avatar_key, a.transform});
  }
  return out;
}

SwarmEvaluation Evaluate(std::span<const LabelRow> labels, std::span<const Level> levels,
                         std::span<const Cluster> clusters) {
  SwarmEvaluation e;
  std::vector<signed char> is_swarm;  // by position: -1 unknown, 0 organic, 1 swarm
  std::uint32_t swarm_high = 0, swarm_medium = 0, organic_high = 0, organic_medium = 0;
  for (const LabelRow& l : labels) {
    if (is_swarm.size() <= l.position) is_swarm.resize(l.position + 1, -1);
    is_swarm[l.position] = l.swarm ? 1 : 0;
    const Level level = l.position < levels.size() ? levels[l.position] : Level::kLow;
    const bool high = level == Level::kHigh;
    const bool medium = level != Level::kLow;
    if (l.swarm) {
      ++e.swarm;
      swarm_high += high;
      swarm_medium += medium;
    } else {
      ++e.organic;
      organic_high += high;
      organic_medium += medium;
    }
  }
  auto share = [](std::uint32_t a, std::uint32_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; };
  e.recall_high = share(swarm_high, e.swarm);
  e.recall_medium = share(swarm_medium, e.swarm);
  e.fpr_high = share(organic_high, e.organic);
  e.fpr_medium = share(organic_medium, e.organic);
  std::uint32_t memberships = 0, swarm_memberships = 0;
  std::vector<std::vector<bool>> covered(kClusterKindCount, std::vector<bool>(is_swarm.size(), false));
  for (const Cluster& c : clusters) {
    const auto k = static_cast<std::size_t>(c.kind);
    std::uint32_t s = 0;
    for (const std::uint32_t id : c.members) {
      if (id < is_swarm.size() && is_swarm[id] == 1) {
        ++s;
        covered[k][id] = true;
      }
    }
    const auto size = static_cast<std::uint32_t>(c.members.size());
    memberships += size;
    swarm_memberships += s;
    e.min_cluster_purity = std::min(e.min_cluster_purity, share(s, size));
    ++e.kinds[k].clusters;
    e.kinds[k].members += size;
    e.kinds[k].swarm_members += s;
  }
  if (memberships > 0) e.cluster_purity = share(swarm_memberships, memberships);
  for (std::size_t k = 0; k < kClusterKindCount; ++k)
    e.kinds[k].swarm_coverage =
        share(static_cast<std::uint32_t>(std::count(covered[k].begin(), covered[k].end(), true)), e.swarm);
  return e;
}

Result<SwarmEvaluation> EvaluateScenario(const Scenario& scenario, std::uint64_t seed, const ListSignalOptions& options,
                                         const EvidenceWeights& weights) {
  auto sim = Simulate(scenario, seed);
  if (!sim) return sim.error();
  const SimulatedList& list = sim.value();
  std::vector<Account> accounts;
  std::vector<Score> scores;
  ListAnalyzer analyzer(options);
  for (std::size_t p = 0; p < list.pages.size(); ++p) {
    SourceInfo src;
    src.name = scenario.name + " page " + std::to_string(p + 1);
    src.list = ListKind::kFollowers;
    src.first_position = static_cast<std::uint32_t>(accounts.size());
    auto page = ParseFollowerPage(list.pages[p], src);
    if (!page) return page.error();
    const std::size_t first = accounts.size();
    for (Account& a : page.value().accounts) {
      scores.push_back(ScoreAccount(a));
      accounts.push_back(std::move(a));
    }
    std::vector<ListMember> members;
    for (std::size_t i = first; i < accounts.size(); ++i) {
      ListMember m;
      m.id = static_cast<std::uint32_t>(i);
      m.position = static_cast<std::uint32_t>(i);
      m.pk = accounts[i].pk;
      m.username = accounts[i].username;
      if (accounts[i].full_name) m.full_name = std::string_view(*accounts[i].full_name);
      m.account_score = scores[i].score;
      members.push_back(m);
    }
    analyzer.AddPage(members);
  }
  const std::vector<Cluster> clusters = analyzer.Clusters();
  const auto by_member = ClustersByMember(clusters);
  const LevelThresholds thresholds;
  std::vector<Level> levels(accounts.size(), Level::kLow), account_levels(accounts.size(), Level::kLow);
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    std::vector<const Cluster*> mine;
    if (const auto it = by_member.find(static_cast<std::uint32_t>(i)); it != by_member.end())
      for (const std::uint32_t c : it->second) mine.push_back(&clusters[c]);
    const CombinedEvidence combined = CombineEvidence(scores[i].logit, mine, weights);
    // The engine's rule: `high` needs a corroborating cluster or a stand-alone score (verified cap included).
    levels[i] = ListMemberLevel(scores[i].logit, combined, scores[i].tier, accounts[i].is_verified.value_or(false),
                                thresholds);
    account_levels[i] = scores[i].level;
  }
  SwarmEvaluation e = Evaluate(list.labels, levels, clusters);
  const SwarmEvaluation base = Evaluate(list.labels, account_levels, {});
  e.account_only_recall_high = base.recall_high;
  e.account_only_fpr_high = base.fpr_high;
  return e;
}

}  // namespace swarmlens

namespace swarmlens {

std::optional<PerceptualHash> SimulatedAvatarHash(const AvatarRow& row, std::uint64_t seed) {
  if (row.avatar_key.empty() || row.avatar_key == "default") return std::nullopt;
  auto text_seed = [](std::string_view text) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a: stable across platforms
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
    return h;
  };
  // The source picture: its hash, and per side the order in which cropping that side flips its
  // bits (nested: two crops of one side differ by their difference, as shifted images do).
  Rng source(seed ^ text_seed(row.avatar_key));
  std::array<std::uint64_t, 4> base{};
  for (std::uint64_t& w : base) w = source.Next();
  std::array<std::vector<int>, 4> order;  // left, top, right, bottom
  for (auto& o : order) {
    o.resize(256);
    for (int i = 0; i < 256; ++i) o[static_cast<std::size_t>(i)] = i;
    source.Shuffle(o);
  }

  double quality = 100, crop = 0, hue = 0, size = 150;
  for (std::size_t at = 0; at < row.transform.size();) {
    std::size_t end = row.transform.find(';', at);
    if (end == std::string::npos) end = row.transform.size();
    const std::string part = row.transform.substr(at, end - at);
    at = end + 1;
    const std::size_t eq = part.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = part.substr(0, eq);
    const double value = std::strtod(part.c_str() + eq + 1, nullptr);
    if (key == "quality") quality = value;
    else if (key == "crop") crop = value;
    else if (key == "hue") hue = value;
    else if (key == "size") size = value;
  }
  // The copy is cropped on one side, chosen per copy; re-encoding, hue and size flip a few bits
  // of the frame and of every crop variant alike.
  Rng copy(seed ^ text_seed(row.username) ^ 0x5bd1e995ULL);
  std::array<double, 4> cut{};  // left, top, right, bottom
  cut[static_cast<std::size_t>(copy.Below(4))] = crop;
  std::array<std::uint64_t, 4> noise{};
  const int noise_bits = static_cast<int>(std::lround((100 - quality) / 8 + std::fabs(hue) / 2)) + (size > 150 ? 2 : 0);
  for (int i = 0; i < noise_bits; ++i) {
    const auto bit = static_cast<int>(copy.Below(256));
    noise[static_cast<std::size_t>(bit / 64)] ^= 1ULL << (bit % 64);
  }
  // The hash of the source cut by `sides`: 1000 bits per unit of crop on each side.
  auto hash_of = [&](const std::array<double, 4>& sides) {
    std::array<std::uint64_t, 4> w = base;
    for (std::size_t s = 0; s < 4; ++s) {
      const int bits = std::min(256, static_cast<int>(std::lround(1000 * sides[s])));
      for (int i = 0; i < bits; ++i) {
        const int bit = order[s][static_cast<std::size_t>(i)];
        w[static_cast<std::size_t>(bit / 64)] ^= 1ULL << (bit % 64);
      }
    }
    for (std::size_t i = 0; i < 4; ++i) w[i] ^= noise[i];
    return w;
  };
  PerceptualHash hash;
  hash.quality = 80;
  hash.words = hash_of(cut);
  // The crop variants ComputePerceptualHash would add: this copy cut further by each CropVariantBox.
  for (int v = 1; v <= kCropVariants; ++v) {
    const CropBox box = CropVariantBox(v);
    hash.crops[static_cast<std::size_t>(v - 1)] =
        hash_of({cut[0] + box.left, cut[1] + box.top, cut[2] + box.right, cut[3] + box.bottom});
  }
  hash.crop_count = static_cast<std::uint8_t>(kCropVariants);
  return hash;
}

}  // namespace swarmlens
