// Draws the app icon, resources/build/icon.png (512×512 RGBA), with nothing but zlib: a red
// seal-like square with a white inner frame and a white check mark (落实: carried out).
// electron-builder derives the Windows .ico and the Linux sizes from this one file.
// Run: node scripts/generate-icon.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 512;
const samples = 4; // 4×4 supersampling for smooth edges
const red = [200, 22, 29];
const white = [255, 255, 255];

/** Signed distance to a rounded square centred in the icon (negative inside). */
function roundedSquare(x, y, inset, radius) {
  const half = size / 2 - inset;
  const qx = Math.abs(x - size / 2) - (half - radius);
  const qy = Math.abs(y - size / 2) - (half - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance from a point to a segment. */
function segment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const check = [
  [152, 268],
  [226, 340],
  [362, 184],
];

/** The colour at one sample point, or null where the icon is transparent. */
function shade(x, y) {
  if (roundedSquare(x, y, 16, 76) > 0) return null;
  const frame = Math.abs(roundedSquare(x, y, 58, 42)) <= 8;
  const mark = Math.min(segment(x, y, check[0], check[1]), segment(x, y, check[1], check[2])) <= 24;
  return frame || mark ? white : red;
}

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let py = 0; py < size; py += 1) {
  const row = py * (size * 4 + 1);
  raw[row] = 0; // filter: none
  for (let px = 0; px < size; px += 1) {
    let r = 0;
    let g = 0;
    let b = 0;
    let covered = 0;
    for (let sy = 0; sy < samples; sy += 1) {
      for (let sx = 0; sx < samples; sx += 1) {
        const colour = shade(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples);
        if (!colour) continue;
        r += colour[0];
        g += colour[1];
        b += colour[2];
        covered += 1;
      }
    }
    const at = row + 1 + px * 4;
    if (covered > 0) {
      raw[at] = Math.round(r / covered);
      raw[at + 1] = Math.round(g / covered);
      raw[at + 2] = Math.round(b / covered);
      raw[at + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('../resources/build/icon.png', import.meta.url);
mkdirSync(new URL('.', out), { recursive: true });
writeFileSync(out, png);
console.log(`icon.png: ${size}×${size}, ${png.length} bytes`);
