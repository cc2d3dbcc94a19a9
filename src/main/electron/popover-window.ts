import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle, Screen } from 'electron';
import { EVENT_CHANNELS } from '../../shared/channels';
import type { EventName, Events } from '../../shared/contract';
import { popoverBehaviour } from '../core/desktop/desktop-session';
import { centreOf, displayAt, popoverBounds } from '../core/desktop/popover-position';
import { trayAnchor } from '../core/desktop/tray-anchor';
import { RENDERER_URL, secureWebPreferences } from './security';
import { WireSender } from '../core/view/wire-sender';

const POPOVER_SIZE = { width: 380, height: 520 };
/** A tray click that arrives this soon after the popover hid on blur was the click that blurred it. */
const BLUR_CLICK_WINDOW_MS = 300;

interface PopoverDeps {
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  screen: Pick<Screen, 'getCursorScreenPoint' | 'getAllDisplays' | 'on'>;
  platform: NodeJS.Platform;
  /** `tray.getBounds()`: believed only where it can be (core/desktop/tray-anchor.ts). */
  trayBounds(): Rectangle;
  preloadPath: string;
  devTools: boolean;
  now?: () => number;
  /** Shown or hidden (by a click, Esc or losing focus): the view's feed starts or stops. */
  onVisibilityChange?: (visible: boolean) => void;
}

/** Options for the one frameless popover window (created at start, kept hidden). */
function popoverWindowOptions(preloadPath: string, devTools: boolean, platform: NodeJS.Platform): BrowserWindowConstructorOptions {
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
    alwaysOnTop: popoverBehaviour(platform).alwaysOnTop,
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
  private readonly createdAt: number;
  /** The bounds the last tray click carried (right on every platform, unlike getBounds()). */
  private lastClick: Rectangle | undefined;

  constructor(private readonly deps: PopoverDeps) {
    this.now = deps.now ?? Date.now;
    this.createdAt = this.now();
    const behaviour = popoverBehaviour(deps.platform);
    this.window = deps.createWindow(popoverWindowOptions(deps.preloadPath, deps.devTools, deps.platform));
    if (behaviour.visibleOnFullScreen) this.window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
    const deactivated = () => {
      if (!this.window.isVisible() || this.window.webContents.isDevToolsOpened()) return;
      this.hiddenByBlurAt = this.now();
      this.hide();
    };
    for (const event of behaviour.hideOn) this.window.on(event as 'blur', deactivated);
    // A display added, removed or rescaled under an open popover: it may now be off screen.
    for (const event of ['display-added', 'display-removed', 'display-metrics-changed'] as const) deps.screen.on(event as 'display-added', () => this.window.isVisible() && this.hide());
    void this.window.loadURL(RENDERER_URL);
  }

  get isVisible(): boolean {
    return this.window.isVisible();
  }

  /**
   * Tray click (with the bounds the click event carried) or shortcut: show, or hide if
   * open. On Windows the click first blurs (and hides) it; that click must not reopen it.
   */
  toggle(click?: Rectangle): void {
    if (this.window.isVisible()) this.hide();
    else if (this.now() - this.hiddenByBlurAt < BLUR_CLICK_WINDOW_MS) this.hiddenByBlurAt = 0;
    else this.show(click);
  }

  /** Shows it by the tray icon: at the click's bounds when a click opened it (see tray-anchor.ts). */
  show(click?: Rectangle): void {
    if (click && click.width > 0 && click.height > 0) this.lastClick = click;
    const { screen } = this.deps;
    const cursor = screen.getCursorScreenPoint();
    const displays = screen.getAllDisplays();
    const anchor = trayAnchor({ platform: this.deps.platform, click, reported: this.deps.trayBounds(), lastClick: this.lastClick, trayAgeMs: this.now() - this.createdAt, cursor, displays });
    const display = displayAt(anchor ? centreOf(anchor) : cursor, displays);
    this.window.setBounds(popoverBounds({ window: POPOVER_SIZE, display: display.bounds, workArea: display.workArea, trayBounds: anchor }), false);
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
