// libFuzzer target for comment ingest: ParseCommentPage, ExtractEmbeddedJsonBlobs and
// ParseCommentPageFromHtml on arbitrary bytes must give an Error pointing inside the input or a
// page whose invariants hold; the parsed comments then go through the campaign analysis (which
// hashes attacker text). Facebook's "for (;;);" guard must change nothing but the offsets.
// Run with scripts/fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "swarmlens/campaigns.h"
#include "swarmlens/comments.h"

namespace {

// Aborts (a crash libFuzzer records, with the input) when an invariant does not hold.
void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckPage(const swarmlens::Result<swarmlens::CommentPage>& result, std::size_t size) {
  if (!result.ok()) {
    Check(result.error().offset <= size);
    Check(result.error().source == "fuzz");
    Check(!result.error().message.empty());
    return;
  }
  const swarmlens::CommentPage& page = result.value();
  std::vector<swarmlens::CommentRef> refs;
  for (const swarmlens::Comment& c : page.comments) {
    Check(!c.id.empty());
    Check(c.post == "p1");
    Check(c.author.sightings.empty());
    swarmlens::CommentRef r;
    r.id = c.id;
    r.author = c.author.username;
    r.text = c.text;
    r.created_at = c.created_at;
    r.author_score = c.author.anonymous_avatar.value_or(false) ? 0.9 : 0.1;
    refs.push_back(r);
  }
  swarmlens::CampaignOptions options;
  options.min_accounts = 2;
  options.min_strength = 0;
  options.min_burst_size = 2;
  for (const swarmlens::Campaign& c : swarmlens::AnalyzeThread(refs, options)) {
    Check(!c.members.empty() && c.members.size() <= refs.size());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  swarmlens::SourceInfo source;
  source.name = "fuzz";
  const swarmlens::Result<swarmlens::CommentPage> page = swarmlens::ParseCommentPage(text, source, "p1");
  CheckPage(page, size);
  if (size < 4096 && text.find("for (;;);") == std::string_view::npos) {
    const std::string guarded = "for (;;);" + std::string(text);
    const swarmlens::Result<swarmlens::CommentPage> same = swarmlens::ParseCommentPage(guarded, source, "p1");
    CheckPage(same, guarded.size());
    Check(same.ok() == page.ok());
    if (page.ok()) {
      Check(same.value().comments.size() == page.value().comments.size());
      Check(same.value().shape == page.value().shape);
    } else {
      Check(same.error().code == page.error().code);
      Check(same.error().offset == page.error().offset + 9);
    }
  }
  for (std::string_view blob : swarmlens::ExtractEmbeddedJsonBlobs(text)) {
    Check(blob.data() >= text.data() && blob.data() + blob.size() <= text.data() + size);
  }
  CheckPage(swarmlens::ParseCommentPageFromHtml(text, source, "p1"), size);
  return 0;
}
