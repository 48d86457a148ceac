import { describe, expect, it } from 'vitest';
import { hoverRevealAt, isCardAnimation, isRevealAnimation, revealSchedule } from '../../src/card/reveal';

describe('hoverRevealAt', () => {
  it('counts the delay from the pointer event that reached the mention', () => {
    expect(hoverRevealAt(1000, 1004, 300)).toBe(1300);
  });

  it('never reveals early on a missing, zero or future timestamp: counts from now instead', () => {
    expect(hoverRevealAt(0, 500, 300)).toBe(800);
    expect(hoverRevealAt(Number.NaN, 500, 300)).toBe(800);
    expect(hoverRevealAt(900, 500, 300)).toBe(800);
  });

  it('treats a negative delay as none', () => {
    expect(hoverRevealAt(1000, 1000, -50)).toBe(1000);
  });
});

describe('revealSchedule', () => {
  it('a reveal still ahead: the remaining time as animation-delay, the start pinned to now', () => {
    // Prepared 20 ms into a 300 ms delay: the animation's delay ends exactly at the reveal time.
    const s = revealSchedule(1300, 1020);
    expect(s).toEqual({ delayMs: 280, startTime: 1020 });
    expect(s.startTime! + s.delayMs).toBe(1300);
  });

  it('a reveal already due (click, keyboard, late data): no delay, started with the next frame', () => {
    expect(revealSchedule(1000, 1000)).toEqual({ delayMs: 0, startTime: null });
    expect(revealSchedule(1000, 1450)).toEqual({ delayMs: 0, startTime: null });
  });

  it('a NaN reveal time is shown at once rather than never', () => {
    expect(revealSchedule(Number.NaN, 10)).toEqual({ delayMs: 0, startTime: null });
  });
});

describe('the reveal animations', () => {
  it('the reveal is the visibility animation; the fade is pinned with it but does not announce it', () => {
    expect(isRevealAnimation('pl-reveal')).toBe(true);
    expect(isRevealAnimation('pl-fade')).toBe(false);
    expect(isCardAnimation('pl-reveal')).toBe(true);
    expect(isCardAnimation('pl-fade')).toBe(true);
    expect(isCardAnimation('spin')).toBe(false);
  });
});
