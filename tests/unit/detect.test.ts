import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/index';

describe('detect()', () => {
  it('returns mentions in text order with exact offsets and text', () => {
    const text = 'Under the agreement, Xiaomi will store user data on Microsoft Azure.';
    expect(detect(text)).toEqual([
      { entity: 'xiaomi', start: 21, end: 27, text: 'Xiaomi' },
      { entity: 'azure', start: 52, end: 67, text: 'Microsoft Azure' },
    ]);
  });

  it('splits a possessive maker from its product: "Microsoft’s Cortana"', () => {
    expect(detect('Microsoft’s Cortana').map((m) => [m.entity, m.text])).toEqual([
      ['microsoft', 'Microsoft'],
      ['cortana', 'Cortana'],
    ]);
  });

  it('keeps UTF-16 offsets after emoji and astral characters', () => {
    const text = '👍🏽 𝒳 then Surface Pro and 小米';
    for (const m of detect(text)) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(detect(text).map((m) => m.entity)).toEqual(['surface', 'xiaomi']);
  });

  it('uses the whole document as context for ambiguous names in other sentences', () => {
    expect(detect('Azure grew fast.')).toEqual([]);
    expect(detect('Microsoft reported results. Azure grew fast.').map((m) => m.entity)).toEqual(['microsoft', 'azure']);
  });

  it('plain mode matches every alias as written, with no context rules', () => {
    expect(detect('Surface tension and the Amazon river', { mode: 'plain' }).map((m) => m.entity)).toEqual([
      'surface',
      'amazon',
    ]);
  });

  it('honours extra aliases', () => {
    expect(detect('MIUI 9 is out', { extraAliases: { xiaomi: ['MIUI'] } }).map((m) => m.entity)).toEqual(['xiaomi']);
  });

  it('handles empty and name-free text', () => {
    expect(detect('')).toEqual([]);
    expect(detect('Nothing to see here.')).toEqual([]);
  });
});
