/**
 * The Firefox harness's and lint script's own logic, without a browser: how Firefox's
 * output is cut into lines and attributed, and how lint findings are judged.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { judgeLint, KNOWN_WARNINGS, type LintFinding } from '../../scripts/lint-firefox';
import { BrowserLog, extensionErrorLines, harnessPrefs } from './firefox-harness';

const UUID = '5f1e7a0c-3b2d-4c8e-9a61-2d4b8c0e7f13';

describe('BrowserLog', () => {
  it('joins lines split across chunks and keeps streams apart', () => {
    const log = new BrowserLog();
    log.feed('stdout', 'console.log: "a');
    log.feed('stderr', 'JavaScript error: x, line 1: E\n');
    log.feed('stdout', 'b"\nconsole.error: "c"\n\n');
    expect(log.since().map((l) => [l.stream, l.text])).toEqual([
      ['stderr', 'JavaScript error: x, line 1: E'],
      ['stdout', 'console.log: "ab"'],
      ['stdout', 'console.error: "c"'],
    ]);
  });

  it('returns only what came after a mark', () => {
    const log = new BrowserLog();
    log.feed('stdout', 'one\n');
    const mark = log.mark();
    log.feed('stdout', 'two\n');
    expect(log.since(mark).map((l) => l.text)).toEqual(['two']);
  });
});

describe('extensionErrorLines', () => {
  it("keeps the extension's uncaught errors and console errors, not the browser's or other add-ons'", () => {
    const log = new BrowserLog();
    log.feed(
      'stderr',
      [
        `JavaScript error: moz-extension://${UUID}/chunks/options-1.js, line 2: TypeError: boom`,
        'JavaScript error: resource://gre/modules/PrivateBrowsingUtils.sys.mjs, line 50: TypeError: internal',
        'JavaScript error: moz-extension://00000000-0000-4000-8000-000000000000/x.js, line 1: other add-on',
        `JavaScript warning: moz-extension://${UUID}/content-scripts/content.js, line 9: deprecated`,
        '',
      ].join('\n'),
    );
    log.feed('stdout', 'console.log: "fine"\nconsole.error: "bad"\nconsole.warn: "meh"\nconsole.error: RSLoader: \n');
    expect(extensionErrorLines(log.since(), UUID)).toEqual([
      `JavaScript error: moz-extension://${UUID}/chunks/options-1.js, line 2: TypeError: boom`,
      `JavaScript warning: moz-extension://${UUID}/content-scripts/content.js, line 9: deprecated`,
      'console.error: "bad"',
      'console.warn: "meh"',
    ]);
  });
});

describe('harnessPrefs', () => {
  it('routes off-machine traffic to the sink and fixes the UUID of the add-on under test', () => {
    const prefs = harnessPrefs(4321, 'lens@example.test');
    expect(prefs['network.proxy.type']).toBe(1);
    expect(prefs['network.proxy.http_port']).toBe(4321);
    expect(prefs['network.proxy.ssl_port']).toBe(4321);
    expect(prefs['network.proxy.allow_hijacking_localhost']).toBe(false);
    expect(JSON.parse(prefs['extensions.webextensions.uuids'] as string)).toEqual({ 'lens@example.test': UUID });
  });
});

describe('judgeLint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lens-lint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'chunks'));
  // Preact's renderer (dangerouslySetInnerHTML) and a hand-written assignment.
  const preact = 'h?(l||y&&(h.__html==y.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),r.__k=[]):0';
  const ours = 'function show(el,msg){el.innerHTML=msg}';
  writeFileSync(join(dir, 'chunks/preact.js'), preact);
  writeFileSync(join(dir, 'chunks/ours.js'), ours);
  const innerHtml = (file: string, column: number): LintFinding => ({
    code: 'UNSAFE_VAR_ASSIGNMENT',
    message: 'Unsafe assignment to innerHTML',
    file,
    line: 1,
    column,
  });

  it("accepts Preact's innerHTML assignment with its reason", () => {
    const j = judgeLint(
      { errors: [], warnings: [innerHtml('chunks/preact.js', preact.indexOf('t.innerHTML='))], notices: [] },
      dir,
    );
    expect(j.ok).toBe(true);
    expect(j.explained.map((e) => e.why)).toEqual([KNOWN_WARNINGS[0]!.why]);
  });

  it('rejects the same warning code on code of our own', () => {
    const j = judgeLint(
      { errors: [], warnings: [innerHtml('chunks/ours.js', ours.indexOf('el.innerHTML'))], notices: [] },
      dir,
    );
    expect(j.ok).toBe(false);
    expect(j.unexplained).toHaveLength(1);
  });

  it('fails on any error and on warnings nobody explained', () => {
    const error: LintFinding = { code: 'MANIFEST_FIELD_INVALID', message: 'bad' };
    expect(judgeLint({ errors: [error], warnings: [], notices: [] }, dir).ok).toBe(false);
    const odd: LintFinding = { code: 'DANGEROUS_EVAL', message: 'eval', file: 'chunks/ours.js', line: 1, column: 0 };
    expect(judgeLint({ errors: [], warnings: [odd], notices: [] }, dir).unexplained).toEqual([odd]);
  });
});
