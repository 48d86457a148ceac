/**
 * The detection engine as the page layer uses it: only the cheap alias scan
 * and the sentence splitter, which carry no NLP. compromise stays in the
 * background (importing `../detect/index` here would pull it into every page).
 */
import { ENTITY_NAMES } from '../dataset/names';
import type { EntityKind } from '../dataset/schema';
import { createScanner } from '../detect/scan';
import { sentenceAround } from '../detect/sentences';
import type { Candidate } from '../detect/types';
import type { Settings } from '../settings/schema';

export interface PageDetector {
  scan(text: string): Candidate[];
  sentence(text: string, start: number, end: number): { start: number; end: number };
  kindOf(entity: string): EntityKind | undefined;
  /** 'plain' mode: every match counts, nothing goes to the classifier. */
  plain: boolean;
}

const KINDS = new Map<string, EntityKind>(ENTITY_NAMES.map((n) => [n.id, n.kind]));

export function createPageDetector(detection: Settings['detection']): PageDetector {
  const scanner = createScanner(ENTITY_NAMES, { extraAliases: detection.extraAliases, mode: detection.mode });
  return {
    scan: (text) => scanner.scan(text),
    sentence: sentenceAround,
    kindOf: (entity) => KINDS.get(entity),
    plain: detection.mode === 'plain',
  };
}
