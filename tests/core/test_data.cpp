#include "test_data.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace swarmlens::testing {

namespace {
std::string Slurp(const std::string& path, bool* found) {
  std::ifstream in(path, std::ios::binary);
  if (found) *found = static_cast<bool>(in);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

std::string TestDataPath(const std::string& relative) {
  return std::string(SWARMLENS_TEST_DATA_DIR) + "/" + relative;
}

std::string ReadTestData(const std::string& relative) {
  bool found = false;
  std::string text = Slurp(TestDataPath(relative), &found);
  if (!found) ADD_FAILURE() << "missing test data file " << TestDataPath(relative);
  return text;
}

std::string ReadSample(const std::string& name, bool* found) {
  return Slurp(std::string(SWARMLENS_SAMPLES_DIR) + "/" + name, found);
}

}  // namespace swarmlens::testing
