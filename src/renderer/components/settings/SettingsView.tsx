import { useState } from 'preact/hooks';
import { clockTime } from '../../../shared/format';
import type { AccountState } from '../../../shared/accounts';
import { AccountsSettings } from './AccountsSettings';
import { DesktopSettings } from './DesktopSettings';
import { PanelHead } from '../frame/PanelHead';
import { UpdateSettings } from './UpdateSettings';
import { WebAppSettings } from './WebAppSettings';
import { ApiAddressSetting } from './ApiAddressSetting';
import { ShortcutSetting } from './ShortcutSetting';
import { TrayCountSetting } from './TrayCountSetting';
import { useSettingsDraft } from '../../hooks/use-settings-draft';
import type { DesktopInfo } from '../../../shared/desktop';
import type { AuthState, CommandResult, NotificationSettings, Settings, SettingsPatch, UpdateState, Workspace } from '../../../shared/contract';

interface SettingsViewProps {
  settings: Settings;
  /** The time the view was last drawn at (a pause's end is compared with it). */
  now: number;
  /** The user's workspaces by name (from `GET /workspace`, plus ids seen on buckets while names are unknown). */
  workspaces: Workspace[];
  /** Every account (see account-scope.ts). */
  accounts: AccountState[];
  onAddAccount(): void;
  onSignInTo(accountId: string): void;
  onRemoveAccount(accountId: string): void;
  /** True for the id of a bucket in the list (a pasted web-app address is checked with it). */
  isBucketId(value: string): boolean;
  update(patch: SettingsPatch): Promise<CommandResult<Settings>>;
  /** Where the app's own update stands, and what to do about it. */
  appUpdate: UpdateState;
  /** How the app runs on this desktop (absent in the browser preview). */
  desktop?: DesktopInfo;
  checkForUpdates(): void;
  installUpdate(): void;
  /** Signs out of one account (it stays listed, to sign in again). */
  signOut(accountId: string): void;
  quit(): void;
  onBack(): void;
}

const INTERVALS: Array<[number, string]> = [
  [15, '15 seconds'],
  [30, '30 seconds'],
  [60, '1 minute'],
  [120, '2 minutes'],
  [300, '5 minutes'],
  [600, '10 minutes'],
  [1800, '30 minutes'],
  [3600, '1 hour'],
];

const NOTIFY_KINDS: Array<[keyof Omit<NotificationSettings, 'enabled'>, string]> = [
  ['statusChanged', 'A bucket changes status'],
  ['added', 'A bucket becomes available'],
  ['removed', 'A bucket is taken by a repository, or deleted'],
  ['sessionExpired', 'I need to sign in again'],
];

export function SettingsView({ settings: kept, now, workspaces, accounts, onAddAccount, onSignInTo, onRemoveAccount, isBucketId, update: save, appUpdate, desktop, checkForUpdates, installUpdate, signOut, quit, onBack }: SettingsViewProps) {
  /** What the user just set shows at once, and stays while main saves it. */
  const [settings, update] = useSettingsDraft(kept, save);
  /** A refusal, shown under the setting that was refused (not at the top, out of sight). */
  const [error, setError] = useState<{ field: string; message: string } | undefined>(undefined);

  async function apply(patch: SettingsPatch) {
    const result = await update(patch);
    setError(result.ok ? undefined : { field: Object.keys(patch)[0] ?? '', message: result.error.message });
    return result;
  }
  const refusal = async (patch: SettingsPatch) => {
    const result = await update(patch);
    return result.ok ? undefined : result.error.message;
  };
  const errorAt = (...fields: string[]) =>
    error && fields.includes(error.field) ? (
      <p class="form-error" role="alert">
        {error.message}
      </p>
    ) : null;

  const paused = settings.notificationsPausedUntil && Date.parse(settings.notificationsPausedUntil) > now;
  return (
    <section class="panel settings" aria-labelledby="settings-title">
      <PanelHead id="settings-title" onBack={onBack}>
        Settings
      </PanelHead>
      {accounts.length > 0 ? <AccountsSettings accounts={accounts} onAdd={onAddAccount} onSignIn={onSignInTo} onSignOut={signOut} onRemove={onRemoveAccount} /> : null}
      <label>
        Check for changes every
        <select value={String(settings.pollIntervalSeconds)} onChange={(event) => apply({ pollIntervalSeconds: Number((event.currentTarget as HTMLSelectElement).value) })}>
          {INTERVALS.map(([seconds, label]) => (
            <option key={seconds} value={String(seconds)}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {errorAt('pollIntervalSeconds')}
      <label>
        Workspace
        <select
          value={settings.workspaceId ?? ''}
          onChange={(event) => {
            const value = (event.currentTarget as HTMLSelectElement).value;
            void apply({ workspaceId: value === '' ? null : value });
          }}
        >
          <option value="">All workspaces</option>
          {settings.workspaceId && !workspaces.some((workspace) => workspace.id === settings.workspaceId) ? (
            <option value={settings.workspaceId} title={settings.workspaceId}>
              Unnamed workspace
            </option>
          ) : null}
          {workspaces.map((workspace) => (
            <option key={workspace.id} value={workspace.id} title={workspace.id}>
              {workspace.name}
            </option>
          ))}
        </select>
      </label>
      {errorAt('workspaceId')}
      <fieldset>
        <legend>Notifications</legend>
        <label class="check">
          <input type="checkbox" checked={settings.notifications.enabled} onChange={(event) => apply({ notifications: { enabled: (event.currentTarget as HTMLInputElement).checked } })} />
          Show notifications
        </label>
        <label class="check indent">
          <input
            type="checkbox"
            disabled={!settings.notifications.enabled}
            checked={settings.notifications.sound}
            onChange={(event) => apply({ notifications: { sound: (event.currentTarget as HTMLInputElement).checked } })}
          />
          Play a sound with notifications
        </label>
        {NOTIFY_KINDS.map(([key, label]) => (
          <label key={key} class="check indent">
            <input
              type="checkbox"
              disabled={!settings.notifications.enabled}
              checked={settings.notifications[key]}
              onChange={(event) => apply({ notifications: { [key]: (event.currentTarget as HTMLInputElement).checked } })}
            />
            {label}
          </label>
        ))}
        {paused ? (
          <p class="muted small">
            Paused until {clockTime(settings.notificationsPausedUntil!, now)}.{' '}
            <button type="button" class="link" onClick={() => apply({ notificationsPausedUntil: null })}>
              Resume now
            </button>
          </p>
        ) : null}
        {errorAt('notifications', 'notificationsPausedUntil')}
      </fieldset>
      <fieldset>
        <legend>Appearance</legend>
        <div role="radiogroup" aria-label="Theme" class="radios">
          {(['system', 'light', 'dark'] as const).map((theme) => (
            <label key={theme} class="check">
              <input type="radio" name="theme" value={theme} checked={settings.theme === theme} onChange={() => apply({ theme })} />
              {theme === 'system' ? 'Match system' : theme === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </div>
        <TrayCountSetting checked={settings.showCountInMenuBar} desktop={desktop} apply={(showCountInMenuBar) => apply({ showCountInMenuBar })} />
        {errorAt('theme', 'showCountInMenuBar')}
      </fieldset>
      <fieldset>
        <legend>System</legend>
        <label class="check">
          <input type="checkbox" checked={settings.launchAtLogin} onChange={(event) => apply({ launchAtLogin: (event.currentTarget as HTMLInputElement).checked })} />
          Open at login
        </label>
        {errorAt('launchAtLogin')}
        <ShortcutSetting value={settings.globalShortcut} save={(globalShortcut) => refusal({ globalShortcut })} />
        <ApiAddressSetting
          value={settings.apiBaseUrl}
          whose=""
          signedInAs={undefined}
          save={(apiBaseUrl) => refusal({ apiBaseUrl })}
        />
      </fieldset>
      {desktop ? <DesktopSettings desktop={desktop} runAsWindow={settings.runAsWindow} runUnderXWayland={settings.runUnderXWayland} apply={(patch) => void apply(patch)} /> : null}
      <WebAppSettings value={settings.webAppBucketUrl} home={settings.webAppUrl} isBucketId={isBucketId} apply={apply} />
      <UpdateSettings
        update={appUpdate}
        autoUpdate={settings.autoUpdate}
        now={now}
        setAutoUpdate={(on) => void apply({ autoUpdate: on })}
        checkNow={checkForUpdates}
        install={installUpdate}
      />
      <div class="settings-actions">
        {accounts.length === 0 ? (
          <button type="button" onClick={onAddAccount}>
            Add account
          </button>
        ) : null}
        <button type="button" onClick={quit}>
          Quit Flashback Tray
        </button>
      </div>
    </section>
  );
}
