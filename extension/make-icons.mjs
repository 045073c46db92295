// Draws the toolbar / add-on icons at build time (scripts/build-extension), so no binary image is
// kept in the tree: a dark lens ring with a red dot, anti-aliased by 4x4 supersampling.
// Usage: node extension/make-icons.mjs <out-dir>   -> icon-16.png, icon-32.png, icon-48.png, icon-128.png
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

/** Icon sizes the manifest lists. */
export const SIZES = [16, 32, 48, 128];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes RGBA pixels (size*size*4 bytes) as a PNG file. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;  // bit depth
  header[9] = 6;  // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;  // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
                        chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Colour of the icon at unit coordinates (x, y in [0, 1)), or null for transparent. */
function shade(x, y) {
  const r = Math.hypot(x - 0.5, y - 0.5);
  if (r < 0.17) return [0xc6, 0x28, 0x28];  // the flagged account
  if (r > 0.30 && r < 0.46) return [0x26, 0x32, 0x38];  // the lens
  return null;
}

function drawIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      const sum = [0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!colour) continue;
          hits += 1;
          for (let i = 0; i < 3; i++) sum[i] += colour[i];
        }
      }
      const o = (py * size + px) * 4;
      if (hits) for (let i = 0; i < 3; i++) rgba[o + i] = Math.round(sum[i] / hits);
      rgba[o + 3] = Math.round((255 * hits) / (n * n));
    }
  }
  return encodePng(size, rgba);
}

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node extension/make-icons.mjs <out-dir>');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
for (const size of SIZES) writeFileSync(path.join(outDir, `icon-${size}.png`), drawIcon(size));
