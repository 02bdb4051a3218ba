// A tiny vector painter for the app icons. Shapes are signed distance functions in pixel units
// (negative inside), so edges get one pixel of anti-aliasing from the distance alone and shapes
// combine with min/max: union, cut-out and "grow by n pixels" (halos) are one line each.
import type { RgbaImage } from './png';

/** Signed distance from the point to the shape's edge; < 0 inside. */
export type Shape = (x: number, y: number) => number;
export type Rgb = readonly [number, number, number];

export function box(left: number, top: number, right: number, bottom: number, radius = 0): Shape {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const hw = (right - left) / 2 - radius;
  const hh = (bottom - top) / 2 - radius;
  return (x, y) => {
    const dx = Math.abs(x - cx) - hw;
    const dy = Math.abs(y - cy) - hh;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - radius;
  };
}

export function circle(cx: number, cy: number, radius: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) - radius;
}

/** A stroke from (x1,y1) to (x2,y2) with round caps. */
export function segment(x1: number, y1: number, x2: number, y2: number, width: number): Shape {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSquared = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.min(1, Math.max(0, ((x - x1) * dx + (y - y1) * dy) / lengthSquared));
    return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) - width / 2;
  };
}

export const union = (...shapes: Shape[]): Shape => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
export const minus = (shape: Shape, hole: Shape): Shape => (x, y) => Math.max(shape(x, y), -hole(x, y));
export const grow = (shape: Shape, by: number): Shape => (x, y) => shape(x, y) - by;

export function hex(colour: string): Rgb {
  const value = Number.parseInt(colour.replace('#', ''), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** Premultiplied floating-point RGBA, so repeated blending does not drift. */
export class Canvas {
  private readonly pixels: Float64Array;

  constructor(readonly width: number, readonly height: number) {
    this.pixels = new Float64Array(width * height * 4);
  }

  fill(shape: Shape, colour: Rgb, opacity = 1): this {
    this.eachCovered(shape, (i, coverage) => {
      const a = coverage * opacity;
      for (let c = 0; c < 3; c++) this.pixels[i + c] = ((colour[c] ?? 0) / 255) * a + (this.pixels[i + c] ?? 0) * (1 - a);
      this.pixels[i + 3] = a + (this.pixels[i + 3] ?? 0) * (1 - a);
    });
    return this;
  }

  /** Makes the shape transparent again: cut-outs in the outline icon. */
  erase(shape: Shape): this {
    this.eachCovered(shape, (i, coverage) => {
      for (let c = 0; c < 4; c++) this.pixels[i + c] = (this.pixels[i + c] ?? 0) * (1 - coverage);
    });
    return this;
  }

  /**
   * 8-bit straight RGBA. A pixel that rounds to alpha 0 is written as transparent white, so a tool
   * that ignores alpha still sees only white in the outline icon.
   */
  toImage(): RgbaImage {
    const data = new Uint8Array(this.width * this.height * 4);
    for (let i = 0; i < data.length; i += 4) {
      const alpha = this.pixels[i + 3] ?? 0;
      const a8 = Math.round(alpha * 255);
      for (let c = 0; c < 3; c++) data[i + c] = a8 === 0 ? 255 : Math.round(((this.pixels[i + c] ?? 0) / alpha) * 255);
      data[i + 3] = a8;
    }
    return { width: this.width, height: this.height, data };
  }

  private eachCovered(shape: Shape, paint: (index: number, coverage: number) => void): void {
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const coverage = Math.min(1, Math.max(0, 0.5 - shape(x + 0.5, y + 0.5)));
        if (coverage > 0) paint((y * this.width + x) * 4, coverage);
      }
    }
  }
}
