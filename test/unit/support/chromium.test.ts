import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findChromium } from '../../support/chromium';

describe('finding the Chromium of the console end-to-end tests', () => {
  let dir: string;
  const fakeBrowser = (name: string, mode = 0o755) => {
    const path = join(dir, name);
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, mode);
    return path;
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lethe-chromium-path-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes chromium-browser from the PATH when there is no chromium', () => {
    // Prepare
    const browser = fakeBrowser('chromium-browser');
    // Act
    const found = findChromium({ PATH: ['/nonexistent', dir].join(delimiter) });
    // Assess
    expect(found).toBe(browser);
  });

  it('prefers CHROME_PATH to anything on the PATH', () => {
    // Prepare
    fakeBrowser('chromium');
    const chosen = fakeBrowser('my-chrome');
    // Act
    const found = findChromium({ PATH: dir, CHROME_PATH: chosen });
    // Assess
    expect(found).toBe(chosen);
  });

  it('says in one line what to install when no browser is found', () => {
    // Prepare
    fakeBrowser('chromium', 0o644); // present but not executable
    // Act
    const act = () => findChromium({ PATH: dir });
    // Assess
    expect(act).toThrow(/^The console end-to-end tests need Chromium .*apt-get install chromium.*CHROME_PATH\.$/);
    try {
      act();
    } catch (error) {
      expect((error as Error).stack).not.toContain('\n');
    }
  });
});
