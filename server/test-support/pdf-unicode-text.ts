import { inflateSync } from 'node:zlib';

/**
 * Every text shown in a PDF made by pdf-lib with embedded (Type0) fonts and saved without object
 * streams: each `<hex> Tj` is read as glyph ids through the ToUnicode map of the font selected by
 * the last `Tf`. A string of right-to-left glyphs (drawn in visual order) is put back in reading
 * order. One string per `Tj`.
 */
export function pdfUnicodeText(buf: Buffer): string[] {
  const raw = buf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const body = m[2]!;
    const s = /stream\r?\n/.exec(body);
    let stream: string | null = null;
    if (s) {
      const len = Number(/\/Length (\d+)/.exec(body.slice(0, s.index))?.[1] ?? 0);
      const start = m.index + m[0].indexOf(body) + s.index + s[0].length;
      const data = buf.subarray(start, start + len);
      try {
        stream = inflateSync(data).toString('latin1');
      } catch {
        stream = data.toString('latin1');
      }
    }
    objects.set(m[1]!, { dict: s ? body.slice(0, s.index) : body, stream });
  }
  const cmapOf = (fontRef: string) => {
    const font = objects.get(fontRef);
    const ref = font && /\/ToUnicode (\d+) 0 R/.exec(font.dict)?.[1];
    const map = new Map<number, string>();
    const cmap = ref ? objects.get(ref)?.stream ?? '' : '';
    const hex = (h: string) => Buffer.from(h, 'hex').swap16().toString('utf16le');
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const e of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(e[1]!, 16), hex(e[2]!));
    }
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const e of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const from = parseInt(e[1]!, 16);
        const base = hex(e[3]!);
        for (let c = from; c <= parseInt(e[2]!, 16); c++) map.set(c, String.fromCodePoint(base.codePointAt(0)! + c - from));
      }
    }
    return map;
  };
  const fontNames = new Map<string, string>();
  for (const { dict } of objects.values()) {
    for (const f of dict.matchAll(/\/Font\s*<<([\s\S]*?)>>/g)) for (const e of f[1]!.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) fontNames.set(e[1]!, e[2]!);
  }
  const cmaps = new Map<string, Map<number, string>>();
  const out: string[] = [];
  for (const { dict, stream } of objects.values()) {
    if (!stream || /\/Subtype|\/Type\s*\/(XRef|ObjStm)/.test(dict) || !/Tj/.test(stream)) continue;
    let map = new Map<number, string>();
    for (const op of stream.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (op[1]) {
        const ref = fontNames.get(op[1]);
        if (ref && !cmaps.has(ref)) cmaps.set(ref, cmapOf(ref));
        map = (ref && cmaps.get(ref)) || new Map();
        continue;
      }
      const glyphs = (op[2]!.match(/.{4}/g) ?? []).map((g) => map.get(parseInt(g, 16)) ?? '');
      const rtl = glyphs.some((g) => /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/.test(g));
      out.push((rtl ? glyphs.reverse() : glyphs).join(''));
    }
  }
  return out;
}
