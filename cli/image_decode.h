// Decodes avatar image files for the CLI (stb_image: JPEG, PNG, BMP, GIF, PNM, ...) and hashes
// them with the core. CLI only: the extension decodes in the browser and the wasm build has no
// file system, so this is not part of the core library.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "swarmlens/image_hash.h"

namespace swarmlens::cli {

/// Reads the image file at `path`, decodes it and returns its perceptual hash. When `exact` is
/// given, stores ExactImageHash of the file bytes there. On failure returns nullopt and, when
/// `error` is given, a sentence naming the file and the reason (unreadable, not an image,
/// truncated, ...). Animated GIFs are hashed by their first frame.
std::optional<PerceptualHash> HashImageFile(const std::string& path, std::string* error,
                                            std::uint64_t* exact = nullptr);

}  // namespace swarmlens::cli
