import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MenuAction, MenuItemModel, PreviewNotification, PreviewTray } from '../../shared/desktop';
import { App } from '../../renderer/App';
import { timeOfDay } from '../../shared/format';
import '../../renderer/styles.css';
import './preview.css';
import { createHttpBridge, postJson } from './http-bridge';

const secret = document.querySelector<HTMLMetaElement>('meta[name="preview-secret"]')?.content ?? '';
/** `?popover=340x360`: the popover at another size (the smallest the window allows is 340×360), for tests and screenshots. */
const popoverSize = /^(\d{3,4})x(\d{3,4})$/.exec(new URLSearchParams(location.search).get('popover') ?? '');
const popoverStyle = popoverSize ? { width: `${popoverSize[1]}px`, height: `${popoverSize[2]}px` } : undefined;

function TrayMenu({ items, onAction }: { items: MenuItemModel[]; onAction(action: MenuAction): void }) {
  return (
    <ul class="tray-menu" role="menu">
      {items.map((item, index) =>
        item.kind === 'separator' ? (
          <li key={index} role="separator" />
        ) : item.kind === 'submenu' ? (
          <li key={index} role="none">
            <details>
              <summary role="menuitem" aria-disabled={item.enabled === false} onClick={(event) => item.enabled === false && event.preventDefault()}>
                {item.label}
              </summary>
              <TrayMenu items={item.items} onAction={onAction} />
            </details>
          </li>
        ) : (
          <li key={index} role="none">
            <button
              type="button"
              role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
              aria-checked={item.checked}
              disabled={item.enabled === false}
              onClick={(event) => {
                // Like a real menu: choosing an entry closes the submenu it was in.
                event.currentTarget.closest('details')?.removeAttribute('open');
                onAction(item.action);
              }}
            >
              {item.checked ? '✓ ' : ''}
              {item.label}
            </button>
          </li>
        ),
      )}
    </ul>
  );
}

function Preview() {
  const [tray, setTray] = useState<PreviewTray | undefined>(undefined);
  const [notifications, setNotifications] = useState<PreviewNotification[]>([]);
  const [popoverOpen, setPopoverOpen] = useState(true);
  const [status, setStatus] = useState('');
  const [demoAccounts, setDemoAccounts] = useState('');
  const [detached, setDetached] = useState(false);
  const bridge = useMemo(
    () =>
      createHttpBridge(secret, {
        tray: (payload) => setTray(payload as PreviewTray),
        notification: (payload) => setNotifications((list) => [payload as PreviewNotification, ...list.filter((n) => n.id !== (payload as PreviewNotification).id)]),
        hidePopover: () => setPopoverOpen(false),
        demoAccounts: (payload) => setDemoAccounts(String(payload)),
        detach: () => {
          setDetached(true);
          setPopoverOpen(true);
        },
        updateInstalled: (payload) => setStatus(`Restart to update was chosen: the desktop app would quit and start version ${String(payload)} now.`),
        quit: () => setStatus('Quit was chosen: the desktop app would exit now. The preview keeps running.'),
        openExternal: (payload) => setStatus(`The desktop app would open ${String(payload)} in your default browser now.`),
      }),
    [],
  );
  useEffect(() => bridge.on('focusBucket', () => setPopoverOpen(true)), [bridge]);
  // Like the desktop popover: a closed popover (or a hidden tab) is sent nothing until it opens.
  const [tabVisible, setTabVisible] = useState(document.visibilityState !== 'hidden');
  useEffect(() => {
    const onChange = () => setTabVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  useEffect(() => bridge.setVisible(popoverOpen && tabVisible), [bridge, popoverOpen, tabVisible]);
  useEffect(() => bridge.on('showView', () => setPopoverOpen(true)), [bridge]);

  async function onAction(action: MenuAction) {
    if (action.type === 'open') setPopoverOpen(true);
    else if (action.type === 'copy-id') {
      await navigator.clipboard.writeText(action.bucketId).catch(() => undefined);
      setStatus(`Copied bucket id ${action.bucketId}`);
    } else if (action.type === 'quit') setStatus('Quit was chosen: the desktop app would exit now. The preview keeps running.');
    else if (action.type === 'view-logs') setStatus('Logs are in the data folder printed by npm run preview.');
    else if (action.type === 'toggle-launch-at-login') setStatus('Launch at login only applies to the desktop app.');
    else await postJson('/tray/action', secret, { action });
  }

  return (
    <div class="preview-layout">
      <section class="preview-tray" aria-label="Tray">
        <h2>Tray</h2>
        {tray ? (
          <>
            <button type="button" class="tray-icon" aria-label={`Tray icon: ${tray.icon}. ${tray.tooltip}`} aria-expanded={popoverOpen} onClick={() => setPopoverOpen(!popoverOpen)}>
              <img class="on-light" src={tray.iconUrl} alt="" width={32} height={32} data-icon-state={tray.icon} />
              <img class="on-dark" src={tray.iconUrlDark} alt="" width={32} height={32} data-icon-state={tray.icon} />
              {/* The count beside the icon, as the Linux panel's AppIndicator label shows it. */}
              {tray.title ? <span class="tray-title">{tray.title}</span> : null}
            </button>
            <pre class="tray-tooltip" aria-label="Tooltip">
              {tray.tooltip}
            </pre>
            <TrayMenu items={tray.menu} onAction={(action) => void onAction(action)} />
          </>
        ) : (
          <p>Connecting…</p>
        )}
        <p role="status" class="muted small">
          {status}
        </p>
        {demoAccounts ? (
          <section class="demo-accounts" aria-label="Demo accounts">
            <h2>Demo accounts</h2>
            <p class="small">The built-in mock API knows these. Signed out? Sign in with one of them.</p>
            <ul class="small">
              {demoAccounts
                .replace(/^Demo accounts:\n/, '')
                .replace(/,\n\s+/g, ', ')
                .split('\n')
                .map((line) => (
                  <li key={line}>{line.trim().replace(/ {2,}/g, ' — ')}</li>
                ))}
            </ul>
          </section>
        ) : null}
      </section>
      <section class={`preview-popover${detached ? ' detached' : ''}`} aria-label={detached ? 'Window' : 'Popover'} hidden={!popoverOpen} style={detached ? undefined : popoverStyle}>
        {detached ? (
          <div class="window-bar">
            <span>Flashback Tray</span>
            <button type="button" aria-label="Close the window (back to the popover)" onClick={() => setDetached(false)}>
              ×
            </button>
          </div>
        ) : null}
        <div id="app">
          <App bridge={bridge} />
        </div>
      </section>
      <section class="preview-feed" aria-label="Notifications">
        <h2>Notifications</h2>
        {notifications.length === 0 ? <p class="muted">No notifications yet. Changes after the first refresh appear here.</p> : null}
        <ol>
          {notifications.map((notification) => (
            <li key={notification.id}>
              <button type="button" class="notification" onClick={() => void postJson(`/notification/${notification.id}/click`, secret, {})}>
                <strong>{notification.title}</strong>
                <span>{notification.body}</span>
                {notification.silent ? <span class="muted small">(silent)</span> : null}
                <time dateTime={notification.at}>{timeOfDay(notification.at)}</time>
              </button>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

render(<Preview />, document.getElementById('preview')!);
