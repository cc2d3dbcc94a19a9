import type { DesktopInfo } from '../../../shared/desktop';
import { countBesideIcon } from '../../../shared/tray-count';

interface TrayCountSettingProps {
  checked: boolean;
  /** How the app runs here (absent in the browser preview, which draws a Linux tray). */
  desktop?: DesktopInfo;
  apply(checked: boolean): void;
}

/** Settings → Appearance: the count beside the tray icon where the platform shows it; where not, why. */
export function TrayCountSetting({ checked, desktop, apply }: TrayCountSettingProps) {
  const here = countBesideIcon(desktop?.platform, desktop?.trayHost);
  if (!here.supported) {
    return (
      <p class="muted small" id="tray-count-note">
        Count beside the icon: {here.why}
      </p>
    );
  }
  return (
    <>
      <label class="check">
        <input type="checkbox" checked={checked} aria-describedby="tray-count-where" onChange={(event) => apply((event.currentTarget as HTMLInputElement).checked)} />
        Show the count beside the icon
      </label>
      <p class="muted small" id="tray-count-where">
        The number of buckets that need attention. {here.where}
      </p>
    </>
  );
}
