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
    ['signIn', ['not-an-email', 'pw']],
    ['signIn', ['a@b.c', '']],
    ['signIn', ['a@b.c', 'pw', 'extra']],
    ['verifyMfa', ['12ab56']],
    ['verifyMfa', [123456]],
    ['signInWithToken', ['short']],
    ['signInWithToken', ['has spaces in the middle of it']],
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
    ['signIn', ['ada@example.com', 'correct horse']],
    ['updateSettings', [{ theme: 'dark' }]],
  ] as const)('%s %j is accepted', (name, args) => {
    expect(validateCommandArgs(name, args)).toEqual({ ok: true, args });
  });

  it('normalises an MFA code and a pasted "Bearer …" token', () => {
    expect(validateCommandArgs('verifyMfa', ['GOOGLE_AUTH', '123 456'])).toEqual({ ok: true, args: ['GOOGLE_AUTH', '123456'] });
    expect(validateCommandArgs('verifyMfa', ['MAGIC_LINK', 'https://app.flashback.tech/verify?token=ml_abc12345'])).toEqual({ ok: true, args: ['MAGIC_LINK', 'ml_abc12345'] });
    expect(validateCommandArgs('verifyMfa', ['PASSKEY', 'x'])).toMatchObject({ ok: false });
    expect(validateCommandArgs('signInWithToken', ['  Bearer abcdefghijklmnop.qrs  '])).toEqual({ ok: true, args: ['abcdefghijklmnop.qrs'] });
  });
});
