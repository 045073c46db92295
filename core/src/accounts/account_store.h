// The accounts the engine has seen, merged by pk, else username, with their lookup indexes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "swarmlens/account.h"
#include "swarmlens/engine.h"  // UsernameHash

namespace swarmlens {

class SnapshotReader;
class SnapshotWriter;

/// Every account seen, in first-seen order (the index is the engine's account index).
class AccountStore {
 public:
  /// Merges one parsed account (by pk, else by username unless the pks differ: handles get
  /// recycled); returns its index and sets *is_new when it was not known.
  std::size_t Merge(Account&& incoming, bool* is_new);
  /// Index of the account a username points to (the latest merged with it), if any.
  std::optional<std::size_t> Find(std::string_view username) const;

  std::size_t size() const noexcept { return accounts_.size(); }
  const Account& operator[](std::size_t index) const { return accounts_[index]; }

  /// Forgets every account.
  void Clear();

  /// Writes every account and which of them their username points to.
  void Save(SnapshotWriter& out) const;
  /// Reads what Save wrote into this (empty) store; false with the reader's error on bad input.
  bool Load(SnapshotReader& in);

 private:
  std::vector<Account> accounts_;
  std::unordered_map<std::uint64_t, std::size_t> by_pk_;
  std::unordered_map<std::string, std::size_t, UsernameHash> by_username_;
};

/// Writes one account record (every field, sightings included).
void SaveAccount(SnapshotWriter& out, const Account& a);
/// Reads one account record written by SaveAccount.
bool LoadAccount(SnapshotReader& in, Account* a);

}  // namespace swarmlens
