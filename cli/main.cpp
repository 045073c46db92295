// swarmlens: command-line tool over the core, for researchers with exported follower lists.
#include <algorithm>
#include <cerrno>
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
  swarmlens --help | --version

analyze reads follower / following payloads, merges the accounts (by id, else username),
scores every account and prints them ranked, highest risk first.

Inputs (every field optional, unknown keys ignored):
  - Instagram web app pages: REST /api/v1/friendships/<id>/followers/ ("users", "next_max_id"),
    GraphQL "XDT" user lists, legacy GraphQL edge_followed_by / edge_follow
  - Meta "Download your information" exports: followers_1.json, following.json
    (older and newer layouts; latin-1 mojibake in names is repaired)
  FILE  a JSON file; DIR  every *.json below it, in name order; -  standard input.
  Pages of one list should be given in list order (newest follow first): positions continue
  across the files of the same list and owner.

Options:
  --format table|jsonl|csv   output format (default: table)
  --list followers|following what the inputs are lists of (default: from the payload, else unknown)
  --owner NAME               whose list it is (shown in jsonl "lists")
  --limit N                  print only the N highest-risk accounts (table and csv; jsonl prints all)
  -h, --help                 this text
  --version                  print the version

Output formats:
  table  rank, level, score, username, display name and the strongest reasons
  jsonl  one JSON object per line per account (the contract scripts rely on; see README):
         {"kind":"account","username","pk","full_name","score","level",
          "reasons":[{"code","weight","text"}],"private","verified","anonymous_avatar","lists":[...]}
  csv    rank,username,pk,full_name,score,level,reasons

Exit status: 0 success; 1 bad input (each error on stderr with file, byte offset and what was
expected; the valid inputs are still reported); 2 bad usage.
)";

struct Options {
  std::string format = "table";
  ListKind list = ListKind::kUnknown;
  std::string owner;
  long limit = -1;
  std::vector<std::string> inputs;
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

int Analyze(const Options& opt) {
  Engine engine;
  bool bad_input = false;
  std::size_t files = 0;
  // Positions continue across pages of the same (list, owner).
  std::map<std::pair<int, std::string>, std::uint32_t> next_position;

  auto ingest = [&](const std::string& name, const std::string& text) {
    SourceInfo source{.name = name, .list = opt.list, .owner = opt.owner};
    const auto key = std::make_pair(static_cast<int>(opt.list), opt.owner);
    source.first_position = next_position[key];
    Result<IngestSummary> r = engine.Ingest(text, source);
    if (!r) {
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
      ingest("<stdin>", text);
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
      ingest(path.string(), text);
    }
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
      for (const Reason& r : s.score.reasons) {
        if (r.weight <= 0 || listed == 3) continue;  // the strongest risk reasons
        if (listed++) reasons += "; ";
        AppendReasonText(reasons, r);
      }
      if (reasons.empty() && !s.score.reasons.empty()) reasons = ReasonText(s.score.reasons.front());
      out += TerminalSafe(reasons, 120);
      out += '\n';
    }
    if (shown < ranked.size()) out += "... " + std::to_string(ranked.size() - shown) + " more (use --limit)\n";
    std::snprintf(line, sizeof line, "\n%zu accounts from %zu inputs: %zu high, %zu medium, %zu low\n", ranked.size(),
                  files, counts[2], counts[1], counts[0]);
    out += line;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return bad_input ? kExitBadInput : kExitOk;
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
      if (opt.list == ListKind::kUnknown) return Usage("unknown list '" + v + "' (followers, following)");
    } else if (a == "--owner") {
      if (!value(opt.owner)) return Usage("--owner needs a value");
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
  if (opt.inputs.empty()) return Usage("analyze needs at least one FILE, DIR or -");
  return Analyze(opt);
}
