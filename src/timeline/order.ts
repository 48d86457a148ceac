/** Time order and year grouping of timeline events. */
import type { TimelineEvent } from '../dataset/schema';

/**
 * Oldest first. Comparing the ISO strings puts a less precise date before the
 * precise ones it contains ("2016" < "2016-06" < "2016-06-01"): an event known
 * only by its year opens that year. Ties keep dataset order (the sort is stable).
 */
export function sortEvents<E extends Pick<TimelineEvent, 'date'>>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export interface YearGroup<E> {
  year: string;
  events: E[];
}

/** Consecutive runs of one year, in the order given (call on sorted events). */
export function groupByYear<E extends Pick<TimelineEvent, 'date'>>(events: readonly E[]): YearGroup<E>[] {
  const groups: YearGroup<E>[] = [];
  for (const e of events) {
    const year = e.date.slice(0, 4);
    const last = groups[groups.length - 1];
    if (last && last.year === year) last.events.push(e);
    else groups.push({ year, events: [e] });
  }
  return groups;
}
