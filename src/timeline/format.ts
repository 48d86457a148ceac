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
  return parts;
}

/** How a month is written: "Jun 2016" (the card and the timeline alike), or "June 2016" (what a search also matches). */
export type MonthStyle = 'long' | 'short';

/** The one date locale of each interface language. */
export function dateLocale(uiLocale: string): string {
  return langOf(uiLocale) === 'zh' ? 'zh-CN' : 'en-GB';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, precision: DatePrecision, month: MonthStyle): Intl.DateTimeFormat {
  const key = `${locale}|${precision}|${month}`;
  let f = formatters.get(key);
  if (!f) {
    const fields: Intl.DateTimeFormatOptions =
      precision === 'year'
        ? { year: 'numeric' }
        : precision === 'month'
          ? { year: 'numeric', month }
          : { year: 'numeric', month, day: 'numeric' };
    // UTC on both sides: a date has no time of day, so no time zone may shift it by a day.
    f = new Intl.DateTimeFormat(locale, { ...fields, timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}

/**
 * "2015", "Jun 2016", "22 Feb 2018" for every English interface (en-US too), "2018年2月22日"
 * for Chinese; with `month: 'long'`, "June 2016". `locale` is the interface's language tag
 * (or `en` / `zh`). Fields the date does not have are never shown, even if `precision` asks
 * for more than the string carries, and a field out of range (month 13) is left out rather
 * than rolled over. The one date formatter of the extension: the popup's timeline and the
 * cards use it.
 */
export function formatEventDate(
  date: string,
  precision: DatePrecision,
  locale: string,
  month: MonthStyle = 'short',
): string {
  const p = parseIsoDate(date);
  const monthOk = p.month !== undefined && p.month >= 1 && p.month <= 12;
  const dayOk = monthOk && p.day !== undefined && p.day >= 1 && p.day <= 31;
  const known: DatePrecision = dayOk ? 'day' : monthOk ? 'month' : 'year';
  const rank = { year: 0, month: 1, day: 2 } as const;
  const use = rank[precision] <= rank[known] ? precision : known;
  const ms = Date.UTC(p.year, use === 'year' ? 0 : (p.month ?? 1) - 1, use === 'day' ? (p.day ?? 1) : 1);
  return formatter(dateLocale(locale), use, month).format(ms);
}

/** What a search may match of a date: its shown form and its month written out ("Jun 2016 June 2016"). */
export function dateSearchText(date: string, precision: DatePrecision, locale: string): string {
  const shown = formatEventDate(date, precision, locale);
  if (precision === 'year') return shown;
  return `${shown} ${formatEventDate(date, precision === 'day' ? 'month' : precision, locale, 'long')}`;
}

/** A locale Intl accepts: the UI language as given, else English (a bad tag must not break the popup). */
export function safeLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}
