import type { CommandName, EventName } from './contract';

/** IPC channel names, one per command and event; a missing one is a compile error. */
export const COMMAND_CHANNELS = {
  getState: 'flashback:get-state',
  refresh: 'flashback:refresh',
  copyText: 'flashback:copy-text',
  signIn: 'flashback:sign-in',
  verifyMfa: 'flashback:verify-mfa',
  sendMagicLink: 'flashback:send-magic-link',
  requestPasswordReset: 'flashback:request-password-reset',
  signInWithToken: 'flashback:sign-in-with-token',
  signOut: 'flashback:sign-out',
  addAccount: 'flashback:add-account',
  addAccountWithToken: 'flashback:add-account-with-token',
  cancelSignIn: 'flashback:cancel-sign-in',
  useAccount: 'flashback:use-account',
  removeAccount: 'flashback:remove-account',
  updateSettings: 'flashback:update-settings',
  dismissNotice: 'flashback:dismiss-notice',
  getHistory: 'flashback:get-history',
  getRecentChanges: 'flashback:get-recent-changes',
  getBucketNodes: 'flashback:get-bucket-nodes',
  openInWebApp: 'flashback:open-in-web-app',
  checkForUpdates: 'flashback:check-for-updates',
  installUpdate: 'flashback:install-update',
  hidePopover: 'flashback:hide-popover',
  detachPopover: 'flashback:detach-popover',
  quit: 'flashback:quit',
} as const satisfies Record<CommandName, `flashback:${string}`>;

export const EVENT_CHANNELS = {
  snapshot: 'flashback:snapshot',
  patch: 'flashback:patch',
  focusBucket: 'flashback:focus-bucket',
  showView: 'flashback:show-view',
  shown: 'flashback:shown',
} as const satisfies Record<EventName, `flashback:${string}`>;
