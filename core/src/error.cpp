#include "swarmlens/error.h"

namespace swarmlens {

const char* ErrorCodeName(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kMalformedJson: return "malformed_json";
    case ErrorCode::kTruncated: return "truncated";
    case ErrorCode::kUnexpectedType: return "unexpected_type";
    case ErrorCode::kUnknownShape: return "unknown_shape";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kCorrupt: return "corrupt";
    case ErrorCode::kUnsupportedVersion: return "unsupported_version";
  }
  return "unknown";
}

std::string Error::ToString() const {
  std::string out = source.empty() ? std::string("<input>") : source;
  out += ": byte ";
  out += std::to_string(offset);
  out += ": ";
  out += message;
  out += " (";
  out += ErrorCodeName(code);
  out += ")";
  return out;
}

}  // namespace swarmlens
