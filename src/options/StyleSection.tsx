import { useEffect, useState } from 'preact/hooks';
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import { DARK_PAGE, formatRatio, LIGHT_PAGE } from '../settings/contrast';
import { HIGHLIGHT_STYLES, type Settings } from '../settings/schema';
import { ENTITY_NAMES } from '../dataset/names';
import { displayName } from '../dataset/display';
import { t, uiLang, type MessageKey } from '../i18n';
import { kindPlural, parseColour, setColour } from './logic';
import type { SettingsController } from './useSettings';

const MARK_LABELS: Record<Settings['style']['mark'], MessageKey> = {
  underline: 'opt_markUnderline',
  background: 'opt_markBackground',
  outline: 'opt_markOutline',
};

/** Sample text for the previews: the partners' names as the reader's pages would write them. */
function sampleName(id: 'xiaomi' | 'microsoft'): string {
  const e = ENTITY_NAMES.find((n) => n.id === id)!;
  return displayName(e, uiLang());
}

/** A sample mention drawn the way the content script marks it. */
export function Sample({ mark, colour, text }: { mark: Settings['style']['mark']; colour: string; text: string }) {
  return (
    <span class={`sample sample-${mark}`} style={{ '--c': colour }}>
      {text}
    </span>
  );
}

function ColourRow({ kind, settings, ctl }: { kind: EntityKind; settings: Settings; ctl: SettingsController }) {
  const stored = settings.style.colours[kind];
  const [text, setText] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  // Follow the stored colour when it changes elsewhere (import, reset, another tab).
  useEffect(() => {
    setText(stored);
    setError(null);
  }, [stored]);

  const id = `colour-${kind}`;
  const label = kindPlural(kind);
  const shown = parseColour(text);
  const preview = shown.ok ? shown.colour : stored;

  const commit = (value: string) => {
    setText(value);
    const parsed = parseColour(value);
    if (!parsed.ok) {
      setError(t('opt_colourKeep', [parsed.message, label, stored]));
      return;
    }
    setError(null);
    if (parsed.colour !== stored)
      void ctl.update((s) => setColour(s, kind, parsed.colour), t('opt_colourSet', [label, parsed.colour]));
  };

  const ratios = parseColour(text);
  const onLight = 'onLight' in ratios && ratios.onLight !== undefined ? ratios.onLight : null;
  const onDark = 'onDark' in ratios && ratios.onDark !== undefined ? ratios.onDark : null;

  return (
    <li class="colour-row">
      <label for={id} class="colour-name">
        {label}
      </label>
      <span class="colour-inputs">
        <input
          type="color"
          value={/^#[0-9a-f]{6}$/i.test(text) ? text.toLowerCase() : stored}
          aria-label={t('opt_colourPicker', label)}
          onChange={(e) => commit(e.currentTarget.value)}
        />
        <input
          id={id}
          type="text"
          class="hex"
          value={text}
          spellcheck={false}
          autoComplete="off"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${id}-ratio${error ? ` ${id}-error` : ''}`}
          onInput={(e) => setText(e.currentTarget.value)}
          onChange={(e) => commit(e.currentTarget.value)}
        />
      </span>
      <span class="previews" aria-hidden="true">
        <span class="page-light">
          <Sample mark={settings.style.mark} colour={preview} text={sampleName('xiaomi')} />
        </span>
        <span class="page-dark">
          <Sample mark={settings.style.mark} colour={preview} text={sampleName('xiaomi')} />
        </span>
      </span>
      <span id={`${id}-ratio`} class={`ratios ${error ? 'bad' : ''}`}>
        {onLight !== null && onDark !== null
          ? t('opt_contrast', [formatRatio(onLight), formatRatio(onDark)])
          : t('opt_contrastNone')}
      </span>
      {error && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function StyleSection({ settings, ctl }: { settings: Settings; ctl: SettingsController }) {
  return (
    <section id="style" aria-labelledby="style-h">
      <h2 id="style-h">{t('opt_secStyle')}</h2>
      <fieldset>
        <legend>{t('opt_markWith')}</legend>
        <div class="radios">
          {HIGHLIGHT_STYLES.map((mark) => (
            <label key={mark} class="radio">
              <input
                type="radio"
                name="mark"
                value={mark}
                checked={settings.style.mark === mark}
                onChange={() =>
                  ctl.update(
                    (s) => ({ ...s, style: { ...s.style, mark } }),
                    t('opt_markDone', t(MARK_LABELS[mark]).toLowerCase()),
                  )
                }
              />
              <span>
                {t(MARK_LABELS[mark])}{' '}
                <Sample mark={mark} colour={settings.style.colours.company} text={sampleName('microsoft')} />
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('opt_colours')}</legend>
        <p class="hint">{t('opt_coloursHint', [LIGHT_PAGE, DARK_PAGE])}</p>
        <ul class="colours">
          {ENTITY_KINDS.map((kind) => (
            <ColourRow key={kind} kind={kind} settings={settings} ctl={ctl} />
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>{t('opt_which')}</legend>
        <div class="radios">
          {[false, true].map((firstOnly) => (
            <label key={String(firstOnly)} class="radio">
              <input
                type="radio"
                name="first-only"
                checked={settings.style.firstOnly === firstOnly}
                onChange={() =>
                  ctl.update(
                    (s) => ({ ...s, style: { ...s.style, firstOnly } }),
                    firstOnly ? t('opt_firstOnlyDone') : t('opt_everyDone'),
                  )
                }
              />
              <span>{firstOnly ? t('opt_firstOnly') : t('opt_every')}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
