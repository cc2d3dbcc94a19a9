import { join } from 'node:path';
import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';
import type { MenuAction, MenuItemModel, TrayIconState, TrayModel } from '../core/desktop/tray-model';

interface TrayViewDeps {
  tray: Tray;
  buildMenu(template: MenuItemConstructorOptions[]): Menu;
  loadImage(path: string): NativeImage;
  platform: NodeJS.Platform;
  assetsDir: string;
  /** True when the taskbar/panel is dark (Windows/Linux pick the light glyph then). */
  darkTaskbar(): boolean;
  onAction(action: MenuAction): void;
}

/** The icon file for a state: template images on macOS (they follow the menu bar), .ico on Windows. */
export function trayIconPath(assetsDir: string, platform: NodeJS.Platform, state: TrayIconState, dark: boolean): string {
  if (platform === 'darwin') return join(assetsDir, 'tray', `trayTemplate-${state}.png`);
  if (platform === 'win32') return join(assetsDir, 'tray', `tray-${state}-${dark ? 'dark' : 'light'}.ico`);
  return join(assetsDir, 'tray', `tray-${state}-${dark ? 'dark' : 'light'}.png`);
}

export function menuTemplate(items: MenuItemModel[], onAction: (action: MenuAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator' };
    if (item.kind === 'submenu') return { label: item.label, enabled: item.enabled ?? true, submenu: menuTemplate(item.items, onAction) };
    return {
      label: item.label,
      enabled: item.enabled ?? true,
      ...(item.checked !== undefined ? { type: 'checkbox' as const, checked: item.checked } : {}),
      ...(item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {}),
      click: () => onAction(item.action),
    };
  });
}

/**
 * Applies a tray model to the real tray. The menu is rebuilt and set again on every
 * change (Linux only picks up a new menu that way), but nothing is redone when the model
 * is unchanged, so a poll with no changes costs nothing here. On macOS the menu is not
 * attached (an attached menu would take over the left click, which opens the popover);
 * it pops up on right click instead.
 */
export class TrayView {
  private last: { icon?: string; tooltip?: string; title?: string; menu?: string } = {};
  private builtMenu: Menu | undefined;

  constructor(private readonly deps: TrayViewDeps) {}

  render(model: TrayModel): void {
    const { tray } = this.deps;
    const icon = trayIconPath(this.deps.assetsDir, this.deps.platform, model.icon, this.deps.darkTaskbar());
    if (icon !== this.last.icon) {
      const image = this.deps.loadImage(icon);
      if (this.deps.platform === 'darwin') image.setTemplateImage(true);
      tray.setImage(image);
      this.last.icon = icon;
    }
    if (model.tooltip !== this.last.tooltip) {
      tray.setToolTip(model.tooltip);
      this.last.tooltip = model.tooltip;
    }
    // macOS: the menu bar's title; Linux: the AppIndicator label (Windows has none).
    if ((this.deps.platform === 'darwin' || this.deps.platform === 'linux') && model.title !== (this.last.title ?? '')) {
      tray.setTitle(model.title);
      this.last.title = model.title;
    }
    const menu = JSON.stringify(model.menu);
    if (menu !== this.last.menu) {
      this.builtMenu = this.deps.buildMenu(menuTemplate(model.menu, this.deps.onAction));
      if (this.deps.platform !== 'darwin') tray.setContextMenu(this.builtMenu);
      this.last.menu = menu;
    }
  }

  /** macOS right click: show the menu without attaching it. */
  popUpMenu(): void {
    if (this.builtMenu) this.deps.tray.popUpContextMenu(this.builtMenu);
  }

  /** The theme changed: pick the icon variant again. */
  invalidateIcon(): void {
    this.last.icon = undefined;
  }
}
