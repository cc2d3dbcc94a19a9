import type { SettingsPatch } from '../../../shared/contract';
import type { DesktopInfo } from '../../../shared/desktop';

interface DesktopSettingsProps {
  desktop: DesktopInfo;
  runAsWindow: boolean;
  runUnderXWayland: boolean;
  apply(patch: SettingsPatch): void;
}

/** Settings → Desktop: how the app opens here (main decided it), and what the user can change about it. */
export function DesktopSettings({ desktop, runAsWindow, runUnderXWayland, apply }: DesktopSettingsProps) {
  const checked = (event: Event) => (event.currentTarget as HTMLInputElement).checked;
  return (
    <fieldset>
      <legend>Desktop</legend>
      <p class="muted small">{desktop.summary}</p>
      {desktop.hint ? <p class="muted small">{desktop.hint}</p> : null}
      <label class="check">
        <input type="checkbox" checked={runAsWindow} onChange={(event) => apply({ runAsWindow: checked(event) })} />
        Run as a normal window
      </label>
      {desktop.canRunUnderXWayland ? (
        <label class="check">
          <input type="checkbox" checked={runUnderXWayland} onChange={(event) => apply({ runUnderXWayland: checked(event) })} />
          Run under XWayland, so the popover opens by the tray icon (restarts Flashback Tray)
        </label>
      ) : null}
    </fieldset>
  );
}
