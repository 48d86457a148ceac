/**
 * The card's stylesheet, scoped to its shadow root. Sizes are in `em` off the
 * host, whose `all: initial` gives it the browser's default font size: a
 * page's `html { font-size: 10px }` would shrink `rem`, but cannot touch `em`
 * here, and the user's own font-size and zoom settings still apply.
 */
export const CARD_CSS = /* css */ `
:host { all: initial; }
.layer {
  position: fixed;
  top: 0;
  left: 0;
  width: max-content;
  z-index: 2147483647;
  /* Hidden (and so not hit-tested) until revealed; the view also marks it inline. */
  visibility: hidden;
}
/*
 * The reveal: the card is rendered and placed during the hover delay, and
 * these animations, their animation-delay ending with the hover delay (set
 * inline by the view), show it on the first frame after that. Only
 * \`forwards\` fill: while the delay runs they have no effect and the layer
 * stays hidden. An animation overrides the inline \`visibility: hidden\`.
 * Two animations: \`visibility\` cannot run on the compositor, so the one
 * that shows the card lasts a single frame, and the fade (opacity and
 * translate only) can run on the compositor without a main-thread frame each
 * step, which on a large page costs far more than the card itself.
 */
.layer.reveal {
  animation: pl-reveal 1ms linear forwards, pl-fade 140ms ease-out forwards;
}
/* The mention scrolled out of sight (Floating UI's hide middleware): !important beats the animation. */
.layer[data-away] {
  visibility: hidden !important;
}
.card {
  --pl-accent: #1c7ed6;
  --bg: #ffffff;
  --fg: #1f2328;
  --muted: #57606a;
  --line: #d8dee4;
  --soft: #f3f5f7;
  --link: #0860ca;
  --focus: #0860ca;
  --shadow: 0 0.75em 2em rgba(20, 28, 40, 0.18), 0 0.125em 0.4em rgba(20, 28, 40, 0.12);
  box-sizing: border-box;
  display: flex;
  flex-direction: column;
  width: min(26em, calc(100vw - 1.2em));
  /* --pl-avail: the room Floating UI found on the chosen side (size middleware). */
  max-height: min(28em, var(--pl-avail, calc(100vh - 1.2em)));
  font: 400 0.875em/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', sans-serif;
  color: var(--fg);
  background: var(--bg);
  border: 1px solid var(--line);
  border-top: 0.25em solid var(--pl-accent);
  border-radius: 0.75em;
  box-shadow: var(--shadow);
  overflow: hidden;
  text-align: start;
  outline: none;
}
@media (prefers-color-scheme: dark) {
  .card {
    --bg: #1c2128;
    --fg: #e6edf3;
    --muted: #a2adb9;
    --line: #3d444d;
    --soft: #262c36;
    --link: #6cb0ff;
    --focus: #6cb0ff;
    --shadow: 0 0.75em 2em rgba(0, 0, 0, 0.55), 0 0.125em 0.4em rgba(0, 0, 0, 0.4);
  }
}
@keyframes pl-reveal {
  from, to { visibility: visible; }
}
/* \`translate\`, not \`transform\`: Floating UI places the layer with its transform. */
@keyframes pl-fade {
  from { opacity: 0.5; translate: 0 0.25em; }
  to { opacity: 1; translate: none; }
}
/* No fade for readers who asked for less motion; the hover delay still applies. */
@media (prefers-reduced-motion: reduce) {
  .layer.reveal { animation: pl-reveal 1ms linear forwards; }
}
.card *, .card *::before, .card *::after { box-sizing: border-box; }
/* Every word of the card is generated content (Card.tsx says why): no text node for window.find() to reach. */
[data-t]::before { content: attr(data-t); }
.card:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.card :focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 0.25em; }
p, h2, h3, ul, ol { margin: 0; padding: 0; }
ul, ol { list-style: none; }

.head {
  position: relative;
  padding: 0.85em 2.9em 0.6em 1em;
}
.kind {
  display: flex;
  align-items: center;
  gap: 0.4em;
  font-size: 0.78em;
  font-weight: 600;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  color: var(--muted);
}
.dot {
  width: 0.6em;
  height: 0.6em;
  border-radius: 50%;
  background: var(--pl-accent);
  flex: none;
}
.name {
  margin-top: 0.15em;
  font-size: 1.3em;
  font-weight: 650;
  line-height: 1.25;
  color: var(--fg);
  overflow-wrap: anywhere;
}
.alt {
  font-size: 0.72em;
  font-weight: 400;
  color: var(--muted);
}
.close {
  position: absolute;
  top: 0.6em;
  right: 0.6em;
  display: grid;
  place-items: center;
  width: 2em;
  height: 2em;
  padding: 0;
  border: 0;
  border-radius: 0.5em;
  background: transparent;
  color: var(--muted);
  cursor: pointer;
}
.close:hover { background: var(--soft); color: var(--fg); }

.body {
  flex: 1 1 auto;
  min-height: 0;
  overflow: auto;
  overscroll-behavior: contain;
  padding: 0 1em 0.9em;
}
.summary { font-size: 1.02em; }
section { margin-top: 0.85em; }
h3 {
  margin-bottom: 0.35em;
  font-size: 0.78em;
  font-weight: 650;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  color: var(--muted);
}
.role {
  padding: 0.6em 0.75em;
  border-radius: 0.5em;
  background: var(--soft);
  border-left: 0.2em solid var(--pl-accent);
}
.facts li + li { margin-top: 0.55em; }
.fact { overflow-wrap: anywhere; }
.sources {
  margin-top: 0.15em;
  font-size: 0.85em;
  color: var(--muted);
}
.src + .src::before { content: ' · '; }
.src-link {
  color: var(--link);
  text-decoration: underline;
  text-decoration-thickness: 1px;
  text-underline-offset: 0.15em;
  overflow-wrap: anywhere;
}
.src-link:hover { text-decoration-thickness: 2px; }
.ext { margin-left: 0.15em; font-size: 0.9em; }
.src-label { margin-inline-end: 0.3em; }
.q { font-style: italic; overflow-wrap: anywhere; }
.linkish {
  font: inherit;
  padding: 0;
  border: 0;
  background: none;
  color: var(--link);
  text-decoration: underline;
  text-decoration-thickness: 1px;
  text-underline-offset: 0.15em;
  cursor: pointer;
}
.linkish:hover { text-decoration-thickness: 2px; }
.quote-toggle { margin-inline-start: 0.4em; white-space: nowrap; }
.order {
  font-weight: 400;
  letter-spacing: 0;
  text-transform: none;
}
.order::before { content: ' · ' attr(data-t); }
.back {
  display: grid;
  place-items: center;
  width: 1.6em;
  height: 1.6em;
  margin-inline-end: 0.2em;
  padding: 0;
  border: 1px solid var(--line);
  border-radius: 0.4em;
  background: var(--bg);
  color: var(--fg);
  cursor: pointer;
}
/* The date column is as wide as the longest date (2014年7月22日 is wider than 22 Jul 2014): a date never runs into its title. */
.events {
  display: grid;
  grid-template-columns: max-content 1fr;
}
.events li {
  display: grid;
  grid-column: 1 / -1;
  grid-template-columns: subgrid;
  gap: 0.6em;
  padding: 0.2em 0;
}
.events li + li { border-top: 1px solid var(--line); }
.events time {
  font-variant-numeric: tabular-nums;
  color: var(--muted);
  white-space: nowrap;
}
.more { margin-top: 0.3em; font-size: 0.85em; color: var(--muted); }
.related {
  display: flex;
  flex-wrap: wrap;
  gap: 0.35em;
}
.related .chip {
  font: inherit;
  font-size: 0.88em;
  padding: 0.1em 0.6em;
  border: 1px solid var(--line);
  border-radius: 999px;
  background: var(--bg);
  color: var(--fg);
  cursor: pointer;
}
.related .chip:hover { border-color: var(--link); color: var(--link); }
.foot {
  flex: none;
  padding: 0.6em 1em 0.75em;
  border-top: 1px solid var(--line);
  background: var(--soft);
}
.timeline-btn {
  font: inherit;
  font-weight: 600;
  padding: 0.4em 0.8em;
  border: 1px solid var(--line);
  border-radius: 0.5em;
  background: var(--bg);
  color: var(--link);
  cursor: pointer;
}
.timeline-btn:hover { border-color: var(--link); }
.sr-only {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
  border: 0;
}
/* The mention's own tools (MentionTools.tsx): "Why marked" and the corrections. */
.mention-tools {
  padding-top: 0.6em;
  border-top: 1px solid var(--line);
}
.why summary {
  cursor: pointer;
  font-size: 0.8em;
  font-weight: 600;
  color: var(--muted);
  text-transform: uppercase;
  letter-spacing: 0.04em;
}
.why-body { margin-top: 0.35em; font-size: 0.9em; }
.why-body p + p { margin-top: 0.25em; }
.why-note { color: var(--muted); }
.why-clues { margin-top: 0.3em; }
.why-clues li { display: flex; gap: 0.5em; padding: 0.1em 0; }
.why-weight {
  flex: none;
  min-width: 2.6em;
  font-variant-numeric: tabular-nums;
  color: var(--muted);
  text-align: end;
}
.correct {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.45em;
  margin-top: 0.55em;
}
.correct-btn {
  font: inherit;
  font-size: 0.88em;
  padding: 0.2em 0.7em;
  border: 1px solid var(--line);
  border-radius: 0.5em;
  background: var(--bg);
  color: var(--fg);
  cursor: pointer;
}
.correct-btn:hover { border-color: var(--link); color: var(--link); }
.correct-btn:disabled { cursor: progress; opacity: 0.7; }
.corrected { font-size: 0.9em; }
.corrected .undo { margin-inline-start: 0.5em; }
.correct-note { font-size: 0.88em; color: var(--muted); }
.correct-note.problem { color: inherit; }
@media (forced-colors: active) {
  .card { border: 2px solid CanvasText; }
  .dot, .role { forced-color-adjust: none; }
}
`;
