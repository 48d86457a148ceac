import { describe, expect, it } from 'vitest';
import { answerGetCard, buildCard } from '../../src/card/build';
import { ENTITY_NAMES } from '../../src/dataset/names';

describe('buildCard on the bundled dataset', () => {
  it('gives every entity a card with a summary, its role and two or three sourced facts', () => {
    for (const { id } of ENTITY_NAMES) {
      const card = buildCard(id, 'en');
      expect(card, id).not.toBeNull();
      expect(card!.summary.length, id).toBeGreaterThan(10);
      expect(card!.role.length, id).toBeGreaterThan(10);
      expect(card!.facts.length, id).toBeGreaterThanOrEqual(2);
      expect(card!.facts.length, id).toBeLessThanOrEqual(3);
      for (const f of card!.facts) expect(f.sources.length, `${id}: ${f.text}`).toBeGreaterThan(0);
    }
  });

  it("lists Xiaomi's latest events oldest first (the popup's order), all of them naming Xiaomi", () => {
    const card = buildCard('xiaomi', 'en')!;
    expect(card.events.length).toBeGreaterThan(0);
    const dates = card.events.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(card.eventCount).toBeGreaterThanOrEqual(card.events.length);
  });

  it('serves Chinese names on Chinese cards', () => {
    expect(buildCard('xiaomi', 'zh')!.name).toBe('小米');
    expect(buildCard('microsoft', 'zh')!.altName).toBe('Microsoft');
  });

  it('is plain data that survives structured cloning (the message channel)', () => {
    const card = buildCard('cortana', 'en');
    expect(structuredClone(card)).toEqual(card);
  });
});

describe('answerGetCard', () => {
  it('answers a well-formed request, English by default', () => {
    expect(answerGetCard({ type: 'getCard', entity: 'azure' })?.lang).toBe('en');
    expect(answerGetCard({ type: 'getCard', entity: 'azure', lang: 'zh' })?.lang).toBe('zh');
    expect(answerGetCard({ type: 'getCard', entity: 'no-such-entity' })).toBeNull();
  });

  // Malformed requests never reach it: the router refuses them (tests/unit/messages.test.ts).
});
