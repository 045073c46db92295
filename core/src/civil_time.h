// UTC calendar fields of Unix seconds, computed (H. Hinnant's days-to-civil algorithm) instead of
// gmtime_r: Emscripten 3.1.6 implements gmtime_r in JS glue that aborts in the engine module
// (-sFILESYSTEM=0), so the core never calls into libc time conversion.
#pragma once

#include <cstdint>

namespace swarmlens {

/// A UTC date and time (proleptic Gregorian).
struct UtcFields {
  std::int64_t year = 1970;
  int month = 1;   ///< 1..12
  int day = 1;     ///< 1..31
  int hour = 0, minute = 0, second = 0;
};

/// The UTC fields of `unix_seconds` (negative is before 1970).
inline UtcFields UtcFieldsOf(std::int64_t unix_seconds) noexcept {
  std::int64_t days = unix_seconds / 86400;
  std::int64_t rest = unix_seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  UtcFields f;
  f.hour = static_cast<int>(rest / 3600);
  f.minute = static_cast<int>(rest % 3600 / 60);
  f.second = static_cast<int>(rest % 60);
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);         // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                              // [0, 11]
  f.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  f.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  f.year = yoe + era * 400 + (f.month <= 2 ? 1 : 0);
  return f;
}

}  // namespace swarmlens
