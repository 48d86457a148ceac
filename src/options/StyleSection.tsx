import { useEffect, useState } from 'preact/hooks';
import { ENTITY_KINDS, type EntityKind } from '../dataset/schema';
import { DARK_PAGE, formatRatio, LIGHT_PAGE } from '../settings/contrast';
import { HIGHLIGHT_STYLES, type Settings } from '../settings/schema';
import { KIND_LABELS, parseColour, setColour } from './logic';
import type { SettingsController } from './useSettings';

const MARK_LABELS: Record<Settings['style']['mark'], string> = {
  underline: 'Underline',
  background: 'Tinted background',
  outline: 'Outline',
};

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
  const label = KIND_LABELS[kind].plural;
  const shown = parseColour(text);
  const preview = shown.ok ? shown.colour : stored;

  const commit = (value: string) => {
    setText(value);
    const parsed = parseColour(value);
    if (!parsed.ok) {
      setError(`${parsed.message} ${label} keep ${stored}.`);
      return;
    }
    setError(null);
    if (parsed.colour !== stored) void ctl.update((s) => setColour(s, kind, parsed.colour), `${label} colour set to ${parsed.colour}.`);
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
          aria-label={`${label} colour picker`}
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
          <Sample mark={settings.style.mark} colour={preview} text="Xiaomi" />
        </span>
        <span class="page-dark">
          <Sample mark={settings.style.mark} colour={preview} text="Xiaomi" />
        </span>
      </span>
      <span id={`${id}-ratio`} class={`ratios ${error ? 'bad' : ''}`}>
        {onLight !== null && onDark !== null
          ? `Contrast ${formatRatio(onLight)} on light, ${formatRatio(onDark)} on dark`
          : 'Contrast not measured'}
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
      <h2 id="style-h">Style</h2>
      <fieldset>
        <legend>Mark mentions with</legend>
        <div class="radios">
          {HIGHLIGHT_STYLES.map((mark) => (
            <label key={mark} class="radio">
              <input
                type="radio"
                name="mark"
                value={mark}
                checked={settings.style.mark === mark}
                onChange={() => ctl.update((s) => ({ ...s, style: { ...s.style, mark } }), `Mentions marked with ${MARK_LABELS[mark].toLowerCase()}.`)}
              />
              <span>
                {MARK_LABELS[mark]} <Sample mark={mark} colour={settings.style.colours.company} text="Microsoft" />
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Colour of each kind</legend>
        <p class="hint">
          Each colour needs a contrast of at least 3:1 against a light page ({LIGHT_PAGE}) and a dark one ({DARK_PAGE}), so marks stay
          visible on both.
        </p>
        <ul class="colours">
          {ENTITY_KINDS.map((kind) => (
            <ColourRow key={kind} kind={kind} settings={settings} ctl={ctl} />
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>Which mentions</legend>
        <div class="radios">
          {[false, true].map((firstOnly) => (
            <label key={String(firstOnly)} class="radio">
              <input
                type="radio"
                name="first-only"
                checked={settings.style.firstOnly === firstOnly}
                onChange={() =>
                  ctl.update((s) => ({ ...s, style: { ...s.style, firstOnly } }), firstOnly ? 'Only first mentions marked.' : 'Every mention marked.')
                }
              />
              <span>{firstOnly ? 'Only the first mention of each entity on a page' : 'Every mention'}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
