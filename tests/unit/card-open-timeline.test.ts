import { describe, expect, it } from 'vitest';
import { openTimeline, type OpenTimelineDeps } from '../../src/background/open-timeline';
import type { TimelineFocus } from '../../src/messages';

function deps(popup: 'ok' | 'fails' | 'absent') {
  const saved: TimelineFocus[] = [];
  const tabs: string[] = [];
  const d: OpenTimelineDeps = {
    saveFocus: async (f) => void saved.push(f),
    openTab: async (url) => void tabs.push(url),
    popupUrl: (e) => `chrome-extension://id/popup.html?entity=${encodeURIComponent(e)}`,
    now: () => 1234,
    ...(popup === 'absent'
      ? {}
      : {
          openPopup: async () => {
            if (popup === 'fails') throw new Error('no window');
          },
        }),
  };
  return { d, saved, tabs };
}

describe('openTimeline', () => {
  it('stores the focus and opens the popup where the browser allows it', async () => {
    const { d, saved, tabs } = deps('ok');
    expect(await openTimeline('cortana', 1, d)).toBe('popup');
    expect(saved).toEqual([{ entity: 'cortana', requestedAt: 1234 }]);
    expect(tabs).toEqual([]);
  });

  it('falls back to the popup page in a tab when openPopup fails or is missing', async () => {
    for (const mode of ['fails', 'absent'] as const) {
      const { d, saved, tabs } = deps(mode);
      expect(await openTimeline('windows-10-mobile', undefined, d)).toBe('tab');
      expect(saved[0]!.entity).toBe('windows-10-mobile');
      expect(tabs).toEqual(['chrome-extension://id/popup.html?entity=windows-10-mobile']);
    }
  });

  // A request whose entity is not an entity id never reaches it: the router refuses it (tests/unit/messages.test.ts).
});
