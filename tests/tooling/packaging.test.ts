import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

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

  it('builds Windows NSIS and portable, and Linux AppImage, deb and rpm (each with libsecret for the keychain)', () => {
    expect(config.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis', 'portable']);
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.deb.depends).toContain('libsecret-1-0');
    expect(config.rpm.depends).toContain('libsecret');
  });

  it('publishes the update metadata electron-updater reads: latest-mac.yml (zip), latest.yml (NSIS), latest-linux.yml (AppImage)', () => {
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'github', owner: expect.any(String), repo: expect.any(String) })]);
    expect(config.mac.target.map((t: { target: string }) => t.target)).toContain('zip');
    expect(config.win.target.map((t: { target: string }) => t.target)).toContain('nsis');
    expect(config.linux.target).toContain('AppImage');
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
    for (const size of LINUX_ICON_SIZES) expect(existsSync(join(ROOT, config.linux.icon, `${size}x${size}.png`)), `${size}x${size}.png`).toBe(true);
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

describe('the Linux desktop entry (notifications are matched to it, electron#11913)', () => {
  /** electron-builder's own code that writes the .desktop file, run on this config (its binary cannot download here). */
  async function desktopEntry() {
    const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper') as {
      LinuxTargetHelper: new (packager: unknown) => { computeDesktopEntry(options: unknown): Promise<string>; getDesktopFileName(): string };
    };
    const appInfo = { productName: pkg.productName, sanitizedProductName: pkg.productName, productFilename: pkg.productName, description: pkg.description };
    const packager = { appInfo, executableName: config.linux.executableName, info: { metadata: pkg }, platformSpecificBuildOptions: config.linux, fileAssociations: [], config };
    const helper = new LinuxTargetHelper(packager);
    return { text: await helper.computeDesktopEntry(config.linux), file: `${helper.getDesktopFileName()}.desktop` };
  }

  it('is named after desktopName, and its StartupWMClass is the app_id/WM_CLASS Electron takes from it', async () => {
    expect(pkg.desktopName).toBe('flashback-tray.desktop');
    const { text, file } = await desktopEntry();
    expect(file).toBe(pkg.desktopName);
    const entry = Object.fromEntries(text.trim().split('\n').slice(1).map((line) => line.split(/=(.*)/s).slice(0, 2)));
    expect(entry).toMatchObject({ Name: 'Flashback Tray', Type: 'Application', Icon: 'flashback-tray', StartupWMClass: 'flashback-tray', Categories: 'Utility;' });
    expect(entry.StartupWMClass).toBe(pkg.desktopName.replace(/\.desktop$/, ''));
    expect(entry.Exec).toBe('"/opt/Flashback Tray/flashback-tray" %U');
  });

  it('is the name the XDG autostart entry uses too', async () => {
    const { autostartPath } = await import('../../src/main/core/desktop/xdg-autostart');
    expect(autostartPath({}, '/home/ada').endsWith(`/${pkg.desktopName}`)).toBe(true);
  });
});

describe('app icons in every size', () => {
  const pngSize = (path: string) => {
    const bytes = readFileSync(join(ROOT, path));
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  };
  it.each(LINUX_ICON_SIZES)('assets/icons/%ix%i.png is that size', (size) => {
    expect(pngSize(`assets/icons/${size}x${size}.png`)).toEqual([size, size]);
  });
  it('the Windows .ico holds 16 to 256 px (256 is written as 0)', () => {
    const ico = readFileSync(join(ROOT, config.win.icon));
    const count = ico.readUInt16LE(4);
    expect(Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256)).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
  it('macOS gets 1024 px, for the Retina 512@2x', () => {
    expect(pngSize(config.mac.icon)).toEqual([1024, 1024]);
  });
});
