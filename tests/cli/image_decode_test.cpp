// cli/image_decode: decodes PNG and PPM files written here (no committed binaries) and checks the
// hash equals the hash of the same pixels in memory; unreadable and broken files are errors.
// Native only (stb_image is a CLI dependency).
#include "image_decode.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "../core/synthetic_avatars.h"

namespace swarmlens {
namespace {

using testing::RgbImage;

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "swarmlens_image_decode_" + name;
}

void WriteFile(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::uint8_t> Ppm(const RgbImage& img) {
  const std::string header = "P6\n" + std::to_string(img.width) + " " + std::to_string(img.height) + "\n255\n";
  std::vector<std::uint8_t> out(header.begin(), header.end());
  out.insert(out.end(), img.rgb.begin(), img.rgb.end());
  return out;
}

std::uint32_t Crc32(const std::uint8_t* p, std::size_t n) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

void Put32(std::vector<std::uint8_t>& v, std::uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<std::uint8_t>(x >> s));
}

void Chunk(std::vector<std::uint8_t>& png, const char* type, const std::vector<std::uint8_t>& data) {
  Put32(png, static_cast<std::uint32_t>(data.size()));
  std::vector<std::uint8_t> body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  png.insert(png.end(), body.begin(), body.end());
  Put32(png, Crc32(body.data(), body.size()));
}

/// An RGBA PNG with uncompressed ("stored") deflate blocks: valid PNG without zlib.
std::vector<std::uint8_t> Png(const RgbImage& img, std::uint8_t alpha) {
  std::vector<std::uint8_t> raw;
  for (int y = 0; y < img.height; ++y) {
    raw.push_back(0);  // filter: none
    for (int x = 0; x < img.width; ++x) raw.insert(raw.end(), {img.At(x, y)[0], img.At(x, y)[1], img.At(x, y)[2], alpha});
  }
  std::vector<std::uint8_t> z = {0x78, 0x01};
  for (std::size_t pos = 0; pos < raw.size();) {
    const std::size_t len = std::min<std::size_t>(65535, raw.size() - pos);
    z.push_back(pos + len == raw.size() ? 1 : 0);
    z.insert(z.end(), {static_cast<std::uint8_t>(len), static_cast<std::uint8_t>(len >> 8),
                       static_cast<std::uint8_t>(~len), static_cast<std::uint8_t>(~len >> 8)});
    z.insert(z.end(), raw.begin() + static_cast<std::ptrdiff_t>(pos), raw.begin() + static_cast<std::ptrdiff_t>(pos + len));
    pos += len;
  }
  std::uint32_t a = 1, b = 0;
  for (std::uint8_t v : raw) {
    a = (a + v) % 65521;
    b = (b + a) % 65521;
  }
  Put32(z, (b << 16) | a);
  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> ihdr;
  Put32(ihdr, static_cast<std::uint32_t>(img.width));
  Put32(ihdr, static_cast<std::uint32_t>(img.height));
  ihdr.insert(ihdr.end(), {8, 6, 0, 0, 0});  // 8-bit RGBA
  Chunk(png, "IHDR", ihdr);
  Chunk(png, "IDAT", z);
  Chunk(png, "IEND", {});
  return png;
}

TEST(ImageDecode, PngAndPpmHashLikeTheirPixels) {
  const RgbImage img = testing::MakeAvatar(12);
  const PerceptualHash expected = testing::HashOf(img);
  const std::vector<std::uint8_t> png = Png(img, 255), ppm = Ppm(img);
  WriteFile(TempPath("a.png"), png);
  WriteFile(TempPath("a.ppm"), ppm);
  std::string error;
  std::uint64_t exact = 0;
  auto from_png = cli::HashImageFile(TempPath("a.png"), &error, &exact);
  ASSERT_TRUE(from_png) << error;
  EXPECT_EQ(*from_png, expected);
  EXPECT_EQ(exact, ExactImageHash(png));
  auto from_ppm = cli::HashImageFile(TempPath("a.ppm"), &error, &exact);
  ASSERT_TRUE(from_ppm) << error;
  EXPECT_EQ(*from_ppm, expected);
  EXPECT_EQ(exact, ExactImageHash(ppm));
  EXPECT_NE(ExactImageHash(png), ExactImageHash(ppm));  // same picture, different files
}

TEST(ImageDecode, TransparentPngIsFlat) {
  WriteFile(TempPath("clear.png"), Png(testing::MakeAvatar(3), 0));
  std::string error;
  auto h = cli::HashImageFile(TempPath("clear.png"), &error);
  ASSERT_TRUE(h) << error;
  EXPECT_EQ(h->quality, 0);  // fully transparent = white
}

TEST(ImageDecode, ErrorsNameTheFileAndTheReason) {
  std::string error;
  EXPECT_FALSE(cli::HashImageFile(TempPath("missing.png"), &error));
  EXPECT_NE(error.find("missing.png: cannot open"), std::string::npos) << error;
  WriteFile(TempPath("text.png"), {'h', 'e', 'l', 'l', 'o'});
  EXPECT_FALSE(cli::HashImageFile(TempPath("text.png"), &error));
  EXPECT_NE(error.find("not a decodable image"), std::string::npos) << error;
  std::vector<std::uint8_t> png = Png(testing::MakeAvatar(4, 64), 255);
  png.resize(png.size() / 2);
  WriteFile(TempPath("cut.png"), png);
  EXPECT_FALSE(cli::HashImageFile(TempPath("cut.png"), &error));
  WriteFile(TempPath("empty.png"), {});
  EXPECT_FALSE(cli::HashImageFile(TempPath("empty.png"), &error));
  EXPECT_NE(error.find("empty file"), std::string::npos) << error;
}

}  // namespace
}  // namespace swarmlens
