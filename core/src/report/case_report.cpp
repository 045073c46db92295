#include "swarmlens/case_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "civil_time.h"
#include "swarmlens/creation.h"
#include "swarmlens/report.h"
#include "swarmlens/sha256.h"
#include "swarmlens/threats.h"

namespace swarmlens {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string CsvField(std::string_view text) {
  std::string out = "\"";
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t'))
    out += '\'';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string UtcTime(std::int64_t unix_seconds) {
  if (unix_seconds == 0) return {};
  const UtcFields utc = UtcFieldsOf(unix_seconds);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d %02d:%02d UTC", static_cast<long long>(utc.year), utc.month, utc.day,
                utc.hour, utc.minute);
  return buf;
}

namespace {

std::string Fixed(double v, int digits) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

// Appends `item` to a `sep`-separated list.
void Join(std::string& list, std::string_view sep, std::string_view item) {
  if (!list.empty()) list += sep;
  list += item;
}

// Attacker-written text inside a sentence: isolated so a right-to-left name cannot reorder it.
std::string Bdi(std::string_view text) { return "<bdi dir=\"auto\">" + HtmlEscape(text) + "</bdi>"; }

std::string AccountName(const Account& a) {
  if (!a.username.empty()) return a.username;
  return a.pk ? "#" + std::to_string(*a.pk) : std::string("(unknown)");
}

std::string CreatedAround(const Account& a) {
  if (!a.pk) return {};
  auto e = EstimateCreation(*a.pk);
  return e ? e->text : std::string();
}

const char* ClusterKindTitle(ClusterKind k) {
  switch (k) {
    case ClusterKind::kCohort: return "Creation cohort";
    case ClusterKind::kBurst: return "Follow burst";
    case ClusterKind::kUsernameTemplate: return "Username template";
    case ClusterKind::kDisplayName: return "Reused display name";
    case ClusterKind::kSharedAvatar: return "Shared profile picture";
  }
  return "Cluster";
}

struct Analysed {
  std::vector<ScoredAccount> ranked;
  std::vector<ListCluster> clusters;
  std::vector<ScoredComment> comments;
  std::vector<std::pair<std::string, Campaign>> campaigns;
  std::set<std::string> copy_paste_comments;  // comment ids in copy-paste campaigns
  std::vector<Score> score_of;                 // by engine index
};

bool HasGenderedSlur(const ScoredComment& c) {
  for (const ThreatMatch& m : c.harassment.insults)
    if (m.category == "gendered") return true;
  return false;
}

bool IsThreat(const ScoredComment& c) { return ThreatLevelOf(c.threat.score) != ThreatLevel::kNone; }

CaseCounts Count(const Engine& engine, const Analysed& a) {
  CaseCounts n;
  for (const ScoredComment& c : a.comments) {
    n.threats += IsThreat(c);
    n.harassment += c.harassment.flagged;
    n.hate += HasGenderedSlur(c);
    n.spam += a.copy_paste_comments.count(c.comment->id) != 0;
  }
  // Swarm members the scores flag: an organic cohort (people who joined together) is not CIB.
  std::set<std::uint32_t> members;
  for (const ListCluster& c : a.clusters)
    for (std::uint32_t id : c.cluster.members)
      if (a.score_of[id].level != Level::kLow) members.insert(id);
  n.inauthentic = members.size();
  for (std::size_t i = 0; i < engine.size(); ++i) n.flagged_accounts += a.score_of[i].level != Level::kLow;
  return n;
}

const char kStyle[] = R"(
body{font:14px/1.45 system-ui,"Segoe UI","Noto Sans","Noto Naskh Arabic",Tahoma,sans-serif;color:#111;margin:24px;max-width:1100px}
h1{font-size:26px;margin:0 0 4px} h2{font-size:20px;border-bottom:2px solid #333;padding-bottom:4px;margin-top:32px}
h3{font-size:16px;margin:18px 0 6px} table{border-collapse:collapse;width:100%;margin:6px 0 12px}
th,td{border:1px solid #bbb;padding:3px 6px;text-align:start;vertical-align:top} th{background:#eee}
.counts td:first-child{width:60%} .counts td:last-child{font-weight:bold;font-size:18px}
.meta{color:#444} .lvl-high{color:#a00;font-weight:bold} .lvl-medium{color:#a60;font-weight:bold}
.text{white-space:pre-wrap;unicode-bidi:plaintext} .hash{font-family:monospace;font-size:11px;word-break:break-all}
.note{color:#555;font-size:12px} svg{border:1px solid #ccc;background:#fff}
section{page-break-before:always} section.cover{page-break-before:auto}
@media print{body{margin:0;max-width:none} a{color:inherit;text-decoration:none} tr,svg{page-break-inside:avoid}}
)";

// One swarm's chart: follow order (x) against account id (y, which grows with creation time).
std::string SwarmChart(const Engine& engine, const ListCluster& lc,
                       const std::map<std::pair<ListKind, std::string>, std::vector<std::pair<std::uint32_t, std::size_t>>>&
                           positions) {
  auto it = positions.find({lc.list, lc.owner});
  if (it == positions.end() || lc.post) return {};
  const std::set<std::uint32_t> members(lc.cluster.members.begin(), lc.cluster.members.end());
  struct Point {
    double x, y;
    bool member;
  };
  std::vector<Point> points;
  const auto& list = it->second;  // (position, account), by position
  const std::size_t others = list.size() - std::min(list.size(), members.size());
  const std::size_t step = std::max<std::size_t>(1, others / 3000);  // at most ~3000 grey points
  std::size_t seen_others = 0;
  double min_pk = 1e300, max_pk = 0, max_x = 1;
  for (const auto& [position, account] : list) {
    const Account& a = engine.account(account);
    if (!a.pk) continue;
    const bool member = members.count(static_cast<std::uint32_t>(account)) != 0;
    if (!member && (seen_others++ % step) != 0) continue;
    const double pk = static_cast<double>(*a.pk);
    points.push_back({static_cast<double>(position), pk, member});
    min_pk = std::min(min_pk, pk);
    max_pk = std::max(max_pk, pk);
    max_x = std::max(max_x, static_cast<double>(position));
  }
  if (points.empty() || max_pk <= min_pk) return {};
  constexpr double W = 900, H = 300, L = 170, B = 36, T = 10, R = 10;
  const auto sx = [&](double x) { return L + (W - L - R) * x / max_x; };
  const auto sy = [&](double y) { return T + (H - T - B) * (1.0 - (y - min_pk) / (max_pk - min_pk)); };
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Fixed(W, 0) + "\" height=\"" + Fixed(H, 0) +
                    "\" viewBox=\"0 0 " + Fixed(W, 0) + " " + Fixed(H, 0) +
                    "\" role=\"img\" aria-label=\"account id (creation order) against follow order\">";
  for (int t = 0; t <= 4; ++t) {
    const double pk = min_pk + (max_pk - min_pk) * t / 4.0;
    const double y = sy(pk);
    auto e = EstimateCreation(static_cast<std::uint64_t>(pk));
    std::string label = Fixed(pk, 0);
    if (e) label += " (" + e->text.substr(e->text.find(' ') + 1) + ")";
    svg += "<line x1=\"" + Fixed(L, 0) + "\" x2=\"" + Fixed(W - R, 0) + "\" y1=\"" + Fixed(y, 1) + "\" y2=\"" +
           Fixed(y, 1) + "\" stroke=\"#eee\"/><text x=\"" + Fixed(L - 4, 0) + "\" y=\"" + Fixed(y + 4, 1) +
           "\" font-size=\"10\" text-anchor=\"end\">" + HtmlEscape(label) + "</text>";
  }
  svg += "<text x=\"" + Fixed((L + W) / 2, 0) + "\" y=\"" + Fixed(H - 6, 0) +
         "\" font-size=\"11\" text-anchor=\"middle\">follow order (list position 0 = newest follow, up to " +
         Fixed(max_x, 0) + ")</text>";
  for (int pass = 0; pass < 2; ++pass) {  // grey list first, the swarm on top
    for (const Point& p : points) {
      if (p.member != (pass == 1)) continue;
      svg += "<circle cx=\"" + Fixed(sx(p.x), 1) + "\" cy=\"" + Fixed(sy(p.y), 1) + "\" r=\"" + (p.member ? "2.6" : "1.6") +
             "\" fill=\"" + (p.member ? "#c0392b" : "#9aa4ad") + "\"/>";
    }
  }
  svg += "</svg>";
  return svg +
         "<p class=\"note\">Red: members of this swarm; grey: the rest of the list (sampled). Vertical: account id, "
         "which grows with creation time (estimated dates in brackets, see the note on estimates).</p>";
}

std::string LevelCell(Level l) {
  return std::string("<td class=\"lvl-") + LevelName(l) + "\">" + LevelName(l) + "</td>";
}

std::string BuildHtml(const Engine& engine, const Analysed& a, const CaseCounts& n, const CaseReportOptions& o) {
  std::string h = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // No scripts, no external resources: the report runs nothing and fetches nothing.
  h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n";
  h += "<title>" + HtmlEscape(o.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";

  // Cover sheet.
  std::set<std::string> owners;
  std::int64_t first = 0, last = 0;
  for (const PayloadRecord& p : engine.Payloads()) {
    if (p.captured_at == 0) continue;
    first = first == 0 ? p.captured_at : std::min(first, p.captured_at);
    last = std::max(last, p.captured_at);
  }
  for (std::size_t i = 0; i < engine.size(); ++i)
    for (const Sighting& s : engine.account(i).sightings)
      if (!s.owner.empty()) owners.insert(s.owner);
  h += "<section class=\"cover\">\n<h1>" + HtmlEscape(o.title) + "</h1>\n<p class=\"meta\">";
  if (!owners.empty()) {
    h += "Lists of: ";
    bool comma = false;
    for (const std::string& owner : owners) h += (comma ? ", " : "") + Bdi(owner), comma = true;
    h += "<br>";
  }
  if (first != 0) h += "Captured " + HtmlEscape(UtcTime(first)) + " to " + HtmlEscape(UtcTime(last)) + "<br>";
  if (o.generated_at != 0) h += "Report made " + HtmlEscape(UtcTime(o.generated_at)) + "<br>";
  h += std::to_string(engine.size()) + " accounts, " + std::to_string(engine.comment_count()) + " comments, " +
       std::to_string(engine.Payloads().size()) + " payloads (SHA-256 of each in the manifest at the end)</p>\n";
  h += "<h2>Counts by category</h2>\n<table class=\"counts\">\n";
  const std::pair<const char*, std::size_t> rows[] = {
      {"Threats (violence, death, sexual violence, doxxing, incitement): comments", n.threats},
      {"Harassment (bullying and abusive language): comments", n.harassment},
      {"Hate (gendered slurs: attacks on the basis of sex or gender): comments", n.hate},
      {"Coordinated inauthentic behaviour: flagged accounts in swarm clusters", n.inauthentic},
      {"Spam (copy-paste campaigns): comments", n.spam},
      {"Flagged accounts (level medium or high)", n.flagged_accounts}};
  for (const auto& [label, count] : rows)
    h += std::string("<tr><td>") + label + "</td><td>" + std::to_string(count) + "</td></tr>\n";
  h += "</table>\n<p class=\"note\">The categories follow the ones Meta's report forms offer. Every count comes from "
       "automatic signals (docs/scoring.md, docs/swarm-detection.md, docs/threat-lexicon.md): a reviewer should read "
       "the items below before filing.</p>\n</section>\n";

  // Swarms.
  std::map<std::pair<ListKind, std::string>, std::vector<std::pair<std::uint32_t, std::size_t>>> positions;
  for (std::size_t i = 0; i < engine.size(); ++i)
    for (const Sighting& s : engine.account(i).sightings) positions[{s.list, s.owner}].emplace_back(s.position, i);
  for (auto& entry : positions) std::sort(entry.second.begin(), entry.second.end());
  h += "<section>\n<h2>Swarms</h2>\n";
  if (a.clusters.empty()) h += "<p>No swarm cluster was found.</p>\n";
  for (const ListCluster& lc : a.clusters) {
    const Cluster& c = lc.cluster;
    h += "<h3>" + std::string(ClusterKindTitle(c.kind)) + ": " + std::to_string(c.members.size()) + " accounts</h3>\n";
    h += "<p>";
    if (lc.post) h += "Commenters on post " + Bdi(*lc.post) + ". ";
    else h += std::string("The ") + ListKindName(lc.list) + " of " + Bdi(lc.owner) + ". ";
    h += Bdi(c.description) + (c.description.empty() || c.description.back() == '.' ? " " : ". ") + "Strength " +
         Fixed(c.strength, 1) + " (1 in 10<sup>" + Fixed(c.strength, 1) +
         "</sup> by chance).</p>\n";
    h += SwarmChart(engine, lc, positions);
    h += "<table><tr><th>#</th><th>account</th><th>display name</th><th>id</th><th>estimated creation</th><th>level</th></tr>\n";
    std::size_t k = 0;
    for (std::uint32_t id : c.members) {
      const Account& acc = engine.account(id);
      h += "<tr><td>" + std::to_string(++k) + "</td><td>" + Bdi(AccountName(acc)) + "</td><td>" +
           (acc.full_name ? Bdi(*acc.full_name) : std::string()) + "</td><td>" +
           (acc.pk ? std::to_string(*acc.pk) : std::string()) + "</td><td>" + HtmlEscape(CreatedAround(acc)) +
           "</td>" + LevelCell(a.score_of[id].level) + "</tr>\n";
    }
    h += "</table>\n";
  }
  h += "</section>\n";

  // Threatening and abusive comments.
  h += "<section>\n<h2>Threatening and abusive comments</h2>\n<table>\n<tr><th>comment</th><th>author</th>"
       "<th>why</th><th>when</th></tr>\n";
  std::size_t shown = 0;
  for (std::size_t i = 0; i < a.comments.size(); ++i) {
    const ScoredComment& c = a.comments[i];
    const bool spam = a.copy_paste_comments.count(c.comment->id) != 0;
    if (!IsThreat(c) && !c.harassment.flagged && !spam) continue;
    ++shown;
    std::string why;
    if (IsThreat(c)) {
      why += std::string("threat (") + ThreatLevelName(ThreatLevelOf(c.threat.score)) + ")";
      for (const ThreatMatch& m : c.threat.matches) why += ": " + HtmlEscape(m.gloss);
      why += "<br>";
    }
    if (c.harassment.flagged) why += "offensive language (" + Fixed(c.harassment.score, 2) + ")<br>";
    if (HasGenderedSlur(c)) why += "gendered slur<br>";
    for (const CampaignReason& r : c.campaign) why += HtmlEscape(r.text) + "<br>";
    const std::optional<std::uint32_t> payload = engine.PayloadOfComment(i);
    std::string author = c.author ? Bdi(AccountName(engine.account(*c.author))) : std::string("(unknown)");
    if (c.author) author += "<br><span class=\"note\">" + std::string(LevelName(c.author_score.level)) + "</span>";
    h += "<tr><td><div class=\"text\" dir=\"auto\">" + HtmlEscape(c.comment->text) + "</div><span class=\"note\">id " +
         HtmlEscape(c.comment->id) + ", post " + HtmlEscape(c.comment->post) + "</span></td><td>" + author + "</td><td>" +
         why + "</td><td>" + HtmlEscape(c.comment->created_at ? UtcTime(*c.comment->created_at) : std::string()) +
         (payload ? "<br><span class=\"hash\">payload " + std::to_string(*payload + 1) + "</span>" : std::string()) +
         "</td></tr>\n";
  }
  h += "</table>\n";
  if (shown == 0) h += "<p>No comment was flagged.</p>\n";
  h += "</section>\n";

  // Flagged accounts.
  h += "<section>\n<h2>Flagged accounts</h2>\n<table>\n<tr><th>account</th><th>display name</th><th>score</th>"
       "<th>level</th><th>reasons</th><th>estimated creation</th></tr>\n";
  for (const ScoredAccount& s : a.ranked) {
    if (s.score.level == Level::kLow) continue;
    std::string reasons;
    for (const ReasonLine& r : MergedReasons(s.score)) reasons += HtmlEscape(r.text) + "<br>";
    h += "<tr><td>" + Bdi(AccountName(*s.account)) + (s.account->pk ? "<br><span class=\"note\">id " +
                                                                             std::to_string(*s.account->pk) + "</span>"
                                                                       : std::string()) +
         "</td><td>" + (s.account->full_name ? Bdi(*s.account->full_name) : std::string()) + "</td><td>" +
         Fixed(s.score.score, 3) + "</td>" + LevelCell(s.score.level) + "<td>" + reasons + "</td><td>" +
         HtmlEscape(CreatedAround(*s.account)) + "</td></tr>\n";
  }
  h += "</table>\n</section>\n";

  // Payload manifest and the estimate's caveat.
  h += "<section>\n<h2>Payloads</h2>\n<p class=\"note\">SHA-256 of every payload as the page received it: a kept "
       "copy whose digest matches is unaltered.</p>\n<table>\n<tr><th>#</th><th>SHA-256</th><th>source</th>"
       "<th>captured</th><th>bytes</th></tr>\n";
  std::size_t k = 0;
  for (const PayloadRecord& p : engine.Payloads()) {
    h += "<tr><td>" + std::to_string(++k) + "</td><td class=\"hash\">" + Sha256Hex(p.sha256) + "</td><td>" +
         Bdi(p.source) + "</td><td>" + HtmlEscape(UtcTime(p.captured_at)) + "</td><td>" + std::to_string(p.size) +
         "</td></tr>\n";
  }
  h += "</table>\n<p class=\"note\">Estimated creation: account ids grow with creation time; the dates are "
       "interpolated between a few public (id, date) statements and can be off by months. Above the newest anchor "
       "(March 2016) only \"created after\" is known. Sources: docs/case-file.md.</p>\n</section>\n</body>\n</html>\n";
  return h;
}

std::string AccountsCsv(const Engine& engine, const Analysed& a) {
  std::string out = "rank,username,pk,full_name,score,level,known,created_around,reasons,lists,payload_sha256\n";
  std::size_t rank = 0;
  for (const ScoredAccount& s : a.ranked) {
    std::string reasons, lists, payloads;
    for (const ReasonLine& r : MergedReasons(s.score)) Join(reasons, "; ", r.text);
    for (const Sighting& si : s.account->sightings)
      lists += (lists.empty() ? "" : "; ") + std::string(ListKindName(si.list)) + " of " + si.owner + " #" +
               std::to_string(si.position);
    for (std::uint32_t p : engine.PayloadsOfAccount(s.index))
      Join(payloads, " ", Sha256Hex(engine.Payloads()[p].sha256));
    out += std::to_string(++rank) + "," + CsvField(s.account->username) + "," +
           (s.account->pk ? std::to_string(*s.account->pk) : std::string()) + "," +
           CsvField(s.account->full_name.value_or("")) + "," + Fixed(s.score.score, 4) + "," +
           LevelName(s.score.level) + "," + (engine.IsKnown(s.index) ? "yes" : "no") + "," +
           CsvField(CreatedAround(*s.account)) + "," + CsvField(reasons) + "," + CsvField(lists) + "," +
           CsvField(payloads) + "\n";
  }
  return out;
}

std::string CommentsCsv(const Engine& engine, const Analysed& a) {
  std::string out =
      "id,post,parent_id,author,author_pk,author_level,created_at_utc,threat_level,threat_score,threats,"
      "harassment_score,harassment_flagged,campaigns,text,payload_sha256\n";
  for (std::size_t i = 0; i < a.comments.size(); ++i) {
    const ScoredComment& c = a.comments[i];
    std::string threats, campaigns;
    for (const ThreatMatch& m : c.threat.matches) Join(threats, "; ", std::string(m.gloss));
    for (const CampaignReason& r : c.campaign) Join(campaigns, "; ", r.code);
    const Account* author = c.author ? &engine.account(*c.author) : nullptr;
    const std::optional<std::uint32_t> payload = engine.PayloadOfComment(i);
    out += CsvField(c.comment->id) + "," + CsvField(c.comment->post) + "," + CsvField(c.comment->parent_id.value_or("")) +
           "," + CsvField(author ? author->username : std::string()) + "," +
           (author && author->pk ? std::to_string(*author->pk) : std::string()) + "," +
           (author ? LevelName(c.author_score.level) : "") + "," +
           CsvField(c.comment->created_at ? UtcTime(*c.comment->created_at) : std::string()) + "," +
           ThreatLevelName(ThreatLevelOf(c.threat.score)) + "," + Fixed(c.threat.score, 3) + "," + CsvField(threats) +
           "," + Fixed(c.harassment.score, 3) + "," + (c.harassment.flagged ? "yes" : "no") + "," + CsvField(campaigns) +
           "," + CsvField(c.comment->text) + "," +
           CsvField(payload ? Sha256Hex(engine.Payloads()[*payload].sha256) : std::string()) + "\n";
  }
  return out;
}

std::string BundleJson(const Engine& engine, const Analysed& a, const CaseCounts& n, const CaseReportOptions& o) {
  std::string out = "{\"kind\":\"swarmlens_case\",\"version\":1,\"generated_at\":" + std::to_string(o.generated_at);
  out += ",\"counts\":{\"threats\":" + std::to_string(n.threats) + ",\"harassment\":" + std::to_string(n.harassment) +
         ",\"hate\":" + std::to_string(n.hate) + ",\"coordinated_inauthentic_behaviour\":" +
         std::to_string(n.inauthentic) + ",\"spam\":" + std::to_string(n.spam) +
         ",\"flagged_accounts\":" + std::to_string(n.flagged_accounts) + "}";
  out += ",\"payloads\":[";
  for (std::size_t i = 0; i < engine.Payloads().size(); ++i) {
    const PayloadRecord& p = engine.Payloads()[i];
    out += (i ? "," : "") + std::string("{\"sha256\":\"") + Sha256Hex(p.sha256) + "\",\"source\":";
    AppendJsonString(out, p.source);
    out += ",\"captured_at\":" + std::to_string(p.captured_at) + ",\"bytes\":" + std::to_string(p.size) +
           ",\"kind\":\"" + (p.comments ? "comments" : "accounts") + "\"}";
  }
  out += "],\"accounts\":[";
  for (std::size_t i = 0; i < a.ranked.size(); ++i) {
    const ScoredAccount& s = a.ranked[i];
    std::string one;
    AppendAccountJson(one, *s.account, s.score);
    one.pop_back();  // the closing brace: the case adds its own fields
    one += ",\"known\":" + std::string(engine.IsKnown(s.index) ? "true" : "false") + ",\"created_around\":";
    const std::string created = CreatedAround(*s.account);
    if (created.empty()) one += "null";
    else AppendJsonString(one, created);
    one += ",\"payloads\":[";
    const std::vector<std::uint32_t>& payloads = engine.PayloadsOfAccount(s.index);
    for (std::size_t k = 0; k < payloads.size(); ++k) {
      if (k) one += ',';
      one += std::to_string(payloads[k]);
    }
    one += "]}";
    out += (i ? "," : "") + one;
  }
  out += "],\"clusters\":[";
  for (std::size_t i = 0; i < a.clusters.size(); ++i) {
    if (i) out += ',';
    AppendClusterJson(out, engine, a.clusters[i], /*with_members=*/true);
  }
  out += "],\"comments\":[";
  for (std::size_t i = 0; i < a.comments.size(); ++i) {
    if (i) out += ',';
    std::string one;
    AppendCommentJson(one, engine, a.comments[i]);
    one.pop_back();
    const std::optional<std::uint32_t> payload = engine.PayloadOfComment(i);
    one += ",\"payload\":" + (payload ? std::to_string(*payload) : std::string("null")) + "}";
    out += one;
  }
  out += "],\"campaigns\":[";
  for (std::size_t i = 0; i < a.campaigns.size(); ++i) {
    if (i) out += ',';
    AppendCampaignJson(out, a.campaigns[i].first, a.campaigns[i].second);
  }
  out += "],\"allowlist\":[";
  const std::vector<std::string> allow = engine.Allowlist();
  for (std::size_t i = 0; i < allow.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, allow[i]);
  }
  out += "]}\n";
  return out;
}

}  // namespace

CaseReport BuildCaseReport(const Engine& engine, const CaseReportOptions& options) {
  Analysed a;
  a.ranked = engine.Ranked();
  a.clusters = engine.Clusters();
  a.comments = engine.Comments();
  a.campaigns = engine.Campaigns();
  for (const auto& [post, campaign] : a.campaigns)
    if (campaign.kind == CampaignKind::kCopyPaste)
      for (const CampaignMember& m : campaign.members) a.copy_paste_comments.insert(m.comment_id);
  a.score_of.resize(engine.size());
  for (const ScoredAccount& s : a.ranked) a.score_of[s.index] = s.score;
  CaseReport report;
  report.counts = Count(engine, a);
  report.files.push_back({"report.html", BuildHtml(engine, a, report.counts, options)});
  report.files.push_back({"accounts.csv", AccountsCsv(engine, a)});
  report.files.push_back({"comments.csv", CommentsCsv(engine, a)});
  report.files.push_back({"case.json", BundleJson(engine, a, report.counts, options)});
  std::string sums;
  for (const ReportFile& f : report.files) sums += Sha256Hex(Sha256Of(f.content)) + "  " + f.name + "\n";
  report.files.push_back({"SHA256SUMS", std::move(sums)});
  return report;
}

}  // namespace swarmlens
