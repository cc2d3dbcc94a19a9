import { connect, type Socket } from 'node:net';

/**
 * Owns a well-known name on a D-Bus bus, as a tray host (a StatusNotifierWatcher) does:
 * the smallest client of the wire protocol (EXTERNAL auth, Hello, RequestName). Test-only:
 * nothing installed here can own a name (no dbus-test-tool, no python-dbus).
 */
export async function ownBusName(address: string, name: string): Promise<{ release(): void }> {
  const socket = await open(address);
  await authenticate(socket);
  socket.write(methodCall(1, 'Hello'));
  socket.write(methodCall(2, 'RequestName', [name, 4 /* DBUS_NAME_FLAG_DO_NOT_QUEUE */]));
  return { release: () => socket.destroy() };
}

function open(address: string): Promise<Socket> {
  const unix = /^unix:(path|abstract)=([^,]+)/.exec(address);
  if (!unix) throw new Error(`Not a unix D-Bus address: ${address}`);
  const path = unix[1] === 'abstract' ? `\0${unix[2]}` : unix[2]!;
  return new Promise((resolve, reject) => {
    const socket = connect(path, () => resolve(socket));
    socket.once('error', reject);
  });
}

function authenticate(socket: Socket): Promise<void> {
  const uid = Buffer.from(String(process.getuid?.() ?? 0)).toString('hex');
  return new Promise((resolve, reject) => {
    socket.once('data', (reply) => {
      if (!reply.toString().startsWith('OK ')) return reject(new Error(`D-Bus refused: ${reply.toString().trim()}`));
      socket.write('BEGIN\r\n');
      resolve();
    });
    socket.write(`\0AUTH EXTERNAL ${uid}\r\n`);
  });
}

/** A little-endian buffer writer that keeps D-Bus alignment. */
class Writer {
  private bytes: number[] = [];
  get length(): number {
    return this.bytes.length;
  }
  align(n: number): this {
    while (this.bytes.length % n) this.bytes.push(0);
    return this;
  }
  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }
  u32(value: number): this {
    this.align(4);
    for (let i = 0; i < 4; i++) this.bytes.push((value >>> (8 * i)) & 0xff);
    return this;
  }
  string(value: string): this {
    const utf8 = Buffer.from(value);
    this.u32(utf8.length);
    this.bytes.push(...utf8, 0);
    return this;
  }
  signature(value: string): this {
    this.bytes.push(value.length, ...Buffer.from(value), 0);
    return this;
  }
  buffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

/** A METHOD_CALL to the bus itself, with string and uint32 arguments. */
function methodCall(serial: number, member: string, args: Array<string | number> = []): Buffer {
  const body = new Writer();
  for (const arg of args) typeof arg === 'string' ? body.string(arg) : body.u32(arg);
  const signature = args.map((arg) => (typeof arg === 'string' ? 's' : 'u')).join('');
  const fields: Array<[number, string, string]> = [
    [1, 'o', '/org/freedesktop/DBus'],
    [2, 's', 'org.freedesktop.DBus'],
    [3, 's', member],
    [6, 's', 'org.freedesktop.DBus'],
  ];
  if (signature) fields.push([8, 'g', signature]);
  const header = new Writer().u8('l'.charCodeAt(0)).u8(1).u8(0).u8(1).u32(body.length).u32(serial);
  // The header-field array: its byte length first, then 8-aligned (code, variant) structs.
  const array = new Writer();
  for (const [code, type, value] of fields) {
    array.align(8).u8(code).signature(type);
    if (type === 'g') array.signature(value);
    else array.string(value);
  }
  header.u32(array.length).align(8);
  const head = Buffer.concat([header.buffer(), array.buffer()]);
  const padding = Buffer.alloc((8 - (head.length % 8)) % 8);
  return Buffer.concat([head, padding, body.buffer()]);
}
