/**
 * Dates at the precision the dataset knows them. A month-precision event is
 * "Jun 2016", never "1 Jun 2016": the formatter is only ever asked for the
 * fields the ISO string actually has.
 *
 * One format per interface language, the same in the card and the popup:
 * English "23 Feb 2018" (day, short month, year: no reader has to guess which
 * number is the month, whatever their country), Chinese "2018年2月23日".
 */
import type { DatePrecision } from '../dataset/schema';
import { langOf } from '../i18n';

export interface DateParts {
  year: number;
  /** 1–12, when known. */
  month?: number;
  /** 1–31, when known. */
  day?: number;
}

/** Splits `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; throws on anything else (the schema guarantees the form). */
export function parseIsoDate(date: string): DateParts {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(date);
  if (!m) throw new Error(`Not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): "${date}"`);
  const parts: DateParts = { year: Number(m[1]) };
  if (m[2] !== undefined) parts.month = Number(m[2]);
  if (m[3] !== undefined) parts.day = Number(m[3]);
  if (
    (parts.month !== undefined && (parts.month < 1 || parts.month > 12)) ||
    (parts.day !== undefined && (parts.day < 1 || parts.day > 31))
  )
    throw new Error(`Not a calendar date: "${date}"`);
  return parts;
}

const OPTIONS: Record<DatePrecision, Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric' },
  month: { year: 'numeric', month: 'short' },
  day: { year: 'numeric', month: 'short', day: 'numeric' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, precision: DatePrecision): Intl.DateTimeFormat {
  const key = `${locale}|${precision}`;
  let f = formatters.get(key);
  if (!f) {
    // UTC on both sides: a date has no time of day, so no time zone may shift it by a day.
    f = new Intl.DateTimeFormat(locale, { ...OPTIONS[precision], timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}

/** The one date locale of each interface language. */
export function dateLocale(uiLocale: string): string {
  return langOf(uiLocale) === 'zh' ? 'zh-CN' : 'en-GB';
}

/**
 * "2015", "Jun 2016", "22 Feb 2018" for every English interface (en-US too),
 * "2018年2月22日" for Chinese. Fields the date does not have are never shown, even if
 * `precision` asks for more than the string carries. `locale` is the interface's
 * language tag (or `en` / `zh`).
 */
export function formatEventDate(date: string, precision: DatePrecision, locale: string): string {
  const p = parseIsoDate(date);
  const known: DatePrecision = p.day !== undefined ? 'day' : p.month !== undefined ? 'month' : 'year';
  const rank = { year: 0, month: 1, day: 2 } as const;
  const use = rank[precision] <= rank[known] ? precision : known;
  const ms = Date.UTC(p.year, (p.month ?? 1) - 1, p.day ?? 1);
  return formatter(dateLocale(locale), use).format(ms);
}

/** A locale Intl accepts: the UI language as given, else English (a bad tag must not break the popup). */
export function safeLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}

/** What a search may match of a date: its shown form and its month written out ("Jun 2016 June 2016"). */
export function dateSearchText(date: string, precision: DatePrecision, locale: string): string {
  let long = '';
  try {
    const p = parseIsoDate(date);
    if (p.month !== undefined && precision !== 'year')
      long = new Intl.DateTimeFormat(dateLocale(locale), { month: 'long', timeZone: 'UTC' }).format(
        Date.UTC(p.year, p.month - 1, 1),
      );
  } catch {
    /* a malformed date is searched as written */
  }
  return `${formatEventDate(date, precision, locale)} ${long}`.trim();
}
