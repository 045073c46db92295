#include "swarmlens/engine.h"

#include <algorithm>

#include <xxhash.h>

namespace swarmlens {

std::size_t UsernameHash::operator()(const std::string& s) const noexcept {
  return static_cast<std::size_t>(XXH3_64bits(s.data(), s.size()));
}

Result<IngestSummary> Engine::Ingest(std::string_view json, const SourceInfo& source) {
  // Parse first: on any error nothing below runs, so the engine's state is unchanged.
  Result<Page> parsed = ParseFollowerPage(json, source);
  if (!parsed) return parsed.error();
  Page& page = parsed.value();

  IngestSummary summary;
  summary.shape = page.shape;
  summary.list = page.list;
  summary.next_cursor = std::move(page.next_cursor);
  summary.accounts.reserve(page.accounts.size());

  for (Account& incoming : page.accounts) {
    // Identity: pk when the payload has one, else the username (DYI exports carry no pk).
    std::size_t index = accounts_.size();
    bool found = false;
    if (incoming.pk) {
      if (auto it = by_pk_.find(*incoming.pk); it != by_pk_.end()) {
        index = it->second;
        found = true;
      }
    }
    if (!found && !incoming.username.empty()) {
      if (auto it = by_username_.find(incoming.username); it != by_username_.end()) {
        // A username seen with a different pk is another account (handles get recycled).
        const Account& known = accounts_[it->second];
        if (!(incoming.pk && known.pk && *incoming.pk != *known.pk)) {
          index = it->second;
          found = true;
        }
      }
    }
    if (found) {
      Account& known = accounts_[index];
      if (!incoming.username.empty() && incoming.username != known.username) {
        // Renamed account: the old handle no longer points to it.
        if (auto it = by_username_.find(known.username); it != by_username_.end() && it->second == index)
          by_username_.erase(it);
      }
      MergeAccount(known, incoming);
    } else {
      accounts_.push_back(std::move(incoming));
      ++summary.new_accounts;
    }
    const Account& stored = accounts_[index];
    if (stored.pk) by_pk_[*stored.pk] = index;
    if (!stored.username.empty()) by_username_[stored.username] = index;
    summary.accounts.push_back(index);
  }
  return summary;
}

Score Engine::ScoreAt(std::size_t index) const { return ScoreAccount(accounts_[index], thresholds_); }

std::vector<ScoredAccount> Engine::Ranked() const {
  std::vector<ScoredAccount> out;
  out.reserve(accounts_.size());
  for (const Account& account : accounts_) out.push_back({&account, ScoreAccount(account, thresholds_)});
  std::stable_sort(out.begin(), out.end(), [](const ScoredAccount& a, const ScoredAccount& b) {
    if (a.score.score != b.score.score) return a.score.score > b.score.score;
    return a.account->username < b.account->username;
  });
  return out;
}

void Engine::Clear() {
  accounts_.clear();
  by_pk_.clear();
  by_username_.clear();
}

}  // namespace swarmlens
