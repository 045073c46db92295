// The one translation unit that compiles stb_image (Debian's libstb-dev header).
#include "image_decode.h"

#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Only the decoders avatars come in; no HDR/PIC/PSD/TGA code in the binary, and no stdio
// reading inside stb (we read the bytes ourselves, once, for the exact hash too).
#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_ONLY_BMP
#define STBI_ONLY_GIF
#define STBI_ONLY_PNM
#define STBI_NO_STDIO
#define STBI_FAILURE_USERMSG
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif
#include <stb/stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

namespace swarmlens::cli {

std::optional<PerceptualHash> HashImageFile(const std::string& path, std::string* error, std::uint64_t* exact) {
  auto fail = [&](const std::string& why) -> std::optional<PerceptualHash> {
    if (error) *error = path + ": " + why;
    return std::nullopt;
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("cannot open the file");
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fail("read error");
  if (bytes.empty()) return fail("empty file");
  if (bytes.size() > 0x7FFFFFFF) return fail("file too large for an avatar");
  if (exact) *exact = ExactImageHash(bytes);

  int width = 0, height = 0, channels = 0;
  // Ask for RGBA whatever the file holds: the core composites alpha onto white.
  stbi_uc* pixels =
      stbi_load_from_memory(bytes.data(), static_cast<int>(bytes.size()), &width, &height, &channels, 4);
  if (pixels == nullptr) {
    const char* reason = stbi_failure_reason();
    return fail(std::string("not a decodable image (") + (reason ? reason : "unknown") + ")");
  }
  const ImageView view{pixels, static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height),
                       static_cast<std::size_t>(width) * 4, PixelFormat::kRgba8};
  auto hash = ComputePerceptualHash(view);
  stbi_image_free(pixels);
  if (!hash) return fail(hash.error().message);
  return hash.value();
}

}  // namespace swarmlens::cli
