import { describe, expect, it } from 'vitest';
import { csvField, exportFileName, mentionRows, toCsv, toJson } from '../../src/export/mentions';

const page = {
  url: 'https://news.example.com/a?b=1',
  mentions: [
    { entity: 'xiaomi', text: '小米', sentence: '小米 and Microsoft signed, "finally", a deal.' },
    { entity: 'microsoft', text: 'Microsoft', sentence: 'Line one\nline two' },
    {
      entity: 'mystery',
      text: 'Mystery',
      sentence: '=HYPERLINK("http://evil")',
      frameUrl: 'https://ads.example.net/frame.html',
    },
  ],
};
const names: Record<string, string> = { xiaomi: 'Xiaomi', microsoft: 'Microsoft' };
const rows = mentionRows(page, (id) => names[id]);

describe('mention rows', () => {
  it('has one row per mention in document order, with the page URL, its frame and the display name', () => {
    expect(rows.map((r) => r.entity)).toEqual(['xiaomi', 'microsoft', 'mystery']);
    expect(rows[0]).toEqual({
      entity: 'xiaomi',
      name: 'Xiaomi',
      text: '小米',
      sentence: '小米 and Microsoft signed, "finally", a deal.',
      url: 'https://news.example.com/a?b=1',
      frame: 'https://news.example.com/a?b=1',
    });
    // A mention inside an iframe names that frame's document.
    expect(rows[2]).toMatchObject({ url: page.url, frame: 'https://ads.example.net/frame.html' });
  });

  it('names an unknown entity by its id rather than dropping it', () => {
    expect(rows[2]!.name).toBe('mystery');
  });
});

describe('CSV', () => {
  it('leaves plain fields alone and quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvField('Xiaomi')).toBe('Xiaomi');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(' padded')).toBe('" padded"');
  });

  it('defuses fields a spreadsheet would run as formulas', () => {
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvField('-2')).toBe(`"'-2"`);
    expect(csvField('@cmd')).toBe(`"'@cmd"`);
  });

  it('writes a BOM, a header and CRLF-terminated rows that parse back to the same values', () => {
    const csv = toCsv(rows);
    expect(csv.startsWith('\uFEFFentity,name,text,sentence,url,frame\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv.slice(1))).toEqual([
      ['entity', 'name', 'text', 'sentence', 'url', 'frame'],
      ['xiaomi', 'Xiaomi', '小米', '小米 and Microsoft signed, "finally", a deal.', page.url, page.url],
      ['microsoft', 'Microsoft', 'Microsoft', 'Line one\nline two', page.url, page.url],
      ['mystery', 'mystery', 'Mystery', `'=HYPERLINK("http://evil")`, page.url, 'https://ads.example.net/frame.html'],
    ]);
  });

  it('is just the header for a page without mentions', () => {
    expect(toCsv([])).toBe('\uFEFFentity,name,text,sentence,url,frame\r\n');
  });
});

describe('JSON', () => {
  it('holds the URL, the export time, the count and the rows', () => {
    const doc = JSON.parse(toJson(rows, page.url, new Date('2024-05-01T10:00:00Z')));
    expect(doc).toEqual({ url: page.url, exportedAt: '2024-05-01T10:00:00.000Z', count: 3, mentions: rows });
  });
});

describe('file names', () => {
  it('names the file after the host and the day', () => {
    const now = new Date('2024-05-01T23:00:00Z');
    expect(exportFileName(page.url, now, 'csv')).toBe('partnership-lens-mentions-news.example.com-2024-05-01.csv');
    expect(exportFileName('not a url', now, 'json')).toBe('partnership-lens-mentions-page-2024-05-01.json');
  });
});

/** A strict RFC 4180 reader, to prove the writer's output round-trips. */
function parseCsv(s: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < s.length) {
    let field = '';
    if (s[i] === '"') {
      i++;
      for (;;) {
        if (s[i] === '"' && s[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (s[i] === '"') {
          i++;
          break;
        } else field += s[i++];
      }
    } else while (i < s.length && s[i] !== ',' && s[i] !== '\r') field += s[i++];
    row.push(field);
    if (s[i] === ',') i++;
    else if (s[i] === '\r' && s[i + 1] === '\n') {
      out.push(row);
      row = [];
      i += 2;
    } else if (i < s.length) throw new Error(`unexpected ${JSON.stringify(s[i])} at ${i}`);
  }
  return out;
}
