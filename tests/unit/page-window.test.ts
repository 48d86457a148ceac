import { describe, expect, it } from 'vitest';
import { bandOf } from '../../src/page/window';

/** Blocks 100 px tall, one under the other, starting at `offset` (the page scrolled by -offset). */
function column(n: number, offset: number) {
  return Array.from({ length: n }, (_, i) => ({ top: offset + i * 100, bottom: offset + i * 100 + 100, mentions: 2 }));
}
const rect = (b: { top: number; bottom: number }) => b;
const count = (b: { mentions: number }) => b.mentions;

describe('bandOf', () => {
  it('takes the blocks that meet the band, and only those', () => {
    const blocks = column(1000, -50_000); // block 500 is at the top of the viewport
    const band = bandOf(blocks, rect, -200, 900, count);
    expect(band).toEqual({ from: 497, to: 510 }); // 497 ends at -200: touching the band counts
  });

  it('asks for about log2(n) boxes plus the band, not for every block', () => {
    const blocks = column(100_000, -5_000_000);
    let asked = 0;
    const band = bandOf(blocks, (b) => (asked++, b), -700, 1400, count);
    expect(band).toEqual({ from: 49_992, to: 50_015 });
    expect(asked).toBeLessThan(60);
  });

  it('stops at the mention cap in dense text', () => {
    const blocks = column(100, 0).map((b) => ({ ...b, mentions: 50 }));
    const band = bandOf(blocks, rect, 0, 10_000, count, 120);
    expect(band).toEqual({ from: 0, to: 3 });
  });

  it('is empty when the viewport is past every block, and starts at 0 above them', () => {
    expect(bandOf(column(10, -5000), rect, 0, 800, count)).toEqual({ from: 10, to: 10 });
    expect(bandOf(column(10, 5000), rect, 0, 800, count)).toEqual({ from: 0, to: 0 });
    expect(bandOf(column(0, 0), rect, 0, 800, count)).toEqual({ from: 0, to: 0 });
  });
});
