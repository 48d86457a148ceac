/**
 * The part of a card about the mention it opened on, not the entity: "Why
 * marked" (a closed <details>, asked of the background only when a reader
 * opens it: src/background/explain.ts, the engine's own explanation in the
 * interface's language) and the reader's corrections, "Not this one" and
 * "Not here", with undo. Text is generated content like the rest of the card
 * (Card.tsx). Keyboard: <summary> and the buttons are in the tab order; after a
 * correction focus goes to Undo, after an undo back to the button.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { WhyWords } from '../detect/why-types';

function tx(text: string): { 'data-t': string } {
  return { 'data-t': text };
}

/** What "Why marked" shows: the engine's words, or that the reader marked it. */
export type WhyAnswer = { by: 'engine'; words: WhyWords } | { by: 'reader' };

/** Where a correction made from this card stands. */
export type CorrectionState =
  | null
  | { kind: 'not-this' | 'not-here'; phase: 'saving' | 'done' | 'undoing' }
  | { kind: 'not-this' | 'not-here'; phase: 'undone' }
  | { kind: 'not-this' | 'not-here'; phase: 'failed'; problem: string };

export interface MentionToolsProps {
  /** The entity's name as the card shows it, and the page's site, for the buttons' titles and the messages. */
  name: string;
  site: string;
  why: () => Promise<WhyAnswer>;
  correction: CorrectionState;
  onNotThis: () => void;
  onNotHere: () => void;
  onUndo: () => void;
}

function WhyMarked({ why }: { why: () => Promise<WhyAnswer> }) {
  const [answer, setAnswer] = useState<WhyAnswer | 'loading' | 'failed' | null>(null);
  const onToggle = (e: Event) => {
    // Asked once per card; a failed answer (the worker was restarting, say) is asked again at the next opening.
    if (!(e.currentTarget as HTMLDetailsElement).open || (answer !== null && answer !== 'failed')) return;
    setAnswer('loading');
    why().then(
      (a) => setAnswer(a),
      () => setAnswer('failed'),
    );
  };
  return (
    <details class="why" onToggle={onToggle}>
      {/* Named by an attribute too: axe (and some screen readers) do not take a summary's name from generated content. */}
      <summary aria-label={t('card_why')}>
        <span {...tx(t('card_why'))} />
      </summary>
      <div class="why-body" aria-live="polite">
        {answer === 'loading' || answer === null ? (
          <p class="why-note" {...tx(t('card_whyLoading'))} />
        ) : answer === 'failed' ? (
          <p class="why-note" {...tx(t('card_whyFailed'))} />
        ) : answer.by === 'reader' ? (
          <p class="why-found" {...tx(t('card_whyReader'))} />
        ) : (
          <>
            <p class="why-found" {...tx(answer.words.found)} />
            {answer.words.asked ? <p class="why-asked" {...tx(answer.words.asked)} /> : null}
            <p class="why-decision" {...tx(answer.words.decision)} />
            {answer.words.clues.length > 0 ? (
              <ul class="why-clues">
                {answer.words.clues.map((c, i) => (
                  <li key={i}>
                    <span class="why-weight" {...tx(c.weight)} />
                    <span {...tx(c.text)} />
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </div>
    </details>
  );
}

export function MentionTools(props: MentionToolsProps) {
  const { correction: c } = props;
  const undoRef = useRef<HTMLButtonElement>(null);
  const againRef = useRef<HTMLButtonElement>(null);
  const phase = c?.phase ?? null;
  // Focus follows the reader's action: onto Undo once the correction is kept, back to the button after an undo.
  useEffect(() => {
    if (phase === 'done') undoRef.current?.focus({ preventScroll: true });
    if (phase === 'undone') againRef.current?.focus({ preventScroll: true });
  }, [phase]);
  const corrected =
    c && (c.phase === 'done' || c.phase === 'undoing')
      ? c.kind === 'not-this'
        ? t('card_correctedThis')
        : t('card_correctedHere', [props.name, props.site])
      : null;
  return (
    <section class="mention-tools" aria-label={t('card_thisMention')}>
      <WhyMarked why={props.why} />
      <div class="correct" role="group">
        {corrected ? (
          <p class="corrected" role="status">
            <span {...tx(corrected)} />
            <button
              ref={undoRef}
              type="button"
              class="linkish undo"
              disabled={c?.phase === 'undoing'}
              onClick={props.onUndo}
              {...tx(t('card_undo'))}
            />
          </p>
        ) : (
          <>
            <button
              ref={againRef}
              type="button"
              class="correct-btn not-this"
              title={t('card_notThisTitle', props.name)}
              disabled={c?.phase === 'saving'}
              onClick={props.onNotThis}
              {...tx(t('card_notThis'))}
            />
            <button
              type="button"
              class="correct-btn not-here"
              title={t('card_notHereTitle', [props.name, props.site])}
              disabled={c?.phase === 'saving'}
              onClick={props.onNotHere}
              {...tx(t('card_notHere'))}
            />
            {c?.phase === 'undone' ? <span class="correct-note" role="status" {...tx(t('card_undone'))} /> : null}
            {c?.phase === 'failed' ? <span class="correct-note problem" role="alert" {...tx(c.problem)} /> : null}
          </>
        )}
      </div>
    </section>
  );
}
