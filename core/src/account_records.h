// Internal: account records met inside other payloads (a direct thread's `users` and `inviter`,
// a notification's `inline_follow.user_info`) are read by the one user reader the follower
// parser has, over their raw JSON wrapped as a REST list page, so every field rule (ids as
// numbers or strings, alias keys, mojibake, the avatar verdict) is the same everywhere. Errors
// keep their offsets in the outer text. Not part of the public API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "swarmlens/account.h"
#include "swarmlens/error.h"
#include "swarmlens/ingest.h"

namespace swarmlens::detail {

/// Reads `raw`, the JSON text of an array of user objects (or of one user object when `single`)
/// found at byte `offset` of the outer text named `source_name`. Appends the accounts, without
/// sightings, to `out`; false with `*error` set (offset into the outer text) on any problem,
/// `out` unchanged then.
inline bool ReadAccountRecords(std::string_view raw, bool single, std::uint64_t offset, const std::string& source_name,
                               std::vector<Account>* out, Error* error) {
  std::string wrapped = single ? "{\"users\":[" : "{\"users\":";
  const std::size_t prefix = wrapped.size();
  wrapped.append(raw.data(), raw.size());
  wrapped += single ? "]}" : "}";
  SourceInfo source;
  source.name = source_name;
  Result<Page> page = ParseFollowerPage(wrapped, source);
  if (!page.ok()) {
    *error = page.error();
    const std::uint64_t inner = error->offset >= prefix ? error->offset - prefix : 0;
    error->offset = offset + (inner < raw.size() ? inner : raw.size());
    return false;
  }
  for (Account& a : page.value().accounts) {
    a.sightings.clear();  // a record inside a message or notification is no list member
    out->push_back(std::move(a));
  }
  return true;
}

}  // namespace swarmlens::detail
