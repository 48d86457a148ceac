/**
 * The import confirmation's list of what will change, in the UI language:
 * one line per change from settingsChanges(), long lists cut to their first
 * names and a count.
 */
import { t } from '../i18n';
import type { Change } from '../corrections/model';
import type { SettingsChange } from '../settings/diff';
import type { Settings } from '../settings/schema';
import { entityLabel, joinNames, kindPlural } from './logic';

/** Names shown before "and N more". */
const SHOWN = 5;

function names(list: readonly string[]): string {
  if (list.length <= SHOWN) return joinNames(list);
  return t('opt_chgMore', [joinNames(list.slice(0, SHOWN)), list.length - SHOWN]);
}

const quoted = (list: readonly string[]) => names(list.map((a) => `“${a}”`));

function markLabel(mark: Settings['style']['mark']): string {
  return t(
    mark === 'underline' ? 'opt_markUnderline' : mark === 'background' ? 'opt_markBackground' : 'opt_markOutline',
  );
}

const onOff = (on: boolean) => t(on ? 'opt_chgYes' : 'opt_chgNo');
const fromTo = (what: string, from: string, to: string) => t('opt_chgFromTo', [what, from, to]);

function switched(lines: string[], off: readonly string[], on: readonly string[]): void {
  if (off.length) lines.push(t('opt_chgOff', names(off)));
  if (on.length) lines.push(t('opt_chgOn', names(on)));
}

/** One readable line per change. */
export function describeChanges(changes: readonly SettingsChange[]): string[] {
  const lines: string[] = [];
  for (const c of changes) {
    switch (c.kind) {
      case 'entities':
        switched(lines, c.off.map(entityLabel), c.on.map(entityLabel));
        break;
      case 'kinds':
        switched(lines, c.off.map(kindPlural), c.on.map(kindPlural));
        break;
      case 'sitesDefault':
        lines.push(
          fromTo(
            t('opt_otherSites'),
            t(c.from ? 'opt_highlight' : 'opt_noHighlight'),
            t(c.to ? 'opt_highlight' : 'opt_noHighlight'),
          ),
        );
        break;
      case 'siteList': {
        const list = t(c.list === 'allow' ? 'opt_allowList' : 'opt_blockList');
        if (c.added.length) lines.push(t('opt_chgListAdds', [list, names(c.added)]));
        if (c.removed.length) lines.push(t('opt_chgListRemoves', [list, names(c.removed)]));
        break;
      }
      case 'mark':
        lines.push(fromTo(t('opt_markWith'), markLabel(c.from), markLabel(c.to)));
        break;
      case 'colour':
        lines.push(fromTo(t('opt_chgColour', kindPlural(c.entityKind).toLocaleLowerCase()), c.from, c.to));
        break;
      case 'firstOnly':
        lines.push(fromTo(t('opt_firstOnly'), onOff(c.from), onOff(c.to)));
        break;
      case 'mode':
        lines.push(
          fromTo(
            t('opt_howRecognised'),
            t(c.from === 'context' ? 'opt_modeContext' : 'opt_modePlain'),
            t(c.to === 'context' ? 'opt_modeContext' : 'opt_modePlain'),
          ),
        );
        break;
      case 'aliases':
        if (c.added.length) lines.push(t('opt_chgAliasesAdd', [entityLabel(c.entity), quoted(c.added)]));
        if (c.removed.length) lines.push(t('opt_chgAliasesRemove', [entityLabel(c.entity), quoted(c.removed)]));
        break;
      case 'trigger':
        lines.push(
          fromTo(
            t('opt_cardsOpen'),
            t(c.from === 'hover' ? 'opt_onHover' : 'opt_onClick'),
            t(c.to === 'hover' ? 'opt_onHover' : 'opt_onClick'),
          ),
        );
        break;
      case 'hoverDelay':
        lines.push(fromTo(t('opt_delay'), t('opt_delayValue', c.from), t('opt_delayValue', c.to)));
        break;
    }
  }
  return lines;
}

/**
 * The lines for a file's corrections merged into this device's
 * (mergeImportedCorrections): how many it adds, and how many of this device's
 * give way to the file's opposite correction of the same span. None when the
 * file adds nothing.
 */
export function describeCorrectionsMerge(fileCount: number, undo: readonly Change[]): string[] {
  const added = undo.filter((u) => u.op === 'remove').length;
  const replaced = undo.length - added;
  const lines: string[] = [];
  if (added) lines.push(t('opt_chgCorrectionsAdd', [added, fileCount]));
  if (replaced) lines.push(t('opt_chgCorrectionsReplace', replaced));
  return lines;
}
