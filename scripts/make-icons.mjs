// Draws the tray and app icons (anti-aliased, from shapes) and writes PNG and ICO files to
// assets/. Run once after changing the design: `node scripts/make-icons.mjs`. The output is
// committed, so building the app needs nothing but this repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const STATES = ['ok', 'problem', 'error', 'offline', 'paused'];
const COLOURS = { ok: [46, 160, 67], problem: [230, 150, 20], error: [215, 50, 40], offline: [130, 135, 145], paused: [130, 135, 145] };

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function png(size, pixels) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const entry = 6 + 16 * i;
    header[entry] = size >= 256 ? 0 : size;
    header[entry + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

/** Coverage (0..1) of shape `inside(x, y)` over each pixel, 4×4 supersampled. */
function draw(size, layers) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const { inside, colour, alpha = 1, erase } of layers) {
        let hits = 0;
        for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)) hits++;
        const cover = (hits / 16) * alpha;
        if (erase) {
          a *= 1 - hits / 16;
          continue;
        }
        const outA = cover + a * (1 - cover);
        if (outA > 0) {
          r = (colour[0] * cover + r * a * (1 - cover)) / outA;
          g = (colour[1] * cover + g * a * (1 - cover)) / outA;
          b = (colour[2] * cover + b * a * (1 - cover)) / outA;
        }
        a = outA;
      }
      const i = (py * size + px) * 4;
      pixels[i] = Math.round(r);
      pixels[i + 1] = Math.round(g);
      pixels[i + 2] = Math.round(b);
      pixels[i + 3] = Math.round(a * 255);
    }
  }
  return pixels;
}

// A storage bucket: an elliptical rim over a tapered body, in unit coordinates.
const rim = (x, y) => ((x - 0.44) / 0.36) ** 2 + ((y - 0.26) / 0.13) ** 2 <= 1;
const rimHole = (x, y) => ((x - 0.44) / 0.25) ** 2 + ((y - 0.26) / 0.06) ** 2 <= 1;
const body = (x, y) => y >= 0.26 && y <= 0.86 && Math.abs(x - 0.44) <= 0.36 - (y - 0.26) * 0.16;
const base = (x, y) => ((x - 0.44) / 0.26) ** 2 + ((y - 0.86) / 0.08) ** 2 <= 1;
const glyph = (x, y) => (rim(x, y) || body(x, y) || base(x, y)) && !rimHole(x, y);
const badgeRing = (x, y) => (x - 0.76) ** 2 + (y - 0.76) ** 2 <= 0.27 ** 2;
const badge = (x, y) => (x - 0.76) ** 2 + (y - 0.76) ** 2 <= 0.2 ** 2;
const badgeHole = (x, y) => (x - 0.76) ** 2 + (y - 0.76) ** 2 <= 0.1 ** 2;
const pauseBars = (x, y) => y >= 0.62 && y <= 0.92 && ((x >= 0.64 && x <= 0.72) || (x >= 0.8 && x <= 0.88));

function trayLayers(state, glyphColour, template) {
  const colour = template ? [0, 0, 0] : COLOURS[state];
  const layers = [{ inside: glyph, colour: glyphColour, alpha: state === 'offline' ? 0.5 : 1 }];
  if (state === 'ok') return template ? layers : [...layers, { inside: badgeRing, erase: true }, { inside: badge, colour }];
  layers.push({ inside: badgeRing, erase: true });
  if (state === 'problem') layers.push({ inside: badge, colour });
  if (state === 'error') layers.push({ inside: badge, colour }, { inside: badgeHole, erase: true });
  if (state === 'offline') layers.push({ inside: (x, y) => badge(x, y) && !badgeHole(x, y), colour, alpha: 0.8 });
  if (state === 'paused') layers.push({ inside: pauseBars, colour });
  return layers;
}

mkdirSync('assets/tray', { recursive: true });
for (const state of STATES) {
  for (const [suffix, size] of [['', 16], ['@2x', 32]]) {
    writeFileSync(`assets/tray/trayTemplate-${state}${suffix}.png`, png(size, draw(size, trayLayers(state, [0, 0, 0], true))));
    for (const [variant, glyphColour] of [['light', [40, 44, 52]], ['dark', [236, 238, 242]]]) {
      writeFileSync(`assets/tray/tray-${state}-${variant}${suffix}.png`, png(size, draw(size, trayLayers(state, glyphColour, false))));
    }
  }
  for (const [variant, glyphColour] of [['light', [40, 44, 52]], ['dark', [236, 238, 242]]]) {
    const images = [16, 32].map((size) => ({ size, data: png(size, draw(size, trayLayers(state, glyphColour, false))) }));
    writeFileSync(`assets/tray/tray-${state}-${variant}.ico`, ico(images));
  }
}

// The app icon: a white bucket on a blue rounded square.
const roundedSquare = (x, y) => {
  const r = 0.22;
  const dx = Math.max(Math.abs(x - 0.5) - (0.46 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.46 - r), 0);
  return dx * dx + dy * dy <= r * r;
};
const centred = (shape) => (x, y) => shape((x - 0.5) / 0.62 + 0.44, (y - 0.5) / 0.62 + 0.56);
const appLayers = [
  { inside: roundedSquare, colour: [59, 91, 219] },
  { inside: centred(glyph), colour: [255, 255, 255] },
];
writeFileSync('assets/icon.png', png(512, draw(512, appLayers)));
// Windows: every size Explorer, the taskbar and the installer ask for, 100–250 % scaling included.
writeFileSync('assets/icon.ico', ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, data: png(size, draw(size, appLayers)) }))));
// Linux: the hicolor sizes, named NxN.png as electron-builder wants them; macOS: 1024 px for the Retina 512@2x.
mkdirSync('assets/icons', { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) writeFileSync(`assets/icons/${size}x${size}.png`, png(size, draw(size, appLayers)));
console.log('icons written to assets/');
