import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, validateCommandArgs } from '../../src/main/core/commands/commands';
import { COMMAND_CHANNELS } from '../../src/shared/channels';

describe('command arguments are checked as if an attacker sent them', () => {
  it('knows every command of the contract', () => {
    expect(COMMAND_NAMES.sort()).toEqual(Object.keys(COMMAND_CHANNELS).sort());
  });

  it.each([
    ['refresh', [1]],
    ['refresh', 'not a list'],
    ['copyText', ['id']],
    ['copyText', ['id', 'password']],
    ['copyText', [{ toString: () => 'x' }, 'bucket-id']],
    ['copyText', ['a\u0000b', 'bucket-id']],
    ['copyText', ['x'.repeat(2000), 'bucket-id']],
    ['signIn', ['acc-abcdefgh1', 'not-an-email', 'pw']],
    ['signIn', ['acc-abcdefgh1', 'a@b.c', '']],
    ['signIn', ['acc-abcdefgh1', 'a@b.c', 'pw', 'extra']],
    ['signIn', ['a@b.c', 'pw']],
    ['signIn', ['primary', 'a@b.c', 'pw']],
    ['signIn', ['acc-abc/defgh', 'a@b.c', 'pw']],
    ['verifyMfa', ['acc-abcdefgh1', '12ab56']],
    ['verifyMfa', ['GOOGLE_AUTH', '123456']],
    ['signInWithToken', ['acc-abcdefgh1', 'short']],
    ['signInWithToken', ['acc-abcdefgh1', 'has spaces in the middle of it']],
    ['signOut', []],
    ['cancelSignIn', ['../etc']],
    ['addAccountWithToken', ['ftp://example.com', 'abcdefghijklmnop.qrs']],
    ['requestPasswordReset', ['a@b.c']],
    ['updateSettings', [{ theme: 'neon' }]],
    ['updateSettings', [null]],
    ['dismissNotice', [42]],
    ['quit', [true]],
  ] as const)('%s %j is refused', (name, args) => {
    expect(validateCommandArgs(name, args)).toMatchObject({ ok: false });
  });

  it.each([
    ['refresh', []],
    ['copyText', ['550e8400-e29b-41d4-a716-446655440000', 'bucket-id']],
    ['signIn', ['acc-abcdefgh1', 'ada@example.com', 'correct horse']],
    ['signOut', ['acc-abcdefgh1']],
    ['cancelSignIn', ['acc-abcdefgh1']],
    ['updateSettings', [{ theme: 'dark' }]],
  ] as const)('%s %j is accepted', (name, args) => {
    expect(validateCommandArgs(name, args)).toEqual({ ok: true, args });
  });

  it('normalises an MFA code and a pasted "Bearer …" token', () => {
    expect(validateCommandArgs('verifyMfa', ['acc-abcdefgh1', 'GOOGLE_AUTH', '123 456'])).toEqual({ ok: true, args: ['acc-abcdefgh1', 'GOOGLE_AUTH', '123456'] });
    expect(validateCommandArgs('verifyMfa', ['acc-abcdefgh1', 'MAGIC_LINK', 'https://app.flashback.tech/verify?token=ml_abc12345'])).toEqual({ ok: true, args: ['acc-abcdefgh1', 'MAGIC_LINK', 'ml_abc12345'] });
    expect(validateCommandArgs('verifyMfa', ['acc-abcdefgh1', 'PASSKEY', 'x'])).toMatchObject({ ok: false });
    expect(validateCommandArgs('signInWithToken', ['acc-abcdefgh1', '  Bearer abcdefghijklmnop.qrs  '])).toEqual({ ok: true, args: ['acc-abcdefgh1', 'abcdefghijklmnop.qrs'] });
    expect(validateCommandArgs('addAccountWithToken', ['https://api.example.com/', ' Bearer abcdefghijklmnop.qrs'])).toEqual({ ok: true, args: ['https://api.example.com', 'abcdefghijklmnop.qrs'] });
  });
});
