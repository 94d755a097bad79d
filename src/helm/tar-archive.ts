/**
 * The ustar subset Helm chart archives use: regular files with names up to 255 bytes. Chart
 * archives are small, so both directions work on whole buffers.
 */

const block = 512;

export interface ArchiveEntry {
  name: string;
  content: Buffer;
}

function field(header: Buffer, start: number, length: number): string {
  const text = header.subarray(start, start + length).toString('utf8');
  const end = text.indexOf('\0');
  return end < 0 ? text : text.slice(0, end);
}

/** The regular files of a tar archive. Throws on a truncated or malformed archive. */
export function readTar(archive: Buffer): ArchiveEntry[] {
  const entries: ArchiveEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + block <= archive.length) {
    const header = archive.subarray(offset, offset + block);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
    if (!Number.isFinite(size)) throw new Error(`malformed tar header at byte ${offset}`);
    const type = field(header, 156, 1);
    const prefix = field(header, 345, 155);
    const name =
      longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    const start = offset + block;
    if (start + size > archive.length) throw new Error(`tar entry ${name} is truncated`);
    const content = archive.subarray(start, start + size);
    longName = undefined;
    if (type === 'L') longName = field(content, 0, content.length);
    else if (type === '0' || type === '') entries.push({ name, content: Buffer.from(content) });
    offset = start + Math.ceil(size / block) * block;
  }
  return entries;
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** A tar archive of regular files, as `helm package` writes one (fixed mode and time). */
export function writeTar(entries: readonly ArchiveEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const header = Buffer.alloc(block);
    const name = Buffer.from(entry.name, 'utf8');
    if (name.length > 100) throw new Error(`tar entry name too long: ${entry.name}`);
    name.copy(header, 0);
    header.write(octal(0o644, 8), 100, 'ascii');
    header.write(octal(0, 8), 108, 'ascii');
    header.write(octal(0, 8), 116, 'ascii');
    header.write(octal(entry.content.length, 12), 124, 'ascii');
    header.write(octal(0, 12), 136, 'ascii');
    header.write('        ', 148, 'ascii');
    header.write('0', 156, 'ascii');
    header.write('ustar\0', 257, 'ascii');
    header.write('00', 263, 'ascii');
    const checksum = header.reduce((sum, byte) => sum + byte, 0);
    header.write(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    parts.push(
      header,
      entry.content,
      Buffer.alloc((block - (entry.content.length % block)) % block),
    );
  }
  parts.push(Buffer.alloc(block * 2));
  return Buffer.concat(parts);
}
