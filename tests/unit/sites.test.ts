import { describe, expect, it } from 'vitest';
import { hostMatches, isSiteEnabled } from '../../src/settings/sites';

describe('site rules', () => {
  it('matches a wildcard pattern on the apex and every subdomain, and nothing else', () => {
    expect(hostMatches('*.example.com', 'example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'news.example.com')).toBe(true);
    expect(hostMatches('*.example.com', 'badexample.com')).toBe(false);
    expect(hostMatches('example.com', 'news.example.com')).toBe(false);
  });

  it('lets the block list win over the allow list and the default', () => {
    const sites = { defaultOn: true, allow: ['*.example.com'], block: ['ads.example.com'] };
    expect(isSiteEnabled(sites, 'ads.example.com')).toBe(false);
    expect(isSiteEnabled(sites, 'www.example.com')).toBe(true);
    expect(isSiteEnabled({ ...sites, defaultOn: false }, 'other.org')).toBe(false);
    expect(isSiteEnabled({ ...sites, defaultOn: false }, 'example.com')).toBe(true);
  });
});
