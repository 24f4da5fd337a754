// Draws the kernelspec logos (32 and 64 px PNG, plus SVG): a TypeScript-blue tile with a white λ.
// Run once with `node scripts/make-logos.mjs`; the outputs are committed under kernel/assets/.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

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
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

// Distance from point p to segment ab, in units of the tile.
const segment = (px, py, ax, ay, bx, by) => {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay));
};
const strokes = [
  [0.3, 0.2, 0.72, 0.82], // the long leg of λ
  [0.5, 0.5, 0.28, 0.82], // the short leg
  [0.22, 0.2, 0.32, 0.2], // the top serif
];

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      let a = 0;
      let w = 0;
      for (let s = 0; s < 16; s++) {
        // 4×4 supersampling
        const px = (x + ((s % 4) + 0.5) / 4) / size;
        const py = (y + (Math.floor(s / 4) + 0.5) / 4) / size;
        const r = 0.18;
        const dx = Math.max(r - px, 0, px - (1 - r));
        const dy = Math.max(r - py, 0, py - (1 - r));
        if (Math.hypot(dx, dy) <= r) {
          a++;
          if (strokes.some(([ax, ay, bx, by]) => segment(px, py, ax, ay, bx, by) < 0.07)) w++;
        }
      }
      const white = w / 16;
      const [br, bg, bb] = [0x31, 0x78, 0xc6];
      row.push(
        Math.round(br + (255 - br) * white),
        Math.round(bg + (255 - bg) * white),
        Math.round(bb + (255 - bb) * white),
        Math.round((a / 16) * 255),
      );
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const dir = new URL("../kernel/assets/", import.meta.url);
for (const size of [32, 64]) writeFileSync(new URL(`logo-${size}x${size}.png`, dir), png(size));
const lines = strokes.map(([ax, ay, bx, by]) => `<line x1="${ax * 64}" y1="${ay * 64}" x2="${bx * 64}" y2="${by * 64}"/>`).join("");
writeFileSync(
  new URL("logo-svg.svg", dir),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="11.5" fill="#3178c6"/><g stroke="#fff" stroke-width="9" stroke-linecap="round">${lines}</g></svg>\n`,
);
console.log("wrote kernel/assets/logo-32x32.png, logo-64x64.png, logo-svg.svg");
