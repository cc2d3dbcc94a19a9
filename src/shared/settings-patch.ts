import type { Settings, SettingsPatch } from './contract';

/** Settings after a change: main applies it to what it keeps; the view, to what it shows while main saves it. */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  return {
    ...settings,
    ...patch,
    notifications: { ...settings.notifications, ...patch.notifications },
  } as Settings;
}
