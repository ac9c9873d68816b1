import { inflateSync } from 'node:zlib';

/**
 * Every text shown in a PDF made by pdf-lib with a standard font (hex strings in Flate streams):
 * each stream is cut at its /Length, since compressed bytes may themselves end in CR or LF.
 */
export function pdfText(buf: Buffer): string {
  const raw = buf.toString('latin1');
  const out: string[] = [];
  const re = /\/Length (\d+)\b[^>]*>>\s*stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const data = buf.subarray(start, start + Number(m[1]));
    let content: string;
    try {
      content = inflateSync(data).toString('latin1');
    } catch {
      content = data.toString('latin1');
    }
    for (const h of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) out.push(Buffer.from(h[1]!, 'hex').toString('latin1'));
  }
  return out.join('\n');
}
