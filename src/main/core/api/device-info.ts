import { productName, version } from '../../../../package.json';

/** The official client's `DeviceInfo` (the fields this app fills in). */
export interface DeviceInfo {
  userAgent: string;
  deviceType: 'DESKTOP' | 'MOBILE' | 'TABLET';
  os: string;
  browser: string;
  platform?: string;
}

const OS_NAMES: Record<string, string> = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

/**
 * What `POST /user/login` says about this device, so the session shows in the user's
 * device list as Flashback Tray: the app's name and version and the operating system.
 * Nothing that identifies the person or the machine (no host or user name, address,
 * time zone, language or hardware).
 */
export function deviceInfo(platform: string = process.platform, arch: string = process.arch): DeviceInfo {
  const os = OS_NAMES[platform] ?? platform;
  return {
    userAgent: `${productName.replace(/\s+/g, '')}/${version} (${os}; ${arch})`,
    deviceType: 'DESKTOP',
    os,
    browser: `${productName} ${version}`,
    platform: `${platform}-${arch}`,
  };
}
