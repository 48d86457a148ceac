/**
 * Placing the card next to a mention with Floating UI. The reference is a
 * virtual element over the mention's Range: `getClientRects` gives one box
 * per wrapped line so `inline()` can sit the card against the line the
 * pointer is on rather than the whole multi-line box, and `contextElement`
 * lets `autoUpdate` follow the mention through scrolling ancestors.
 */
import {
  autoUpdate,
  computePosition,
  flip,
  hide,
  inline,
  offset,
  shift,
  size,
  type VirtualElement,
} from '@floating-ui/dom';
import type { Point } from './grace';

export function rangeReference(range: Range): VirtualElement {
  const start = range.startContainer;
  const context = start.nodeType === Node.ELEMENT_NODE ? (start as Element) : start.parentElement;
  return {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    ...(context ? { contextElement: context } : {}),
  };
}

/** Gap between the mention and the card, and the least room kept to the viewport edge (px). */
const GAP = 8;
const EDGE = 8;

/**
 * Positions `floating` (fixed, viewport coordinates) against `reference`
 * and keeps it there while the page scrolls or resizes until the returned
 * function is called. `onPlaced` runs after every placement, told whether the
 * mention is out of sight (scrolled away inside a container): whether that
 * hides the card is the caller's to decide, as is when the card is visible at all.
 */
export function follow(
  reference: VirtualElement,
  floating: HTMLElement,
  card: HTMLElement,
  pointer: Point | null,
  onPlaced: (referenceHidden: boolean) => void,
  onError: (err: unknown) => void,
): () => void {
  const update = () => {
    computePosition(reference, floating, {
      strategy: 'fixed',
      placement: 'bottom-start',
      middleware: [
        inline(pointer ?? undefined),
        offset(GAP),
        flip({ padding: EDGE }),
        shift({ padding: EDGE }),
        size({
          padding: EDGE,
          apply({ availableHeight }) {
            // The card scrolls inside itself rather than running off-screen (200% zoom, short windows).
            card.style.setProperty('--pl-avail', `${Math.max(160, Math.floor(availableHeight))}px`);
          },
        }),
        hide({ padding: 0 }),
      ],
    }).then(({ x, y, middlewareData }) => {
      floating.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
      onPlaced(middlewareData.hide?.referenceHidden === true);
    }, onError);
  };
  return autoUpdate(reference, floating, update, { animationFrame: false });
}
