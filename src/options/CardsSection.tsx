import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Settings } from '../settings/schema';
import { parseHoverDelay } from './logic';
import type { SettingsController } from './useSettings';

export function CardsSection({ settings, ctl }: { settings: Settings; ctl: SettingsController }) {
  const stored = settings.cards.hoverDelayMs;
  const [text, setText] = useState(String(stored));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(String(stored)), [stored]);
  const hover = settings.cards.trigger === 'hover';

  // Saved on `change` (release of the slider, leaving the field), not on every
  // step: sync storage allows only so many writes a minute.
  const commit = (value: string) => {
    setText(value);
    const parsed = parseHoverDelay(value);
    if (!parsed.ok) {
      setError(t('opt_delayKeep', [parsed.message, stored]));
      return;
    }
    setError(null);
    if (parsed.ms !== stored)
      void ctl.update((s) => ({ ...s, cards: { ...s.cards, hoverDelayMs: parsed.ms } }), t('opt_delaySet', parsed.ms));
  };

  return (
    <section id="cards" aria-labelledby="cards-h">
      <h2 id="cards-h">{t('opt_secCards')}</h2>
      <fieldset>
        <legend>{t('opt_cardsOpen')}</legend>
        <div class="radios stacked">
          {(['hover', 'click'] as const).map((trigger) => (
            <label key={trigger} class="radio">
              <input
                type="radio"
                name="trigger"
                checked={settings.cards.trigger === trigger}
                onChange={() =>
                  ctl.update(
                    (s) => ({ ...s, cards: { ...s.cards, trigger } }),
                    trigger === 'hover' ? t('opt_hoverDone') : t('opt_clickDone'),
                  )
                }
              />
              <span>{trigger === 'hover' ? t('opt_onHover') : t('opt_onClick')}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field delay">
        <label for="hover-delay">{t('opt_delay')}</label>
        <div class="delay-inputs">
          <input
            type="range"
            min={0}
            max={2000}
            step={50}
            value={parseHoverDelay(text).ok ? Number(text) : stored}
            disabled={!hover}
            aria-label={t('opt_delaySlider')}
            aria-valuetext={t('opt_delayValue', text)}
            onInput={(e) => setText(e.currentTarget.value)}
            onChange={(e) => commit(e.currentTarget.value)}
          />
          <input
            id="hover-delay"
            type="number"
            min={0}
            max={2000}
            step={50}
            value={text}
            disabled={!hover}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={`hover-delay-hint${error ? ' hover-delay-error' : ''}`}
            onInput={(e) => setText(e.currentTarget.value)}
            onChange={(e) => commit(e.currentTarget.value)}
          />
          <span aria-hidden="true">{t('opt_ms')}</span>
        </div>
        <p id="hover-delay-hint" class="hint small">
          {hover ? t('opt_delayHint') : t('opt_delayUnused')}
        </p>
        {error && (
          <p id="hover-delay-error" class="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
