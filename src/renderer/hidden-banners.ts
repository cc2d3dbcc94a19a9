/** Banners the user dismissed (the keychain note): remembered across reloads, sign-ins and restarts (localStorage). */
const HIDDEN_BANNERS_KEY = 'flashback.hiddenBanners';

export function readHiddenBanners(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(HIDDEN_BANNERS_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export function saveHiddenBanners(texts: string[]): void {
  try {
    localStorage.setItem(HIDDEN_BANNERS_KEY, JSON.stringify(texts.slice(-20)));
  } catch {
    // Storage refused (private mode, quota): the banner stays hidden until the next reload.
  }
}
