/**
 * Draws the Teams app icons with pngjs (run once, PNGs are committed):
 *   appPackage/color.png   192x192, full colour: white glyph on the accent-blue tile
 *   appPackage/outline.png  32x32, white glyph on transparent (Teams requires white + alpha only)
 * The glyph is the product's two-tier picture: one indirect provider linked to two resellers.
 *
 *   npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type Shape = (x: number, y: number) => boolean;

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A line segment with round ends ("capsule"), width w. */
const capsule =
  (ax: number, ay: number, bx: number, by: number, w: number): Shape =>
  (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - (ax + t * dx)) ** 2 + (y - (ay + t * dy)) ** 2 <= (w / 2) ** 2;
  };

const roundedSquare =
  (r: number): Shape =>
  (x, y) => {
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
    return qx * qx + qy * qy <= r * r;
  };

/** Provider on top, two resellers below, linked; in unit coordinates. */
function glyph(node: number, line: number): Shape {
  const parts = [
    circle(0.5, 0.24, node),
    circle(0.2, 0.76, node),
    circle(0.8, 0.76, node),
    capsule(0.5, 0.24, 0.2, 0.76, line),
    capsule(0.5, 0.24, 0.8, 0.76, line),
    capsule(0.2, 0.76, 0.8, 0.76, line),
  ];
  return (x, y) => parts.some((p) => p(x, y));
}

/** Maps the unit square into an inset box (glyph safe area). */
const inset =
  (s: Shape, margin: number): Shape =>
  (x, y) =>
    s((x - margin) / (1 - 2 * margin), (y - margin) / (1 - 2 * margin));

/** Fraction of a pixel covered by a shape, 4x4 supersampled for smooth edges. */
function coverage(s: Shape, px: number, py: number, size: number): number {
  const n = 4;
  let hits = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (s((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)) hits++;
  return hits / (n * n);
}

function draw(size: number, paint: (cov: (s: Shape) => number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint((s) => coverage(s, x, y, size));
      const o = (y * size + x) * 4;
      png.data[o] = r;
      png.data[o + 1] = g;
      png.data[o + 2] = b;
      png.data[o + 3] = a;
    }
  return PNG.sync.write(png);
}

const ACCENT: [number, number, number] = [0x0f, 0x6c, 0xbd]; // manifest accentColor #0F6CBD

export function colorIcon(): Buffer {
  const tile = roundedSquare(0.22);
  const mark = inset(glyph(0.12, 0.075), 0.22);
  return draw(192, (cov) => {
    const t = cov(tile);
    const m = cov(mark);
    // white glyph over the blue tile; the tile's rounded corners fade to transparent
    const mix = (c: number) => Math.round(c * (1 - m) + 255 * m);
    return [mix(ACCENT[0]), mix(ACCENT[1]), mix(ACCENT[2]), Math.round(255 * Math.max(t, m))];
  });
}

export function outlineIcon(): Buffer {
  const mark = inset(glyph(0.15, 0.11), 0.04);
  return draw(32, (cov) => [255, 255, 255, Math.round(255 * cov(mark))]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = new URL('../appPackage/', import.meta.url);
  writeFileSync(new URL('color.png', dir), colorIcon());
  writeFileSync(new URL('outline.png', dir), outlineIcon());
  process.stdout.write('wrote appPackage/color.png (192x192) and appPackage/outline.png (32x32)\n');
}
