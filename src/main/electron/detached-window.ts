import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle, Screen } from 'electron';
import { EVENT_CHANNELS } from '../../shared/channels';
import type { EventName, Events } from '../../shared/contract';
import { DETACHED_MIN, DETACHED_SIZE, placeDetached, rememberBounds, type WindowMemory } from '../core/desktop/window-memory';
import { RENDERER_URL, secureWebPreferences } from './security';
import { WireSender } from '../core/view/wire-sender';

interface DetachedWindowDeps {
  createWindow(options: BrowserWindowConstructorOptions): BrowserWindow;
  screen: Pick<Screen, 'getAllDisplays' | 'getDisplayMatching' | 'getDisplayNearestPoint' | 'getCursorScreenPoint'>;
  preloadPath: string;
  devTools: boolean;
  memory: { load(): WindowMemory; save(memory: WindowMemory): void };
  /** Shown or gone: its view feed starts or stops. */
  onVisibilityChange(visible: boolean): void;
  /** The user closed it (not hidden by a tray click). */
  onClosed?(): void;
}

/**
 * The popover, detached into a small normal window (moved, resized, kept open). Where it
 * was is remembered per display and restored only on a display that still exists.
 * The same renderer and the same hardened webPreferences as the popover.
 */
export class DetachedWindow {
  private window: BrowserWindow | undefined;
  /** As the popover's: JSON text, large lists a slice per turn, in order. */
  private readonly wire = new WireSender((event, payload) => {
    if (this.window && !this.window.isDestroyed()) this.window.webContents.send(EVENT_CHANNELS[event], payload);
  });

  constructor(private readonly deps: DetachedWindowDeps) {}

  get isOpen(): boolean {
    return this.window !== undefined;
  }

  open(): void {
    if (this.window) {
      const wasHidden = !this.window.isVisible();
      if (this.window.isMinimized()) this.window.restore();
      this.window.show();
      this.window.focus();
      if (wasHidden) this.deps.onVisibilityChange(true);
      return;
    }
    const { screen } = this.deps;
    const pointer = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const displays = screen.getAllDisplays().map((display) => ({ id: display.id, workArea: display.workArea }));
    const placed = placeDetached(this.deps.memory.load(), displays, pointer.id);
    const window = this.deps.createWindow({
      ...(placed ?? DETACHED_SIZE),
      minWidth: DETACHED_MIN.width,
      minHeight: DETACHED_MIN.height,
      show: false,
      title: 'Flashback Tray',
      backgroundColor: '#1c1f24',
      webPreferences: secureWebPreferences(this.deps.preloadPath, this.deps.devTools),
    });
    this.window = window;
    const remember = () => {
      const bounds = window.getBounds();
      const display = screen.getDisplayMatching(bounds);
      this.deps.memory.save(rememberBounds(this.deps.memory.load(), display.id, bounds));
    };
    window.on('moved', remember);
    window.on('resized', remember);
    window.on('close', remember);
    window.on('closed', () => {
      this.window = undefined;
      this.deps.onVisibilityChange(false);
      this.deps.onClosed?.();
    });
    window.once('ready-to-show', () => {
      this.deps.onVisibilityChange(true);
      window.show();
    });
    void window.loadURL(`${RENDERER_URL}#detached`);
  }

  /** A tray click when the app runs as a window: hide it when it shows, else show it (a minimised one comes back). */
  toggle(): void {
    if (this.window?.isVisible() && !this.window.isMinimized()) {
      this.window.hide();
      this.deps.onVisibilityChange(false);
    } else this.open();
  }

  send<K extends EventName>(event: K, payload: Events[K]): void {
    if (this.window && !this.window.isDestroyed()) this.wire.send(event, payload);
  }

  /** For tests and the record: where the window is now. */
  bounds(): Rectangle | undefined {
    return this.window?.getBounds();
  }
}
