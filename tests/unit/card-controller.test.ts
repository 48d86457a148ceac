import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CardController,
  CLOSE_GRACE_MS,
  stepIndex,
  type CardSettings,
  type MentionRef,
} from '../../src/card/controller';
import { headingToCard, inTriangle, type Rect } from '../../src/card/grace';

const A: MentionRef = { id: 1, entity: 'xiaomi' };
const B: MentionRef = { id: 2, entity: 'microsoft' };
const C: MentionRef = { id: 3, entity: 'cortana' };

function setup(settings: CardSettings = { trigger: 'hover', hoverDelayMs: 300 }, cardRect: Rect | null = null) {
  const log: string[] = [];
  const prefetched: string[] = [];
  const armed: string[] = [];
  const s = { ...settings };
  // Stands in for the view: an armed card is revealed when its delay ends (the CSS animation in the browser).
  let reveal: ReturnType<typeof setTimeout> | undefined;
  const c: CardController<MentionRef> = new CardController<MentionRef>({
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    prefetch: (m) => prefetched.push(m.entity),
    arm: (m, delayMs) => {
      armed.push(`${m.entity} ${delayMs}`);
      clearTimeout(reveal);
      reveal = setTimeout(() => {
        if (c.revealed(m)) log.push(`show ${m.entity} hover`);
      }, delayMs);
    },
    disarm: () => clearTimeout(reveal),
    show: (m, via) => log.push(`show ${m.entity} ${via}`),
    hide: (reason) => log.push(`hide ${reason}`),
    cardRect: () => cardRect,
    settings: () => s,
  });
  return { c, log, prefetched, armed, s };
}

const at = (x: number, y: number) => ({ x, y });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('hover', () => {
  it('prefetches as soon as the pointer reaches a mention and opens only after the delay', () => {
    const { c, log, prefetched } = setup();
    c.pointerMove(at(10, 10), A, false);
    expect(prefetched).toEqual(['xiaomi']);
    vi.advanceTimersByTime(299);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['show xiaomi hover']);
    expect(c.openMention).toBe(A);
  });

  it('moving within the same mention neither restarts the delay nor prefetches again', () => {
    const { c, log, prefetched } = setup();
    c.pointerMove(at(10, 10), A, false);
    vi.advanceTimersByTime(200);
    c.pointerMove(at(12, 10), A, false);
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['show xiaomi hover']);
    expect(prefetched).toEqual(['xiaomi']);
  });

  it('leaving before the delay ends opens nothing', () => {
    const { c, log } = setup();
    c.pointerMove(at(10, 10), A, false);
    vi.advanceTimersByTime(100);
    c.pointerMove(at(10, 40), null, false);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual([]);
  });

  it('honours the configured delay and the click trigger', () => {
    const fast = setup({ trigger: 'hover', hoverDelayMs: 0 });
    fast.c.pointerMove(at(1, 1), A, false);
    vi.advanceTimersByTime(0);
    expect(fast.log).toEqual(['show xiaomi hover']);

    const click = setup({ trigger: 'click', hoverDelayMs: 300 });
    click.c.pointerMove(at(1, 1), A, false);
    vi.advanceTimersByTime(5000);
    expect(click.log).toEqual([]);
    expect(click.prefetched).toEqual(['xiaomi']);
  });

  it('closes after the grace period once the pointer leaves mention and card', () => {
    const { c, log } = setup();
    c.pointerMove(at(10, 10), A, false);
    vi.advanceTimersByTime(300);
    c.pointerMove(at(300, 300), null, false);
    vi.advanceTimersByTime(CLOSE_GRACE_MS - 1);
    expect(log).toEqual(['show xiaomi hover']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['show xiaomi hover', 'hide pointer-left']);
    expect(c.openMention).toBeNull();
  });

  it('keeps the card open when the pointer travels from the mention into the card', () => {
    // Card below the mention at y 30..230.
    const { c, log } = setup(undefined, { left: 0, top: 30, right: 300, bottom: 230 });
    c.pointerMove(at(50, 10), A, false);
    vi.advanceTimersByTime(300);
    // Off the mention, heading down toward the card, slowly: each move inside the triangle extends the grace.
    for (let y = 16; y < 30; y += 2) {
      c.pointerMove(at(52, y), null, false);
      vi.advanceTimersByTime(CLOSE_GRACE_MS - 50);
    }
    c.pointerMove(at(60, 40), null, true);
    vi.advanceTimersByTime(5000);
    expect(log).toEqual(['show xiaomi hover']);
    // Leaving the card starts the grace period again.
    c.pointerMove(at(600, 600), null, false);
    vi.advanceTimersByTime(CLOSE_GRACE_MS);
    expect(log).toEqual(['show xiaomi hover', 'hide pointer-left']);
  });

  it('moving away from the card (outside the triangle) does not extend the grace period', () => {
    const { c, log } = setup(undefined, { left: 0, top: 30, right: 300, bottom: 230 });
    c.pointerMove(at(50, 10), A, false);
    vi.advanceTimersByTime(300);
    c.pointerMove(at(50, 5), null, false);
    vi.advanceTimersByTime(200);
    c.pointerMove(at(50, 0), null, false); // upward, away from the card
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['show xiaomi hover', 'hide pointer-left']);
  });

  it('shows one card at a time: hovering another mention replaces the open card', () => {
    const { c, log } = setup();
    c.pointerMove(at(10, 10), A, false);
    vi.advanceTimersByTime(300);
    c.pointerMove(at(100, 10), B, false);
    vi.advanceTimersByTime(300);
    expect(log.filter((l) => l.startsWith('show'))).toEqual(['show xiaomi hover', 'show microsoft hover']);
    expect(c.openMention).toBe(B);
  });

  it('hands the hover delay to the view once per mention, and gives it up when the pointer leaves', () => {
    const { c, armed } = setup({ trigger: 'hover', hoverDelayMs: 450 });
    c.pointerMove(at(10, 10), A, false);
    c.pointerMove(at(12, 10), A, false);
    expect(armed).toEqual(['xiaomi 450']);
    expect(c.pendingMention).toBe(A);
    c.pointerMove(at(10, 40), null, false);
    expect(c.pendingMention).toBeNull();
    // A reveal that arrives after the hover was given up is refused (the view takes it down).
    expect(c.revealed(A)).toBe(false);
    expect(c.openMention).toBeNull();
  });

  it("a reveal opens the card, and a second mention's reveal takes over from the first without a hide", () => {
    const { c, log } = setup();
    c.pointerMove(at(10, 10), A, false);
    vi.advanceTimersByTime(300);
    expect(c.openMention).toBe(A);
    c.pointerMove(at(100, 10), B, false);
    // A's grace period (300 ms) and B's delay (300 ms) end together; the reveal cancels the close.
    vi.advanceTimersByTime(299);
    expect(c.revealed(B)).toBe(true);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual(['show xiaomi hover']);
    expect(c.openMention).toBe(B);
    expect(c.openVia).toBe('hover');
  });

  it('a card that cannot be had gives up its own pending hover or closes its own card, and no other', () => {
    const { c, log } = setup();
    c.pointerMove(at(10, 10), A, false);
    vi.advanceTimersByTime(300);
    c.pointerMove(at(100, 10), B, false);
    c.unavailable(B);
    expect(c.pendingMention).toBeNull();
    expect(c.openMention).toBe(A);
    c.unavailable(A);
    expect(log).toEqual(['show xiaomi hover', 'hide unavailable']);
  });

  it('a keyboard-opened card does not close when the mouse wanders off', () => {
    const { c, log } = setup();
    c.navigate('next', [A, B], 0);
    c.pointerMove(at(500, 500), null, false);
    vi.advanceTimersByTime(5000);
    expect(log).toEqual(['show xiaomi keyboard']);
  });
});

describe('tap and click', () => {
  it('first tap on a mention in a link opens the card and blocks navigation; the second follows the link', () => {
    const { c, log, prefetched } = setup();
    c.pointerDown('touch', A, false);
    expect(prefetched).toEqual(['xiaomi']);
    expect(c.activate(A, 'touch', true)).toBe(true);
    expect(log).toEqual(['show xiaomi tap']);
    c.pointerDown('touch', A, false);
    expect(c.activate(A, 'touch', true)).toBe(false);
    expect(log).toEqual(['show xiaomi tap']);
  });

  it('a tap on a mention outside a link never blocks anything, and a second tap closes the card', () => {
    const { c, log } = setup();
    expect(c.activate(A, 'touch', false)).toBe(false);
    expect(c.activate(A, 'touch', false)).toBe(false);
    expect(log).toEqual(['show xiaomi tap', 'hide toggle']);
  });

  it('a tap elsewhere closes the card; a tap on another mention switches to it', () => {
    const { c, log } = setup();
    c.activate(A, 'touch', false);
    c.pointerDown('touch', null, false);
    expect(log).toEqual(['show xiaomi tap', 'hide outside']);
    c.activate(A, 'touch', false);
    c.pointerDown('touch', B, false);
    c.activate(B, 'touch', true);
    expect(log.slice(2)).toEqual(['show xiaomi tap', 'hide outside', 'show microsoft tap']);
  });

  it('presses inside the card do not close it', () => {
    const { c, log } = setup();
    c.activate(A, 'touch', false);
    c.pointerDown('touch', null, true);
    expect(log).toEqual(['show xiaomi tap']);
  });

  it('with the hover trigger a mouse click on a linked mention never blocks the link', () => {
    const { c, log } = setup();
    expect(c.activate(A, 'mouse', true)).toBe(false);
    expect(log).toEqual([]);
    expect(c.activate(A, 'mouse', false)).toBe(false);
    expect(log).toEqual(['show xiaomi click']);
  });

  it('with the click trigger a click opens the card (blocking a link once) and a second click follows it', () => {
    const { c, log } = setup({ trigger: 'click', hoverDelayMs: 300 });
    expect(c.activate(A, 'mouse', true)).toBe(true);
    expect(c.activate(A, 'mouse', true)).toBe(false);
    expect(log).toEqual(['show xiaomi click']);
  });
});

describe('keyboard', () => {
  it('walks mentions in reading order from the viewport anchor, wrapping around', () => {
    const { c, log } = setup();
    const list = [A, B, C];
    expect(c.navigate('next', list, 1)).toBe(B);
    expect(c.navigate('next', list, 1)).toBe(C);
    expect(c.navigate('next', list, 1)).toBe(A);
    expect(c.navigate('previous', list, 1)).toBe(C);
    expect(log).toEqual([
      'show microsoft keyboard',
      'show cortana keyboard',
      'show xiaomi keyboard',
      'show cortana keyboard',
    ]);
  });

  it('Escape closes an open card and reports whether it did', () => {
    const { c, log } = setup();
    expect(c.escape()).toBe(false);
    c.navigate('next', [A], 0);
    expect(c.escape()).toBe(true);
    expect(log).toEqual(['show xiaomi keyboard', 'hide escape']);
  });

  it('does nothing on a page without mentions', () => {
    const { c, log } = setup();
    expect(c.navigate('next', [], 0)).toBeNull();
    expect(log).toEqual([]);
  });

  it('stepIndex starts at the anchor (next) or just before it (previous)', () => {
    expect(stepIndex(5, null, 'next', 2)).toBe(2);
    expect(stepIndex(5, null, 'previous', 2)).toBe(1);
    expect(stepIndex(5, null, 'previous', 0)).toBe(4);
    expect(stepIndex(5, 4, 'next', 0)).toBe(0);
    expect(stepIndex(0, null, 'next', 0)).toBeNull();
  });
});

describe('repaints and teardown', () => {
  it('closes the card when its mention disappears and cancels a pending hover', () => {
    const { c, log } = setup();
    c.pointerMove(at(1, 1), A, false);
    c.mentionsChanged(() => false);
    vi.advanceTimersByTime(1000);
    expect(log).toEqual([]);
    c.pointerMove(at(1, 1), A, false);
    vi.advanceTimersByTime(300);
    c.mentionsChanged((id) => id !== A.id);
    expect(log).toEqual(['show xiaomi hover', 'hide mention-gone']);
  });

  it('no timer fires after dispose', () => {
    const { c, log } = setup();
    c.pointerMove(at(1, 1), A, false);
    c.dispose();
    vi.advanceTimersByTime(1000);
    expect(log).toEqual([]);
  });
});

describe('grace geometry', () => {
  it('inTriangle includes the inside and edges, excludes the outside', () => {
    const a = at(0, 0),
      b = at(10, 0),
      c = at(0, 10);
    expect(inTriangle(at(2, 2), a, b, c)).toBe(true);
    expect(inTriangle(at(5, 0), a, b, c)).toBe(true);
    expect(inTriangle(at(8, 8), a, b, c)).toBe(false);
  });

  it('headingToCard accepts paths toward the card from above or below, and rejects others', () => {
    const below: Rect = { left: 100, top: 100, right: 300, bottom: 300 };
    expect(headingToCard(at(150, 80), at(150, 50), below)).toBe(true);
    expect(headingToCard(at(280, 95), at(150, 50), below)).toBe(true);
    expect(headingToCard(at(150, 40), at(150, 50), below)).toBe(false);
    expect(headingToCard(at(40, 60), at(150, 50), below)).toBe(false);
    const above: Rect = { left: 100, top: 0, right: 300, bottom: 100 };
    expect(headingToCard(at(150, 110), at(150, 130), above)).toBe(true);
    expect(headingToCard(at(150, 140), at(150, 130), above)).toBe(false);
    expect(headingToCard(at(200, 50), at(150, 130), above)).toBe(true);
  });
});
