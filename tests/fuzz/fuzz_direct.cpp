// libFuzzer target for the direct-message and activity-feed parsers (ParseDirectPage,
// ParseActivityFeed): arbitrary bytes must give an Error pointing inside the input or a page
// whose invariants hold; the messages then go through the campaign analysis like comments. The
// input is also read as the thread object of the GraphQL thread query and as the feed object of
// the GraphQL activity feed, so that mutations reach those readers without the fuzzer having to
// find their wrappers.
// Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/activity.h"
#include "swarmlens/campaigns.h"
#include "swarmlens/direct.h"

namespace {

// Aborts (a crash libFuzzer records, with the input) when an invariant does not hold.
void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckError(const swarmlens::Error& error, std::size_t size) {
  Check(error.offset <= size);
  Check(error.source == "fuzz");
  Check(!error.message.empty());
}

// The invariants of one direct-message parse of `text`; the messages go through the campaign
// analysis like comments.
void CheckDirect(std::string_view text, const swarmlens::SourceInfo& source) {
  const swarmlens::Result<swarmlens::DirectPage> direct = swarmlens::ParseDirectPage(text, source);
  if (!direct.ok()) {
    CheckError(direct.error(), text.size());
    return;
  }
  const swarmlens::DirectPage& page = direct.value();
  Check(page.requests <= page.threads);
  Check(page.messages.shape == swarmlens::CommentShape::kDirectInbox ||
        page.messages.shape == swarmlens::CommentShape::kDirectThread);
  std::vector<swarmlens::CommentRef> refs;
  for (const swarmlens::Comment& m : page.messages.comments) {
    Check(!m.id.empty() && m.id.size() <= 128 && !m.thread_id.empty() && m.thread_id.size() <= 128);
    Check(m.kind != swarmlens::CommentKind::kComment);
    Check(m.post == (m.kind == swarmlens::CommentKind::kMessageRequest ? std::string("direct:requests")
                                                                        : "direct:" + m.thread_id));
    Check(m.author.sightings.empty());
    swarmlens::CommentRef r;
    r.id = m.id;
    r.author = m.author.username;
    r.text = m.text;
    r.created_at = m.created_at;
    refs.push_back(r);
  }
  swarmlens::CampaignOptions options;
  options.min_accounts = 2;
  options.min_strength = 0;
  for (const swarmlens::Campaign& c : swarmlens::AnalyzeThread(refs, options)) {
    Check(!c.members.empty() && c.members.size() <= refs.size());
  }
  // The reused buffers carry no state.
  const swarmlens::Result<swarmlens::DirectPage> again = swarmlens::ParseDirectPage(text, source);
  Check(again.ok() && again.value().messages.comments.size() == page.messages.comments.size());
}

// The invariants of one activity-feed parse of `text`.
void CheckFeed(std::string_view text, const swarmlens::SourceInfo& source) {
  const swarmlens::Result<swarmlens::Page> feed = swarmlens::ParseActivityFeed(text, source);
  if (!feed.ok()) {
    CheckError(feed.error(), text.size());
    return;
  }
  const swarmlens::Page& page = feed.value();
  Check(page.shape == swarmlens::PayloadShape::kActivityFeed);
  Check(page.list == swarmlens::ListKind::kNotifications);
  for (std::size_t i = 0; i < page.accounts.size(); ++i) {
    const swarmlens::Account& a = page.accounts[i];
    Check(a.pk.has_value() || !a.username.empty());
    Check(a.sightings.size() == 1);
    Check(a.sightings[0].position == source.first_position + i);
    Check(a.sightings[0].list == swarmlens::ListKind::kNotifications && a.sightings[0].owner == "owner");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  swarmlens::SourceInfo source;
  source.name = "fuzz";
  source.owner = "owner";
  source.first_position = 5;
  CheckDirect(text, source);
  CheckFeed(text, source);
  // The same bytes as a GraphQL thread (IGDThreadDetailQuery) and a GraphQL feed.
  CheckDirect(R"({"data":{"get_slide_thread_nullable":{"as_ig_direct_thread":)" + std::string(text) + "}}}", source);
  CheckFeed(R"({"data":{"xdt_activity_inbox":)" + std::string(text) + "}}", source);
  return 0;
}
