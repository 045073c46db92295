// swarmlens: command-line tool over the core, for researchers with exported follower lists.
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "image_decode.h"
#include "swarmlens/case_bundle.h"
#include "swarmlens/case_report.h"
#include "swarmlens/hidden_words.h"
#include "swarmlens/simulate.h"
#include "swarmlens/swarmlens.h"

namespace fs = std::filesystem;
using namespace swarmlens;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitUsage = 2;

constexpr const char* kHelp = R"(swarmlens - local bot-risk scores for Instagram follower lists

Usage:
  swarmlens analyze [options] FILE|DIR|- ...
  swarmlens simulate SCENARIO [--seed N] --out DIR
  swarmlens evaluate [--seeds N] SCENARIO...
  swarmlens report --state FILE --out DIR [--payloads FILE|DIR ...]
  swarmlens report --bundle FILE --out DIR
  swarmlens hidden-words [--lang fa,fa-Latn,en] [--only threats|insults] [--min-weight W] [--format text|lines|csv]
  swarmlens --help | --version

analyze reads follower / following payloads, merges the accounts (by id, else username),
scores every account and prints them ranked, highest risk first.

Inputs (every field optional, unknown keys ignored):
  - Instagram web app pages: REST /api/v1/friendships/<id>/followers/ ("users", "next_max_id"),
    GraphQL "XDT" user lists, legacy GraphQL edge_followed_by / edge_follow
  - Meta "Download your information" exports: followers_1.json, following.json
    (older and newer layouts; latin-1 mojibake in names is repaired), and the 2019-2020
    connections.json (followers and following with their follow times)
  - profile payloads (web_profile_info, /users/<id>/info, profile page GraphQL, the 2017
    ?__a=1 profile page): profile tier
  - the activity feed /api/v1/news/inbox/: its new-follower notifications, as the list
    "notifications" (newest first)
  - comment threads: REST /api/v1/media/<id>/comments/ and replies, the GraphQL comments
    connection, or a post's HTML page with the first page embedded as JSON; facebook.com
    /api/graphql/ comment and reply responses (also "for (;;);"-guarded and streamed, one JSON
    document a line); a post page's GraphQL media (shortcode_media: edge_media_to_parent_comment,
    edge_media_to_comment, edge_media_preview_comment). Each comment is
    checked for threats (Persian, Finglish, English lexicon), offensive language (a model trained
    on ParsOffensive) and copy-paste / burst campaigns; its author is scored like any account.
  - direct messages: /api/v1/direct_v2/inbox/, /pending_inbox/ (message requests) and
    /threads/<id>/: each text message is checked like a comment and its sender scored; all
    message requests form one thread, so one text sent by many new accounts is a campaign.
  FILE  a JSON file; DIR  every *.json below it, in name order; -  standard input.
  Pages of one list should be given in list order (newest follow first): positions continue
  across the files of the same list and owner.

Options:
  --format table|jsonl|csv   output format (default: table)
  --list followers|following|notifications
                             what the inputs are lists of (default: from the payload, else unknown)
  --owner NAME               whose list it is (shown in jsonl "lists")
  --limit N                  print only the N highest-risk accounts (table and csv; jsonl prints all)
  --avatars DIR              profile pictures as image files named <username>.<ext> (JPEG, PNG, ...):
                             hashed (256-bit DCT perceptual hash) to find shared pictures
  --avatar-hashes FILE       precomputed picture hashes, CSV: username,hash_hex,quality[,exact_hex]
  --state FILE               the case file: loaded first when it exists (everything earlier runs
                             ingested), written back after the inputs (to FILE.tmp-PID, then
                             renamed over FILE, so the previous case survives a failed run).
                             Two runs over two halves of the inputs print what one run over all
                             of them prints. With --state, inputs are optional.
  --allow FILE               accounts you know (one a line: a username, or '#' and the id): never
                             shown above low, not counted as swarm members; kept in the case file
  -h, --help                 this text
  --version                  print the version

Output formats:
  table  rank, level, score, username, display name and the strongest reasons
  jsonl  one JSON object per line (the contract scripts rely on; see README): accounts
         {"kind":"account","username","pk","full_name","score","level","tier",
          "reasons":[{"code","weight","text"}],"private","verified","anonymous_avatar","lists":[...]},
         then {"kind":"cluster",...}, {"kind":"comment",...} and {"kind":"campaign",...} lines
  csv    rank,username,pk,full_name,score,level,reasons

Swarms: the accounts of each list (one list per --list/--owner, or per payload) are also
analysed together: creation cohorts (dense bands of account ids), follow bursts, username
templates, reused display names and shared profile pictures. Clusters are printed after the
ranked accounts (jsonl: {"kind":"cluster",...} lines) and add their evidence to each member's
score as "swarm_*" reasons. The distinct commenters of each post are analysed the same way, in
order of their first comment (clusters with "list":"commenters" and the "post").

simulate writes a synthetic follower list with ground truth from a scenario file
(examples/scenarios/): DIR/followers/page_NNN.json (REST pages), DIR/labels.csv,
DIR/avatars.csv and DIR/avatar_hashes.csv (simulated picture hashes for --avatar-hashes).
report writes the case of a --state file to DIR: report.html (self-contained: no scripts, no
external resources; a cover sheet with counts by category in the terms Meta's report forms use
(threats, harassment, hate, coordinated inauthentic behaviour, spam), the swarms with their
members and a chart of account id (creation order) against follow order, the threatening and
abusive comments with their authors, the flagged accounts, the SHA-256 of every payload),
accounts.csv, comments.csv, case.json (everything, with the payload manifest), SHA256SUMS and
bundle.zip: the case to share with someone you trust (case.json, the case file, every captured
payload as read, named by its SHA-256, and a SHA256SUMS manifest; store-only zip). The case
file keeps each payload's SHA-256, not its bytes: report re-reads the payloads from the file
names analyze was given, and from --payloads FILE|DIR (any file below DIR) if they moved; a file
whose SHA-256 is not one of the case's is left out, and payloads not found are listed on stderr.
report --bundle opens such a bundle read only (nothing is written back): it checks every file
against the manifest and refuses a changed, renamed, added or removed file naming it, then
writes the same report.html, CSV, case.json and SHA256SUMS the sender's report had, and prints
the SHA-256 of the bundle's manifest for you to compare with the one the sender tells you.
evaluate runs each scenario over N seeds (default 3) through the same pipeline and prints swarm
recall, organic false-positive rate (level high; and medium or high), cluster purity and which
signals covered the swarm.
hidden-words prints a custom Hidden Words list (Instagram and Facebook: Settings -> Hidden Words
-> custom words and phrases; they hide comments and message requests containing any of them):
the threat and insult lexicons' patterns written out as literal phrases (common spellings, with
and without the ZWNJ of Persian verbs), only phrases SwarmLens itself flags alone, threats first.
--format text (default): one comma-separated line to paste; lines: one phrase a line; csv: with
language, lexicon, category, weight and meaning, to review. Review the list before pasting it.

Exit status: 0 success; 1 bad input (each error on stderr with file, byte offset and what was
expected; the valid inputs are still reported); 2 bad usage.
)";

struct Options {
  std::string format = "table";
  ListKind list = ListKind::kUnknown;
  std::string owner;
  long limit = -1;
  std::vector<std::string> inputs;
  std::vector<std::string> avatar_dirs;
  std::vector<std::string> avatar_hash_files;
  std::string state;  ///< --state: the case file to continue and write back.
  std::vector<std::string> allow_files;  ///< --allow: accounts the person knows.
  std::string out_dir;                   ///< report --out.
};

int Usage(const std::string& message) {
  std::fprintf(stderr, "swarmlens: %s\nTry 'swarmlens --help'.\n", message.c_str());
  return kExitUsage;
}

bool ReadAll(std::istream& in, std::string& out) {
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// Display text for a terminal: attacker-written names must not carry escape sequences.
std::string TerminalSafe(std::string_view text, std::size_t max_code_points) {
  std::string out;
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80) {
      if (points == max_code_points) {
        out += "...";
        return out;
      }
      ++points;
    }
    if (c < 0x20 || c == 0x7F) out += ' ';
    else out += static_cast<char>(c);
  }
  // Drop C1 controls (U+0080..U+009F, encoded C2 80..C2 9F) that some terminals honour.
  std::string clean;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (static_cast<unsigned char>(out[i]) == 0xC2 && i + 1 < out.size() &&
        static_cast<unsigned char>(out[i + 1]) >= 0x80 && static_cast<unsigned char>(out[i + 1]) <= 0x9F) {
      ++i;
      clean += ' ';
      continue;
    }
    clean += out[i];
  }
  return clean;
}

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string Pad(const std::string& s, std::size_t width) {
  const std::size_t n = CodePoints(s);
  return n >= width ? s : s + std::string(width - n, ' ');
}

// Profile pictures: image files named <username>.<ext> in --avatars folders, and precomputed
// hashes in --avatar-hashes CSV files (username,hash_hex,quality[,exact_hex]).
bool AddAvatars(const Options& opt, Engine& engine) {
  bool ok = true;
  auto add = [&](const std::string& where, const std::string& username, const PerceptualHash& hash,
                 std::optional<std::uint64_t> exact) {
    const std::optional<std::size_t> index = engine.Find(username);
    if (!index) return;  // a picture of an account not in the inputs: nothing to attach it to
    auto r = engine.AddAvatar(*index, hash, exact);
    if (!r) {
      std::fprintf(stderr, "swarmlens: %s: %s\n", where.c_str(), r.error().message.c_str());
      ok = false;
    }
  };
  for (const std::string& dir : opt.avatar_dirs) {
    std::error_code ec;
    std::vector<fs::path> files;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) {
      std::fprintf(stderr, "swarmlens: %s: cannot read folder: %s\n", dir.c_str(), ec.message().c_str());
      ok = false;
      continue;
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      std::string error;
      std::uint64_t exact = 0;
      const std::optional<PerceptualHash> hash = cli::HashImageFile(file.string(), &error, &exact);
      if (!hash) {
        std::fprintf(stderr, "swarmlens: %s\n", error.c_str());
        ok = false;
        continue;
      }
      add(file.string(), file.stem().string(), *hash, exact);
    }
  }
  for (const std::string& path : opt.avatar_hash_files) {
    std::ifstream in(path, std::ios::binary);
    std::string text;
    if (!in || !ReadAll(in, text)) {
      std::fprintf(stderr, "swarmlens: %s: cannot read: %s\n", path.c_str(), std::strerror(errno));
      ok = false;
      continue;
    }
    std::size_t line_no = 0;
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string row = text.substr(start, end - start);
      start = end + 1;
      ++line_no;
      if (!row.empty() && row.back() == '\r') row.pop_back();
      if (row.empty() || row[0] == '#' || row.rfind("username,", 0) == 0) continue;
      std::vector<std::string> cells;
      std::size_t from = 0;
      for (std::size_t comma; (comma = row.find(',', from)) != std::string::npos; from = comma + 1)
        cells.push_back(row.substr(from, comma - from));
      cells.push_back(row.substr(from));
      const std::string where = path + ":" + std::to_string(line_no);
      char* endp = nullptr;
      const long quality = cells.size() >= 3 ? std::strtol(cells[2].c_str(), &endp, 10) : -1;
      std::optional<PerceptualHash> hash;
      if (cells.size() >= 3 && endp && *endp == '\0' && quality >= 0 && quality <= 100)
        hash = PerceptualHashFromHex(cells[1], static_cast<int>(quality));
      if (!hash) {
        std::fprintf(stderr,
                     "swarmlens: %s: expected username,hash_hex(64 hex digits, or 704 with the crop variants),"
                     "quality(0-100)[,exact_hex]\n",
                     where.c_str());
        ok = false;
        continue;
      }
      std::optional<std::uint64_t> exact;
      if (cells.size() >= 4 && !cells[3].empty()) {
        const unsigned long long v = std::strtoull(cells[3].c_str(), &endp, 16);
        if (*endp != '\0') {
          std::fprintf(stderr, "swarmlens: %s: exact_hex is not hexadecimal\n", where.c_str());
          ok = false;
          continue;
        }
        exact = v;
      }
      add(where, cells[0], *hash, exact);
    }
  }
  return ok;
}

// The case file of --state: loaded when it exists; an unreadable or refused one stops the run
// (its state is not overwritten).
bool LoadCase(const std::string& path, Engine& engine) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return true;
  std::ifstream in(path, std::ios::binary);
  std::string bytes;
  if (!in || !ReadAll(in, bytes)) {
    std::fprintf(stderr, "swarmlens: %s: cannot read: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  auto r = engine.Load(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
                       path);
  if (!r) {
    std::fprintf(stderr, "swarmlens: %s (the case file is left as it is)\n", r.error().ToString().c_str());
    return false;
  }
  return true;
}

// Unix seconds of a file's last modification (0 when unknown).
std::int64_t FileTime(const fs::path& path) {
  std::error_code ec;
  const auto t = fs::last_write_time(path, ec);
  if (ec) return 0;
  const auto system = std::chrono::time_point_cast<std::chrono::seconds>(
      t - fs::file_time_type::clock::now() + std::chrono::system_clock::now());
  return static_cast<std::int64_t>(system.time_since_epoch().count());
}

// --allow FILE: one account a line, a username (an '@' before it is dropped) or '#' + its pk;
// blank lines and lines starting with "//" are skipped.
bool AddAllowlist(const std::string& path, Engine& engine) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "swarmlens: %s: cannot read: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line.compare(start, 2, "//") == 0) continue;
    if (line[start] == '@') ++start;
    std::string key = line.substr(start);
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    engine.Allow(key);
  }
  return true;
}

// Writes the case file atomically: a temporary file beside it, flushed to disk, renamed over it.
bool SaveCase(const std::string& path, const Engine& engine) {
  const std::vector<std::uint8_t> bytes = engine.Save();
  const std::string temp = path + ".tmp-" + std::to_string(static_cast<long>(getpid()));
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  bool ok = f != nullptr;
  if (ok) ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (ok) ok = std::fflush(f) == 0 && fsync(fileno(f)) == 0;
  if (f != nullptr && std::fclose(f) != 0) ok = false;
  if (ok) ok = std::rename(temp.c_str(), path.c_str()) == 0;
  if (!ok) {
    std::fprintf(stderr, "swarmlens: %s: cannot write the case file: %s (the previous one is kept)\n", path.c_str(),
                 std::strerror(errno));
    std::remove(temp.c_str());
  }
  return ok;
}

int Analyze(const Options& opt) {
  Engine engine;
  engine.set_track_updates(false);  // batch: clusters are computed once, for the ranking
  bool bad_input = false;
  std::size_t files = 0;
  // Positions continue across pages of the same (list, owner), and across runs of one case file.
  std::map<std::pair<int, std::string>, std::uint32_t> next_position;
  if (!opt.state.empty() && !LoadCase(opt.state, engine)) return kExitBadInput;
  const std::string position_note = "cli.next_position." + std::to_string(static_cast<int>(opt.list)) + "." + opt.owner;
  if (auto note = engine.Note(position_note)) {
    next_position[{static_cast<int>(opt.list), opt.owner}] = static_cast<std::uint32_t>(std::strtoul(note->c_str(), nullptr, 10));
  }

  // captured_at: the file's modification time (when the export or capture was saved), 0 for stdin.
  auto ingest = [&](const std::string& name, const std::string& text, std::int64_t captured_at) {
    SourceInfo source{.name = name, .list = opt.list, .owner = opt.owner, .seen_at = captured_at};
    const auto key = std::make_pair(static_cast<int>(opt.list), opt.owner);
    source.first_position = next_position[key];
    Result<IngestSummary> r = engine.Ingest(text, source);
    if (!r) {
      // Not an account payload: it may be a comment thread (JSON, or a post's HTML page).
      const std::size_t first = text.find_first_not_of(" \t\r\n");
      const bool html = first != std::string::npos && text[first] == '<';
      // Facebook guards its responses with "for (;;);" and streams them as several documents,
      // which the account parser calls malformed.
      const bool facebook = first != std::string::npos && text.compare(first, 9, "for (;;);") == 0;
      if (r.error().code == ErrorCode::kUnknownShape || r.error().code == ErrorCode::kMalformedJson || html) {
        Result<CommentSummary> c = engine.IngestComments(text, source);
        if (c) {
          ++files;
          return;
        }
        // Report the comment parser's error when it recognised a comment payload (or HTML).
        if (html || facebook ||
            (r.error().code == ErrorCode::kUnknownShape && c.error().code != ErrorCode::kUnknownShape)) {
          std::fprintf(stderr, "swarmlens: %s\n", c.error().ToString().c_str());
          bad_input = true;
          return;
        }
      }
      std::fprintf(stderr, "swarmlens: %s\n", r.error().ToString().c_str());
      bad_input = true;
      return;
    }
    ++files;
    next_position[key] += static_cast<std::uint32_t>(r.value().accounts.size());
  };

  for (const std::string& input : opt.inputs) {
    std::string text;
    if (input == "-") {
      if (!ReadAll(std::cin, text)) {
        std::fprintf(stderr, "swarmlens: <stdin>: read error\n");
        bad_input = true;
        continue;
      }
      ingest("<stdin>", text, 0);
      continue;
    }
    std::error_code ec;
    std::vector<fs::path> paths;
    if (fs::is_directory(input, ec)) {
      for (auto it = fs::recursive_directory_iterator(input, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".json") paths.push_back(it->path());
      }
      std::sort(paths.begin(), paths.end());
      if (paths.empty()) {
        std::fprintf(stderr, "swarmlens: %s: no .json files in this folder\n", input.c_str());
        bad_input = true;
      }
    } else {
      paths.emplace_back(input);
    }
    for (const fs::path& path : paths) {
      std::ifstream in(path, std::ios::binary);
      if (!in || !ReadAll(in, text)) {
        std::fprintf(stderr, "swarmlens: %s: cannot read: %s\n", path.string().c_str(), std::strerror(errno));
        bad_input = true;
        continue;
      }
      ingest(path.string(), text, FileTime(path));
    }
  }

  if (!AddAvatars(opt, engine)) bad_input = true;
  for (const std::string& file : opt.allow_files)
    if (!AddAllowlist(file, engine)) bad_input = true;
  // Saved before anything is scored: the analyses a later run continues have then seen exactly
  // what one run over all the inputs would have seen when it scores.
  if (!opt.state.empty()) {
    for (const auto& [key, next] : next_position) {
      engine.SetNote("cli.next_position." + std::to_string(key.first) + "." + key.second, std::to_string(next));
    }
    if (!SaveCase(opt.state, engine)) return kExitBadInput;
  }

  const std::vector<ScoredAccount> ranked = engine.Ranked();
  const std::size_t shown =
      (opt.limit >= 0 && opt.format != "jsonl") ? std::min<std::size_t>(ranked.size(), static_cast<std::size_t>(opt.limit))
                                                : ranked.size();
  std::string out;
  if (opt.format == "jsonl") {
    for (const ScoredAccount& s : ranked) {
      AppendAccountJson(out, *s.account, s.score);
      out += '\n';
    }
    AppendAnalysisJsonl(out, engine);
  } else if (opt.format == "csv") {
    out = CsvHeader();
    for (std::size_t i = 0; i < shown; ++i) AppendAccountCsv(out, i + 1, *ranked[i].account, ranked[i].score);
  } else {
    std::size_t counts[3] = {0, 0, 0};
    for (const ScoredAccount& s : ranked) ++counts[static_cast<int>(s.score.level)];
    char line[160];
    out += Pad("RANK", 6) + Pad("LEVEL", 8) + Pad("SCORE", 7) + Pad("USERNAME", 26) + Pad("DISPLAY NAME", 22) + "REASONS\n";
    for (std::size_t i = 0; i < shown; ++i) {
      const ScoredAccount& s = ranked[i];
      std::snprintf(line, sizeof line, "%zu", i + 1);
      out += Pad(line, 6);
      out += Pad(LevelName(s.score.level), 8);
      std::snprintf(line, sizeof line, "%.2f", s.score.score);
      out += Pad(line, 7);
      out += Pad(TerminalSafe(s.account->username.empty() ? "(id " + std::to_string(s.account->pk.value_or(0)) + ")"
                                                          : s.account->username, 24), 26);
      out += Pad(s.account->full_name ? (s.account->full_name->empty() ? "(empty)" : TerminalSafe(*s.account->full_name, 20))
                                      : "(unknown)", 22);
      std::string reasons;
      int listed = 0;
      const std::vector<ReasonLine> lines = MergedReasons(s.score);
      for (const ReasonLine& r : lines) {
        if (r.weight <= 0 || listed == 3) continue;  // the strongest risk reasons
        if (listed++) reasons += "; ";
        reasons += r.text;
      }
      if (reasons.empty() && !lines.empty()) reasons = lines.front().text;
      out += TerminalSafe(reasons, 120);
      out += '\n';
    }
    if (shown < ranked.size()) out += "... " + std::to_string(ranked.size() - shown) + " more (use --limit)\n";
    const std::vector<ListCluster> clusters = engine.Clusters();
    if (!clusters.empty()) {
      out += "\nSWARMS (clusters of accounts unlikely to occur by chance; strength = -log10 p)\n";
      out += Pad("KIND", 19) + Pad("LIST", 24) + Pad("SIZE", 6) + Pad("STRENGTH", 10) + "DESCRIPTION\n";
      for (const ListCluster& c : clusters) {
        out += Pad(ClusterKindName(c.cluster.kind), 19);
        std::string list = c.post ? "commenters of " + (c.post->empty() ? std::string("a post") : *c.post)
                                  : std::string(ListKindName(c.list));
        if (!c.post && !c.owner.empty()) list += " of " + c.owner;
        out += Pad(TerminalSafe(list, 20), 24);
        out += Pad(std::to_string(c.cluster.members.size()), 6);
        std::snprintf(line, sizeof line, "%.1f", c.cluster.strength);
        out += Pad(line, 10);
        out += TerminalSafe(c.cluster.description, 120);
        out += '\n';
      }
    }
    if (engine.comment_count() > 0) {
      std::size_t flagged = 0, messages = 0;
      std::string rows;
      const std::vector<ScoredComment> scored = engine.Comments();
      for (const ScoredComment& c : scored) messages += c.comment->kind != CommentKind::kComment;
      for (const ScoredComment& c : scored) {
        std::string why;
        for (const ThreatMatch& m : c.threat.matches) {
          if (!why.empty()) why += "; ";
          why += "threat (" + std::string(m.category) + "): " + std::string(m.gloss);
        }
        if (c.threat.model_score >= kViolenceModelThreshold && ThreatLevelOf(c.threat.score) != ThreatLevel::kNone)
          why += std::string(why.empty() ? "" : "; ") + "threat (model): violent language";
        if (c.harassment.flagged) why += std::string(why.empty() ? "" : "; ") + "offensive language";
        for (const CampaignReason& r : c.campaign) why += std::string(why.empty() ? "" : "; ") + r.code;
        if (c.author && c.author_score.level == Level::kHigh) why += std::string(why.empty() ? "" : "; ") + "high-risk author";
        if (why.empty()) continue;
        ++flagged;
        const std::string author = c.author ? engine.account(*c.author).username : std::string("(unknown)");
        // Direct messages get a KIND column: "message" or "request" (a message request).
        if (messages > 0) {
          rows += Pad(c.comment->kind == CommentKind::kComment   ? "comment"
                      : c.comment->kind == CommentKind::kMessage ? "message"
                                                                 : "request",
                      9);
        }
        rows += Pad(TerminalSafe(author, 24), 26) + Pad(TerminalSafe(c.comment->text, 40), 44) + TerminalSafe(why, 100) + "\n";
      }
      if (messages == 0) {
        std::snprintf(line, sizeof line, "\nCOMMENTS: %zu of %zu flagged (threat, offensive language, campaign, high-risk author)\n",
                      flagged, engine.comment_count());
      } else {
        std::snprintf(line, sizeof line,
                      "\nCOMMENTS AND MESSAGES: %zu of %zu flagged (%zu direct messages; threat, offensive language, "
                      "campaign, high-risk author)\n",
                      flagged, engine.comment_count(), messages);
      }
      out += line;
      if (!rows.empty()) {
        out += (messages > 0 ? Pad("KIND", 9) : std::string()) + Pad("AUTHOR", 26) +
               Pad(messages > 0 ? "COMMENT / MESSAGE" : "COMMENT", 44) + "WHY\n" + rows;
      }
      for (const auto& [post, campaign] : engine.Campaigns()) {
        const std::string where = post == "direct:requests"           ? std::string("campaign in message requests")
                                  : post.rfind("direct:", 0) == 0 ? "campaign in a direct conversation"
                                                                    : "campaign on post " + TerminalSafe(post, 24);
        out += where + ": " + TerminalSafe(campaign.description, 160) + "\n";
      }
    }
    std::snprintf(line, sizeof line, "\n%zu accounts from %zu inputs: %zu high, %zu medium, %zu low\n", ranked.size(),
                  files, counts[2], counts[1], counts[0]);
    out += line;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return bad_input ? kExitBadInput : kExitOk;
}

bool ReadFile(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  return in && ReadAll(in, text);
}

bool WriteFile(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return static_cast<bool>(out);
}

bool ParseSeed(const std::string& v, std::uint64_t* seed) {
  char* end = nullptr;
  errno = 0;
  *seed = std::strtoull(v.c_str(), &end, 10);
  return !v.empty() && v[0] != '-' && *end == '\0' && errno == 0;
}

// swarmlens simulate SCENARIO [--seed N] --out DIR
int Simulate(const std::vector<std::string>& args) {
  std::string scenario_path, out_dir;
  std::uint64_t seed = 1;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--seed" && i + 1 < args.size()) {
      if (!ParseSeed(args[++i], &seed)) return Usage("--seed needs a non-negative integer");
    } else if (args[i] == "--out" && i + 1 < args.size()) {
      out_dir = args[++i];
    } else if (args[i] == "-h" || args[i] == "--help") {
      std::fputs(kHelp, stdout);
      return kExitOk;
    } else if (!args[i].empty() && args[i][0] == '-') {
      return Usage("unknown or incomplete option '" + args[i] + "'");
    } else if (scenario_path.empty()) {
      scenario_path = args[i];
    } else {
      return Usage("simulate takes one scenario file");
    }
  }
  if (scenario_path.empty() || out_dir.empty()) return Usage("simulate needs SCENARIO and --out DIR");
  std::string text;
  if (!ReadFile(scenario_path, text)) {
    std::fprintf(stderr, "swarmlens: %s: cannot read: %s\n", scenario_path.c_str(), std::strerror(errno));
    return kExitBadInput;
  }
  Result<Scenario> scenario = ParseScenario(text, scenario_path);
  if (!scenario) {
    std::fprintf(stderr, "swarmlens: %s\n", scenario.error().ToString().c_str());
    return kExitBadInput;
  }
  Result<SimulatedList> list = swarmlens::Simulate(scenario.value(), seed);
  if (!list) {
    std::fprintf(stderr, "swarmlens: %s\n", list.error().ToString().c_str());
    return kExitBadInput;
  }
  std::error_code ec;
  const fs::path dir(out_dir);
  fs::create_directories(dir / "followers", ec);
  for (const auto& old : fs::directory_iterator(dir / "followers", ec)) {
    if (old.path().extension() == ".json") fs::remove(old.path(), ec);  // no stale pages from a larger run
  }
  bool ok = !ec;
  const SimulatedList& sim = list.value();
  for (std::size_t i = 0; i < sim.pages.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "page_%03zu.json", i + 1);
    ok = ok && WriteFile(dir / "followers" / name, sim.pages[i]);
  }
  std::string hashes = "username,hash_hex,quality\n";
  for (const AvatarRow& row : sim.avatars) {
    if (auto h = SimulatedAvatarHash(row, seed)) {
      // The long form: the crop variants let slightly cropped copies match, as from pixels.
      hashes += row.username + "," + PerceptualHashToHex(*h, /*with_crops=*/true) + "," + std::to_string(h->quality) + "\n";
    }
  }
  ok = ok && WriteFile(dir / "labels.csv", sim.LabelsCsv()) && WriteFile(dir / "avatars.csv", sim.AvatarsCsv()) &&
       WriteFile(dir / "avatar_hashes.csv", hashes);
  if (!ok) {
    std::fprintf(stderr, "swarmlens: %s: cannot write the simulated list\n", out_dir.c_str());
    return kExitBadInput;
  }
  std::size_t swarm = 0;
  for (const LabelRow& l : sim.labels) swarm += l.swarm;
  std::printf("wrote %zu pages, %zu followers (%zu swarm) of scenario %s, seed %llu, to %s\n", sim.pages.size(),
              sim.labels.size(), swarm, scenario.value().name.c_str(), static_cast<unsigned long long>(seed),
              out_dir.c_str());
  return kExitOk;
}

// The whole pipeline on one simulated list, through the Engine the CLI and the extension use.
SwarmEvaluation EvaluateWithEngine(const SimulatedList& sim, std::uint64_t seed, bool with_avatars, bool swarm_signals) {
  Engine engine;
  engine.set_track_updates(false);
  std::uint32_t position = 0;
  for (const std::string& page : sim.pages) {
    auto r = engine.Ingest(page, {.name = "simulated", .list = ListKind::kFollowers, .owner = "simulated",
                                  .first_position = position});
    if (r) position += static_cast<std::uint32_t>(r.value().accounts.size());
  }
  if (with_avatars) {
    for (const AvatarRow& row : sim.avatars) {
      auto h = SimulatedAvatarHash(row, seed);
      auto index = engine.Find(row.username);
      if (h && index) (void)engine.AddAvatar(*index, *h);
    }
  }
  std::vector<Level> levels(sim.labels.size(), Level::kLow);
  std::vector<std::uint32_t> position_of(engine.size(), 0);
  for (const LabelRow& l : sim.labels) {
    auto index = engine.Find(l.username);
    if (!index) continue;
    position_of[*index] = l.position;
    if (l.position < levels.size())
      levels[l.position] = swarm_signals ? engine.ScoreAt(*index).level : ScoreAccount(engine.account(*index)).level;
  }
  std::vector<Cluster> clusters;
  if (swarm_signals) {
    for (ListCluster& c : engine.Clusters()) {
      for (std::uint32_t& m : c.cluster.members) m = position_of[m];
      clusters.push_back(std::move(c.cluster));
    }
  }
  return Evaluate(sim.labels, levels, clusters);
}

// swarmlens evaluate [--seeds N] SCENARIO...
int EvaluateCommand(const std::vector<std::string>& args) {
  std::uint64_t seeds = 3;
  std::vector<std::string> paths;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--seeds" && i + 1 < args.size()) {
      if (!ParseSeed(args[++i], &seeds) || seeds == 0 || seeds > 1000) return Usage("--seeds needs 1..1000");
    } else if (args[i] == "-h" || args[i] == "--help") {
      std::fputs(kHelp, stdout);
      return kExitOk;
    } else if (!args[i].empty() && args[i][0] == '-') {
      return Usage("unknown or incomplete option '" + args[i] + "'");
    } else {
      paths.push_back(args[i]);
    }
  }
  if (paths.empty()) return Usage("evaluate needs at least one scenario file");
  std::printf("%-18s %5s %5s  %-17s %-17s %-17s %-17s %7s  %s\n", "SCENARIO", "SWARM", "ORG", "RECALL high (acct)",
              "FPR high (acct)", "RECALL med+", "FPR med+", "PURITY", "SWARM COVERAGE BY KIND");
  bool bad = false;
  for (const std::string& path : paths) {
    std::string text;
    if (!ReadFile(path, text)) {
      std::fprintf(stderr, "swarmlens: %s: cannot read: %s\n", path.c_str(), std::strerror(errno));
      bad = true;
      continue;
    }
    Result<Scenario> scenario = ParseScenario(text, path);
    if (!scenario) {
      std::fprintf(stderr, "swarmlens: %s\n", scenario.error().ToString().c_str());
      bad = true;
      continue;
    }
    SwarmEvaluation sum, base;
    sum.cluster_purity = 0;
    double coverage[kClusterKindCount] = {};
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
      Result<SimulatedList> sim = swarmlens::Simulate(scenario.value(), seed);
      if (!sim) {
        std::fprintf(stderr, "swarmlens: %s\n", sim.error().ToString().c_str());
        bad = true;
        break;
      }
      const SwarmEvaluation e = EvaluateWithEngine(sim.value(), seed, true, true);
      const SwarmEvaluation a = EvaluateWithEngine(sim.value(), seed, false, false);
      sum.swarm += e.swarm;
      sum.organic += e.organic;
      sum.recall_high += e.recall_high / static_cast<double>(seeds);
      sum.fpr_high += e.fpr_high / static_cast<double>(seeds);
      sum.recall_medium += e.recall_medium / static_cast<double>(seeds);
      sum.fpr_medium += e.fpr_medium / static_cast<double>(seeds);
      sum.cluster_purity += e.cluster_purity / static_cast<double>(seeds);
      base.recall_high += a.recall_high / static_cast<double>(seeds);
      base.fpr_high += a.fpr_high / static_cast<double>(seeds);
      for (std::size_t k = 0; k < kClusterKindCount; ++k) coverage[k] += e.kinds[k].swarm_coverage / static_cast<double>(seeds);
    }
    std::string kinds;
    for (std::size_t k = 0; k < kClusterKindCount; ++k) {
      char cell[48];
      std::snprintf(cell, sizeof cell, "%s%s %.2f", k ? ", " : "", ClusterKindName(static_cast<ClusterKind>(k)), coverage[k]);
      kinds += cell;
    }
    char recall[32], fpr[32];
    std::snprintf(recall, sizeof recall, "%.3f (%.3f)", sum.recall_high, base.recall_high);
    std::snprintf(fpr, sizeof fpr, "%.4f (%.4f)", sum.fpr_high, base.fpr_high);
    std::printf("%-18s %5u %5u  %-17s %-17s %-17.3f %-17.4f %7.3f  %s\n", scenario.value().name.c_str(),
                sum.swarm / static_cast<unsigned>(seeds), sum.organic / static_cast<unsigned>(seeds), recall, fpr,
                sum.recall_medium, sum.fpr_medium, sum.cluster_purity, kinds.c_str());
  }
  std::printf("\nmeans over %llu seeds; (acct) = the account model alone, without swarm evidence\n",
              static_cast<unsigned long long>(seeds));
  return bad ? kExitBadInput : kExitOk;
}

// Every regular file of --payloads FILE|DIR (DIR: recursively, in name order).
bool CollectPayloadFiles(const std::string& path, std::vector<fs::path>& out) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) {
    out.emplace_back(path);
    return true;
  }
  std::vector<fs::path> found;
  for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file(ec)) found.push_back(it->path());
  }
  if (ec) {
    std::fprintf(stderr, "swarmlens: %s: cannot read folder: %s\n", path.c_str(), ec.message().c_str());
    return false;
  }
  std::sort(found.begin(), found.end());
  out.insert(out.end(), found.begin(), found.end());
  return true;
}

// Writes the report's files to DIR; false (with a message) when one cannot be written.
bool WriteReport(const std::string& out_dir, const CaseReport& report) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  for (const ReportFile& f : report.files) {
    const fs::path path = fs::path(out_dir) / f.name;
    if (!WriteFile(path, f.content)) {
      std::fprintf(stderr, "swarmlens: %s: cannot write: %s\n", path.string().c_str(), std::strerror(errno));
      return false;
    }
  }
  return true;
}

void PrintCounts(const std::string& out_dir, const CaseCounts& n) {
  std::printf("wrote %s/report.html, accounts.csv, comments.csv, case.json, SHA256SUMS\n"
              "threats %zu, harassment %zu, hate %zu, coordinated inauthentic behaviour %zu accounts, spam %zu, "
              "flagged accounts %zu\n",
              out_dir.c_str(), n.threats, n.harassment, n.hate, n.inauthentic, n.spam, n.flagged_accounts);
}

// swarmlens report --bundle FILE --out DIR: a shared case, verified, read only.
int ReportFromBundle(const std::string& bundle_path, const std::string& out_dir) {
  std::string zip;
  if (!ReadFile(bundle_path, zip)) {
    std::fprintf(stderr, "swarmlens: %s: cannot read: %s\n", bundle_path.c_str(), std::strerror(errno));
    return kExitBadInput;
  }
  Engine engine;
  Result<BundleInfo> info = OpenCaseBundle(zip, bundle_path, engine);
  if (!info) {
    std::fprintf(stderr, "swarmlens: %s\nswarmlens: the bundle is refused: nothing was written\n",
                 info.error().ToString().c_str());
    return kExitBadInput;
  }
  const BundleInfo& b = info.value();
  CaseReportOptions options;
  options.generated_at = b.generated_at;  // the sender's date: the same report, byte for byte
  const CaseReport report = BuildCaseReport(engine, options);
  if (!WriteReport(out_dir, report)) return kExitBadInput;
  std::printf("bundle %s verified: %zu files match SHA256SUMS; %zu payloads", bundle_path.c_str(), b.files,
              b.payloads_included);
  if (!b.missing.empty()) std::printf(" (%zu more were not included by the sender)", b.missing.size());
  std::printf("\nmanifest SHA-256 %s (compare with the sender's)\nread only: the bundle is not changed\n",
              b.manifest_sha256.c_str());
  PrintCounts(out_dir, report.counts);
  return kExitOk;
}

// swarmlens report --state FILE --out DIR [--payloads FILE|DIR ...] | --bundle FILE --out DIR
int ReportCommand(const std::vector<std::string>& args) {
  std::string state, out_dir, bundle;
  std::vector<std::string> payload_paths;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--state" && i + 1 < args.size()) {
      state = args[++i];
    } else if (args[i] == "--out" && i + 1 < args.size()) {
      out_dir = args[++i];
    } else if (args[i] == "--bundle" && i + 1 < args.size()) {
      bundle = args[++i];
    } else if (args[i] == "--payloads" && i + 1 < args.size()) {
      payload_paths.push_back(args[++i]);
    } else if (args[i] == "-h" || args[i] == "--help") {
      std::fputs(kHelp, stdout);
      return kExitOk;
    } else {
      return Usage("unknown report argument '" + args[i] + "'");
    }
  }
  if (!bundle.empty()) {
    if (!state.empty() || !payload_paths.empty()) return Usage("report --bundle takes no --state or --payloads");
    if (out_dir.empty()) return Usage("report --bundle FILE needs --out DIR");
    return ReportFromBundle(bundle, out_dir);
  }
  if (state.empty() || out_dir.empty()) return Usage("report needs --state FILE and --out DIR (or --bundle FILE)");
  std::error_code ec;
  if (!fs::exists(state, ec)) {
    std::fprintf(stderr, "swarmlens: %s: no such case file (make it with analyze --state)\n", state.c_str());
    return kExitBadInput;
  }
  Engine engine;
  if (!LoadCase(state, engine)) return kExitBadInput;
  // The payloads' bytes: re-read from the names analyze recorded, then from --payloads.
  std::vector<fs::path> files;
  for (const PayloadRecord& p : engine.Payloads()) {
    if (fs::is_regular_file(p.source, ec)) files.emplace_back(p.source);
  }
  for (const std::string& path : payload_paths) {
    if (!CollectPayloadFiles(path, files)) return kExitBadInput;
  }
  std::vector<std::string> texts;
  for (const fs::path& f : files) {
    std::string text;
    if (!ReadFile(f.string(), text)) {
      std::fprintf(stderr, "swarmlens: %s: cannot read: %s\n", f.string().c_str(), std::strerror(errno));
      return kExitBadInput;
    }
    texts.push_back(std::move(text));
  }
  CaseReportOptions options;
  options.generated_at = static_cast<std::int64_t>(std::time(nullptr));
  const CaseReport report = BuildCaseReport(engine, options);
  Result<CaseBundle> built = BuildCaseBundle(engine, std::vector<std::string_view>(texts.begin(), texts.end()), options);
  if (!built) {
    std::fprintf(stderr, "swarmlens: %s\n", built.error().ToString().c_str());
    return kExitBadInput;
  }
  if (!WriteReport(out_dir, report)) return kExitBadInput;
  const fs::path zip_path = fs::path(out_dir) / "bundle.zip";
  if (!WriteFile(zip_path, built.value().zip)) {
    std::fprintf(stderr, "swarmlens: %s: cannot write: %s\n", zip_path.string().c_str(), std::strerror(errno));
    return kExitBadInput;
  }
  PrintCounts(out_dir, report.counts);
  const CaseBundle& b = built.value();
  std::printf("wrote %s: case.json, the case file, %zu of %zu payloads, SHA256SUMS\n", zip_path.string().c_str(),
              b.payloads_included, engine.Payloads().size());
  for (const std::string& hex : b.missing) {
    std::fprintf(stderr, "swarmlens: payload %s not found (re-read from its name; give --payloads DIR if it moved)\n",
                 hex.c_str());
  }
  return kExitOk;
}


// hidden-words: the lexicons as a custom Hidden Words list to paste into Instagram's or Facebook's
// settings (docs/threat-lexicon.md, "Hidden Words").
int HiddenWordsCommand(const std::vector<std::string>& args) {
  HiddenWordsOptions options;
  std::string languages, format = "text";
  for (std::size_t i = 1; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--lang" && has_value) {
      languages = args[++i];
      for (std::string_view rest = languages; !rest.empty();) {
        const std::string_view one = rest.substr(0, rest.find(','));
        if (one != "fa" && one != "fa-Latn" && one != "en")
          return Usage("hidden-words --lang: unknown language '" + std::string(one) + "' (fa, fa-Latn, en)");
        rest.remove_prefix(std::min(rest.size(), one.size() + 1));
      }
    } else if (args[i] == "--only" && has_value) {
      const std::string& only = args[++i];
      if (only != "threats" && only != "insults") return Usage("hidden-words --only: threats or insults, not '" + only + "'");
      options.threats = only == "threats";
      options.insults = only == "insults";
    } else if (args[i] == "--min-weight" && has_value) {
      char* end = nullptr;
      const std::string& v = args[++i];
      options.min_weight = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(options.min_weight >= 0 && options.min_weight <= 10))
        return Usage("hidden-words --min-weight: a number from 0 to 10, not '" + v + "'");
    } else if (args[i] == "--format" && has_value) {
      format = args[++i];
      if (format != "text" && format != "lines" && format != "csv")
        return Usage("hidden-words --format: text, lines or csv, not '" + format + "'");
    } else if (args[i] == "-h" || args[i] == "--help") {
      std::fputs(kHelp, stdout);
      return kExitOk;
    } else {
      return Usage("unknown hidden-words argument '" + args[i] + "'");
    }
  }
  options.languages = languages;
  const std::vector<HiddenWord> words = HiddenWordsList(options);
  if (format == "text") {
    std::printf("%s\n", HiddenWordsText(words).c_str());
  } else if (format == "lines") {
    for (const HiddenWord& w : words) std::printf("%s\n", w.phrase.c_str());
  } else {
    std::puts("phrase,language,lexicon,category,weight,meaning");
    for (const HiddenWord& w : words)
      std::printf("%s,%.*s,%s,%.*s,%.1f,\"%.*s\"\n", w.phrase.c_str(), int(w.language.size()), w.language.data(),
                  w.threat ? "threat" : "insult", int(w.category.size()), w.category.data(), w.weight,
                  int(w.gloss.size()), w.gloss.data());
  }
  std::fprintf(stderr, "%zu phrases\n", words.size());
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage("missing command");
  if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  if (args[0] == "--version") {
    std::puts("swarmlens 0.1.0");
    return kExitOk;
  }
  if (args[0] == "simulate") return Simulate(args);
  if (args[0] == "evaluate") return EvaluateCommand(args);
  if (args[0] == "report") return ReportCommand(args);
  if (args[0] == "hidden-words") return HiddenWordsCommand(args);
  if (args[0] != "analyze") return Usage("unknown command '" + args[0] + "'");

  Options opt;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    std::string v;
    if (a == "-h" || a == "--help") {
      std::fputs(kHelp, stdout);
      return kExitOk;
    } else if (a == "--format") {
      if (!value(v)) return Usage("--format needs a value");
      if (v != "table" && v != "jsonl" && v != "csv") return Usage("unknown format '" + v + "' (table, jsonl, csv)");
      opt.format = v;
    } else if (a == "--list") {
      if (!value(v)) return Usage("--list needs a value");
      opt.list = ParseListKind(v);
      if (opt.list == ListKind::kUnknown) return Usage("unknown list '" + v + "' (followers, following, notifications)");
    } else if (a == "--owner") {
      if (!value(opt.owner)) return Usage("--owner needs a value");
    } else if (a == "--avatars") {
      if (!value(v)) return Usage("--avatars needs a folder");
      opt.avatar_dirs.push_back(v);
    } else if (a == "--avatar-hashes") {
      if (!value(v)) return Usage("--avatar-hashes needs a file");
      opt.avatar_hash_files.push_back(v);
    } else if (a == "--state") {
      if (!value(opt.state)) return Usage("--state needs a file");
    } else if (a == "--allow") {
      if (!value(v)) return Usage("--allow needs a file");
      opt.allow_files.push_back(v);
    } else if (a == "--limit") {
      if (!value(v)) return Usage("--limit needs a value");
      char* end = nullptr;
      opt.limit = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || opt.limit < 0) return Usage("--limit needs a non-negative number");
    } else if (a == "--") {
      opt.inputs.insert(opt.inputs.end(), args.begin() + static_cast<long>(i) + 1, args.end());
      break;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return Usage("unknown option '" + a + "'");
    } else {
      opt.inputs.push_back(a);
    }
  }
  if (opt.inputs.empty() && opt.state.empty()) return Usage("analyze needs at least one FILE, DIR or - (or --state)");
  return Analyze(opt);
}
