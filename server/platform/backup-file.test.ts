import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKUP_MAGIC, checksumPath, FRAME, frame, readFrames, readHeader, sealer, sha256File, verifyBackup } from './backup-file.js';

const dir = await mkdtemp(path.join(tmpdir(), 'hw-backup-unit-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
const key = randomBytes(32);

/** A backup file of one table with two rows, written as `writeBackup` writes one. */
async function sample(name: string, frames = [frame(FRAME.table, JSON.stringify({ name: 't', columns: ['a'] })), frame(FRAME.data, 'x\ny\n'), frame(FRAME.tableEnd, '{"rows":2}'), frame(FRAME.end, '{}')]) {
  const { head, encrypt } = sealer(key, 'secret-key', { createdAt: '2026-01-01T00:00:00Z', migrations: ['0001_a.sql'], fingerprint: null, serverVersion: '18' });
  const body = await buffer(Readable.from([gzipSync(Buffer.concat(frames))]).pipe(encrypt));
  const file = path.join(dir, name);
  await writeFile(file, Buffer.concat([head, body]));
  await writeFile(checksumPath(file), `${await sha256File(file)}  ${name}\n`);
  return file;
}
const damage = async (file: string, at: (size: number) => number, rechecksum: boolean) => {
  const bytes = await readFile(file);
  const i = at(bytes.length);
  bytes[i] = bytes[i]! ^ 0xff;
  await writeFile(file, bytes);
  if (rechecksum) await writeFile(checksumPath(file), `${await sha256File(file)}  x\n`);
};

describe('the backup file', () => {
  it('starts with the magic and a clear header without the key, and reads back whole', async () => {
    const file = await sample('ok.hwbackup');
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 8).equals(BACKUP_MAGIC)).toBe(true);
    const { header } = await readHeader(file);
    expect(header).toMatchObject({ format: 'homeward-backup', keySource: 'secret-key', migrations: ['0001_a.sql'] });
    expect(bytes.includes(key)).toBe(false);
    expect(bytes.includes(Buffer.from('x\ny\n'))).toBe(false);
    expect((await verifyBackup(file, key)).tables).toEqual([{ name: 't', rows: 2 }]);
    expect((await readFile(checksumPath(file), 'utf8'))).toMatch(/^[0-9a-f]{64} {2}ok\.hwbackup\n$/);
  });

  it('refuses a changed byte by its checksum, and by its tag when the checksum was recomputed', async () => {
    const a = await sample('a.hwbackup');
    await damage(a, (n) => n - 20, false);
    await expect(verifyBackup(a, key)).rejects.toMatchObject({ kind: 'corrupted', message: expect.stringMatching(/SHA-256/) });
    const b = await sample('b.hwbackup');
    await damage(b, (n) => n - 3, true); // inside the tag
    await expect(verifyBackup(b, key)).rejects.toMatchObject({ kind: 'corrupted' });
    const c = await sample('c.hwbackup');
    await damage(c, (n) => n - 20, true); // inside the ciphertext
    await expect(verifyBackup(c, key)).rejects.toMatchObject({ kind: 'corrupted' });
  });

  it('authenticates the header: a changed migration list fails the tag', async () => {
    const file = await sample('h.hwbackup');
    const bytes = await readFile(file);
    const at = bytes.indexOf('0001_a.sql');
    bytes[at + 3] = '2'.charCodeAt(0);
    await writeFile(file, bytes);
    await writeFile(checksumPath(file), `${await sha256File(file)}  h\n`);
    await expect(verifyBackup(file, key)).rejects.toMatchObject({ kind: 'corrupted' });
  });

  it('tells a wrong key, a missing checksum, a foreign file and a missing end apart', async () => {
    const file = await sample('k.hwbackup');
    await expect(verifyBackup(file, randomBytes(32))).rejects.toMatchObject({ kind: 'wrong-key' });
    await rm(checksumPath(file));
    await expect(verifyBackup(file, key)).rejects.toMatchObject({ kind: 'unreadable', message: expect.stringMatching(/\.sha256/) });
    const other = path.join(dir, 'other');
    await writeFile(other, 'PGDMP not ours at all, long enough to hold a header');
    await expect(readHeader(other)).rejects.toMatchObject({ kind: 'unreadable' });
    const cut = await sample('cut.hwbackup', [frame(FRAME.table, JSON.stringify({ name: 't', columns: ['a'] }))]);
    await expect(verifyBackup(cut, key)).rejects.toMatchObject({ kind: 'corrupted', message: expect.stringMatching(/end marker/) });
  });

  it('reads frames split anywhere across chunks', async () => {
    const all = Buffer.concat([frame(FRAME.data, 'abc'), frame(FRAME.end, '{}')]);
    const chunks = [...all].map((b) => Buffer.from([b]));
    const got = [];
    for await (const f of readFrames(Readable.from(chunks))) got.push([f.type, f.data.toString()]);
    expect(got).toEqual([[FRAME.data, 'abc'], [FRAME.end, '{}']]);
    await expect((async () => {
      for await (const f of readFrames(Readable.from([all.subarray(0, 6)]))) void f;
    })()).rejects.toMatchObject({ kind: 'corrupted' });
  });
});
