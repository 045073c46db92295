// The engine: accounts accumulated across pages and files, merged by pk / username, scored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "swarmlens/account.h"
#include "swarmlens/error.h"
#include "swarmlens/ingest.h"
#include "swarmlens/score.h"

namespace swarmlens {

/// An account with its current score.
struct ScoredAccount {
  const Account* account = nullptr;  ///< Owned by the Engine; valid until the next Ingest.
  Score score;
};

/// What one Ingest call did.
struct IngestSummary {
  PayloadShape shape = PayloadShape::kFriendshipsV1;
  ListKind list = ListKind::kUnknown;
  std::vector<std::size_t> accounts;      ///< Engine indices of the page's accounts, in page order.
  std::size_t new_accounts = 0;           ///< How many were not known before.
  std::optional<std::string> next_cursor;
};

/// Hashes usernames with XXH3 (fast on short keys, and seeded per process is not needed here).
struct UsernameHash {
  std::size_t operator()(const std::string& s) const noexcept;
};

/// Holds every account seen so far. On an error the engine's state is unchanged.
class Engine {
 public:
  /// Parses a payload and merges its accounts (by pk, else by username).
  Result<IngestSummary> Ingest(std::string_view json, const SourceInfo& source = {});

  std::size_t size() const noexcept { return accounts_.size(); }
  const Account& account(std::size_t index) const { return accounts_[index]; }

  /// Scores one account by engine index.
  Score ScoreAt(std::size_t index) const;
  /// Every account scored, highest score first (ties: username).
  std::vector<ScoredAccount> Ranked() const;

  /// Forgets everything.
  void Clear();

 private:
  std::vector<Account> accounts_;
  std::unordered_map<std::uint64_t, std::size_t> by_pk_;
  std::unordered_map<std::string, std::size_t, UsernameHash> by_username_;
  LevelThresholds thresholds_;
};

}  // namespace swarmlens
