import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));

/** The binary cannot be downloaded here, so `npm run dist` cannot run; the config is checked instead. */
describe('electron-builder.yml', () => {
  // Compiling the schema (about 200 KB) takes seconds on a busy machine: not a test timeout's business.
  it("is valid against electron-builder's own JSON schema", { timeout: 60_000 }, () => {
    const schema = require('app-builder-lib/scheme.json');
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('uses the same app id as the code (Windows toasts need it)', () => {
    expect(readFileSync(join(ROOT, 'src/main/electron/main.ts'), 'utf8')).toContain(`APP_ID = '${config.appId}'`);
  });

  it('builds macOS dmg and zip, universal, hardened, without a dock icon', () => {
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: 'universal' },
      { target: 'zip', arch: 'universal' },
    ]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
  });

  it('pins the Windows publisher, so electron-updater refuses an update that is unsigned or signed by anyone else', () => {
    expect(config.win.verifyUpdateCodeSignature).toBe(true);
    expect(config.win.signtoolOptions.publisherName).toBe(config.copyright.replace(/^Copyright © \d{4} /, ''));
  });

  it('builds Windows NSIS and Linux AppImage and deb', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('points at icons that exist, and ships the tray icons', () => {
    for (const icon of [config.mac.icon, config.win.icon, config.linux.icon]) expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    for (const state of ['ok', 'problem', 'error', 'offline', 'paused']) {
      for (const file of [`trayTemplate-${state}.png`, `trayTemplate-${state}@2x.png`, `tray-${state}-light.png`, `tray-${state}-dark@2x.png`, `tray-${state}-light.ico`]) {
        expect(existsSync(join(ROOT, 'assets', 'tray', file)), file).toBe(true);
      }
    }
  });

  it('packages the built app, not the sources', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/main/**', 'dist/preload/**', 'dist/renderer/**']));
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).main).toBe('dist/main/main.cjs');
  });
});

describe('tray icons are real images of the right size', () => {
  const size = (file: string) => {
    const bytes = readFileSync(join(ROOT, 'assets', 'tray', file));
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  };
  it('16 px and 32 px (@2x)', () => {
    expect(size('trayTemplate-ok.png')).toEqual([16, 16]);
    expect(size('trayTemplate-ok@2x.png')).toEqual([32, 32]);
    expect(size('tray-error-dark.png')).toEqual([16, 16]);
    expect(size('tray-error-dark@2x.png')).toEqual([32, 32]);
  });
  it('the Windows .ico holds 16 and 32 px images', () => {
    const ico = readFileSync(join(ROOT, 'assets', 'tray', 'tray-ok-light.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(2);
    expect([ico[6], ico[22]]).toEqual([16, 32]);
  });
});
