import type { Rectangle } from 'electron';
import type { EventName, Events } from '../../shared/contract';
import type { DesktopInfo } from '../../shared/desktop';

interface Surface {
  send<K extends EventName>(event: K, payload: Events[K]): void;
}
interface PopoverSurface extends Surface {
  toggle(click?: Rectangle): void;
  show(click?: Rectangle): void;
  hide(): void;
  readonly isVisible: boolean;
}
interface WindowSurface extends Surface {
  toggle(): void;
  open(): void;
}

/**
 * Sends the tray click, the shortcut and "open" to where the app opens on this desktop
 * (core/desktop/desktop-session.ts decides): the popover by the tray icon, or the normal
 * window the desktop places (native Wayland, no tray icon, or the user's choice).
 */
export class DesktopShell {
  constructor(
    private readonly popover: PopoverSurface,
    private readonly window: WindowSurface,
    private readonly desktop: () => Pick<DesktopInfo, 'surface'>,
  ) {}

  private get asWindow(): boolean {
    return this.desktop().surface === 'window';
  }

  toggle(click?: Rectangle): void {
    if (this.asWindow) this.window.toggle();
    else this.popover.toggle(click);
  }

  show(): void {
    if (this.asWindow) this.window.open();
    else this.popover.show();
  }

  /** A notification click or a menu item: open, then let the view act on it. */
  showAndSend<K extends EventName>(event: K, payload: Events[K]): void {
    this.show();
    (this.asWindow ? this.window : this.popover).send(event, payload);
  }

  /** The surface changed (a setting): the popover does not stay open as the other one. */
  surfaceChanged(): void {
    if (this.asWindow && this.popover.isVisible) this.popover.hide();
  }
}
