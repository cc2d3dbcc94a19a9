import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle, Screen } from 'electron';
import { EVENT_CHANNELS } from '../../shared/channels';
import type { EventName, Events } from '../../shared/contract';
import { popoverPosition } from '../core/desktop/popover-position';
import { RENDERER_URL, secureWebPreferences } from './security';
import { WireSender } from '../core/view/wire-sender';

export const POPOVER_SIZE = { width: 380, height: 520 };
/** A tray click that arrives this soon after the popover hid on blur was the click that blurred it. */
const BLUR_CLICK_WINDOW_MS = 300;

export interface PopoverDeps {
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  screen: Pick<Screen, 'getCursorScreenPoint' | 'getDisplayNearestPoint'>;
  platform: NodeJS.Platform;
  preloadPath: string;
  devTools: boolean;
  now?: () => number;
  /** Shown or hidden (by a click, Esc or losing focus): the view's feed starts or stops. */
  onVisibilityChange?: (visible: boolean) => void;
}

/** Options for the one frameless popover window (created at start, kept hidden). */
export function popoverWindowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    ...POPOVER_SIZE,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    hasShadow: true,
    title: 'Flashback Tray',
    backgroundColor: '#1c1f24',
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}

export class PopoverWindow {
  readonly window: BrowserWindow;
  private hiddenByBlurAt = 0;
  /** State goes out as JSON text, large lists a slice per turn, in order (core/wire-sender.ts). */
  private readonly wire = new WireSender((event, payload) => {
    if (!this.window.isDestroyed()) this.window.webContents.send(EVENT_CHANNELS[event], payload);
  });
  private readonly now: () => number;

  constructor(private readonly deps: PopoverDeps) {
    this.now = deps.now ?? Date.now;
    this.window = deps.createWindow(popoverWindowOptions(deps.preloadPath, deps.devTools));
    this.window.on('blur', () => {
      if (!this.window.isVisible() || this.window.webContents.isDevToolsOpened()) return;
      this.hiddenByBlurAt = this.now();
      this.hide();
    });
    void this.window.loadURL(RENDERER_URL);
  }

  get isVisible(): boolean {
    return this.window.isVisible();
  }

  /** Tray click: show, or hide if open. On Windows the click first blurs (and hides) it; that click must not reopen it. */
  toggle(trayBounds?: Rectangle): void {
    if (this.window.isVisible()) this.hide();
    else if (this.now() - this.hiddenByBlurAt < BLUR_CLICK_WINDOW_MS) this.hiddenByBlurAt = 0;
    else this.show(trayBounds);
  }

  show(trayBounds?: Rectangle): void {
    const anchor = trayBounds && trayBounds.width > 0 ? { x: trayBounds.x + trayBounds.width / 2, y: trayBounds.y + trayBounds.height / 2 } : this.deps.screen.getCursorScreenPoint();
    const display = this.deps.screen.getDisplayNearestPoint(anchor);
    const { x, y } = popoverPosition({
      window: POPOVER_SIZE,
      display: display.bounds,
      workArea: display.workArea,
      trayBounds,
      platform: this.deps.platform,
    });
    this.window.setPosition(x, y, false);
    this.deps.onVisibilityChange?.(true);
    this.window.show();
    this.window.focus();
    this.send('shown', true);
  }

  hide(): void {
    this.window.hide();
    this.deps.onVisibilityChange?.(false);
  }

  send<K extends EventName>(event: K, payload: Events[K]): void {
    if (!this.window.isDestroyed()) this.wire.send(event, payload);
  }
}
