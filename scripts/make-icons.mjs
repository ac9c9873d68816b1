// Draws Homeward's app icons (a white house on the theme's indigo) as PNG files for the web app
// manifest, without an image library: the pixels are computed here and written as a PNG with
// zlib. Run once after changing the drawing: `node scripts/make-icons.mjs`; the files are committed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const INDIGO = [0x42, 0x63, 0xeb];
const WHITE = [0xff, 0xff, 0xff];

/** Whether a point (0..1 on both axes) is inside the house: a roof triangle over a body with a door cut out. Kept in the middle 60 % (safe zone of maskable icons). */
function inHouse(x, y) {
  const roof = y >= 0.22 && y <= 0.5 && Math.abs(x - 0.5) <= (y - 0.22) * (0.3 / 0.28);
  const body = x >= 0.3 && x <= 0.7 && y >= 0.48 && y <= 0.78;
  const door = x >= 0.45 && x <= 0.55 && y >= 0.6 && y <= 0.78;
  return (roof || body) && !door;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  const samples = 4; // 4x4 supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let inside = 0;
      for (let sy = 0; sy < samples; sy++) for (let sx = 0; sx < samples; sx++) if (inHouse((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size)) inside++;
      const a = inside / (samples * samples);
      const o = y * (size * 3 + 1) + 1 + x * 3;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(INDIGO[c] * (1 - a) + WHITE[c] * a);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

for (const size of [192, 512]) writeFileSync(path.join(root, 'web', 'public', 'icons', `icon-${size}.png`), png(size));
writeFileSync(path.join(root, 'web', 'public', 'icons', 'icon.svg'), `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">
  <rect width="100" height="100" fill="#4263eb"/>
  <path fill="#fff" fill-rule="evenodd" d="M50 22 L80 50 L70 50 L70 78 L30 78 L30 50 L20 50 Z M45 60 L45 78 L55 78 L55 60 Z"/>
</svg>
`);
console.log('Icons written to web/public/icons/');
