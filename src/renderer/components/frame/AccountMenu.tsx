import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AccountState } from '../../../shared/accounts';
import { clip } from '../../../shared/format';
import { accountStatus } from '../../list-model/account-scope';

interface AccountMenuProps {
  accounts: AccountState[];
  /** The account the list shows; absent: all of them. */
  shown: string | undefined;
  /** `null`: every account. */
  onShow(accountId: string | null): void;
  onAdd(): void;
}

interface Item {
  key: string;
  label: string;
  detail?: string;
  /** Radio items (which accounts the list shows); absent for actions. */
  checked?: boolean;
  run(): void;
}

/**
 * The header's account menu (the WAI-ARIA menu button pattern): which account's buckets the
 * list shows (or all), and "Add account…". Arrow keys, Home and End move, Enter or Space
 * picks, Escape closes and gives focus back to the button, Tab or a click elsewhere closes.
 */
export function AccountMenu({ accounts, shown, onShow, onAdd }: AccountMenuProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const several = accounts.length > 1;
  const current = accounts.find((account) => account.id === shown);
  const label = current ? current.label : several ? 'All accounts' : (accounts[0]?.label ?? 'Account');
  const items: Item[] = [
    ...(several ? [{ key: 'all', label: 'All accounts', checked: shown === undefined, run: () => onShow(null) }] : []),
    ...accounts.map((account) => ({
      key: account.id,
      label: account.label,
      detail: accountStatus(account),
      checked: several ? shown === account.id : true,
      run: () => onShow(account.id),
    })),
    { key: 'add', label: 'Add account…', run: onAdd },
  ];

  const focusItem = (index: number) => {
    const buttons = menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]');
    if (!buttons || buttons.length === 0) return;
    buttons[(index + buttons.length) % buttons.length]!.focus();
  };

  useLayoutEffect(() => {
    if (!open) return;
    const checked = items.findIndex((item) => item.checked);
    focusItem(checked < 0 ? 0 : checked);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusItem(moves[event.key]!);
    } else if (event.key === 'Escape') {
      // The popover's own Escape (hide) must not run as well.
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };

  return (
    <div
      class="account-menu"
      onFocusOut={(event) => {
        const next = (event as FocusEvent).relatedTarget as Node | null;
        if (open && next && !(event.currentTarget as HTMLElement).contains(next)) close(false);
      }}
    >
      <button
        ref={button}
        type="button"
        class="account-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? 'account-menu-list' : undefined}
        aria-label={`Accounts: showing ${clip(label, 120)}`}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          } else if (event.key === 'Escape' && open) {
            event.preventDefault();
            event.stopPropagation();
            close(true);
          }
        }}
      >
        <bdi>{clip(label, 48)}</bdi>
        <span aria-hidden="true"> ▾</span>
      </button>
      {open ? (
        <ul id="account-menu-list" class="account-menu-list" role="menu" aria-label="Accounts" ref={menu} onKeyDown={onMenuKey}>
          {items.map((item) => (
            <li key={item.key} role="none">
              <button
                type="button"
                role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
                aria-checked={item.checked}
                tabIndex={-1}
                onClick={() => {
                  close(true);
                  item.run();
                }}
              >
                <span class="account-check" aria-hidden="true">
                  {item.checked ? '✓' : ''}
                </span>
                <bdi>{clip(item.label, 80)}</bdi>
                {item.detail ? <span class="muted small"> · {item.detail}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
