// Helpers for tests that read golden files from tests/data/ (natively and under node).
#pragma once

#include <string>

#include "swarmlens/ingest.h"

namespace swarmlens::testing {

/// Reads tests/data/<relative>; fails the current test (ADD_FAILURE) and returns "" if missing.
std::string ReadTestData(const std::string& relative);
/// Reads a file from ../shared/data/instagram-samples/; returns "" (and GTEST_SKIP is up to the
/// caller) when the shared folder is absent.
std::string ReadSample(const std::string& name, bool* found = nullptr);
/// A SourceInfo naming the input (error messages quote it).
inline SourceInfo Src(const char* name) {
  SourceInfo s;
  s.name = name;
  return s;
}
/// Absolute path of tests/data/<relative>.
std::string TestDataPath(const std::string& relative);

}  // namespace swarmlens::testing
