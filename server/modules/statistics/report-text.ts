import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type fontkit from '@pdf-lib/fontkit';
import bidiJs, { type Bidi } from 'bidi-js';
import type { PDFDocument, PDFFont, PDFPage, rgb } from 'pdf-lib';

/**
 * Text of the annual report in any of Homeward's languages: the bundled Noto fonts (Noto Sans for
 * Latin, Greek and Cyrillic; Noto Naskh Arabic), embedded as subsets through fontkit, which also
 * shapes Arabic (joined letter forms, ligatures). Lines are cut into bidirectional runs (Unicode
 * bidi algorithm, bidi-js), each drawn in the font of its script, in visual order: a right-to-left
 * run is handed to fontkit in logical order (it lays Arabic out right to left itself), digits and
 * Latin names inside an Arabic line stay left to right.
 */
const require = createRequire(import.meta.url);
// The packages export only their index (dist/): the fonts sit in fonts/ beside it.
const fontFile = (pkg: string, file: string) => readFileSync(join(dirname(require.resolve(pkg)), '..', 'fonts', file));

let files: { latin: Buffer; latinBold: Buffer; arabic: Buffer; arabicBold: Buffer } | null = null;
const fontFiles = () => (files ??= {
  latin: fontFile('@embedpdf/fonts-latin', 'NotoSans-Regular.ttf'),
  latinBold: fontFile('@embedpdf/fonts-latin', 'NotoSans-Bold.ttf'),
  arabic: fontFile('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Regular.ttf'),
  arabicBold: fontFile('@embedpdf/fonts-arabic', 'NotoNaskhArabic-Bold.ttf'),
});

/**
 * fontkit's TrueType subsetter writes a short `loca` table (offsets halved) when the subset is
 * small, which is only right when every glyph's data has an even length: Noto Sans has glyphs of
 * odd length, and a subset of it lost most of its letters. Each glyph copied into a subset is
 * padded to an even length (a trailing zero byte, ignored by readers), which keeps the offsets exact.
 */
type Subset = { glyf: Uint8Array[]; offset: number; _addGlyph(gid: number): number };
const evenGlyphFontkit = (fk: typeof fontkit) => ({
  create(data: Uint8Array, postscriptName?: string) {
    const font = fk.create(data, postscriptName) as unknown as { createSubset(): Subset };
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      const addGlyph = subset._addGlyph.bind(subset);
      subset._addGlyph = (gid: number) => {
        const index = addGlyph(gid);
        const data = subset.glyf[subset.glyf.length - 1]!;
        if (data.length % 2 === 1) {
          // fontkit's own Buffer type (its bundled polyfill): a Node.js Buffer is refused by its streams.
          const padded = new (data.constructor as new (n: number) => Uint8Array)(data.length + 1);
          padded.set(data, 0);
          padded[data.length] = 0;
          subset.glyf[subset.glyf.length - 1] = padded;
          subset.offset += 1;
        }
        return index;
      };
      return subset;
    };
    return font;
  },
}) as unknown as typeof fontkit;

export interface ReportFonts {
  latin: PDFFont; latinBold: PDFFont; arabic: PDFFont; arabicBold: PDFFont;
  /** pdf-lib's colour, loaded with the fonts (pdf-lib and fontkit load when a first PDF is written, not at start). */
  rgb: typeof rgb;
}

export async function embedReportFonts(doc: PDFDocument): Promise<ReportFonts> {
  const [{ default: fk }, { rgb }] = await Promise.all([import('@pdf-lib/fontkit'), import('pdf-lib')]);
  doc.registerFontkit(evenGlyphFontkit(fk));
  const f = fontFiles();
  const [latin, latinBold, arabic, arabicBold] = await Promise.all([
    doc.embedFont(f.latin, { subset: true }), doc.embedFont(f.latinBold, { subset: true }),
    doc.embedFont(f.arabic, { subset: true }), doc.embedFont(f.arabicBold, { subset: true }),
  ]);
  return { latin, latinBold, arabic, arabicBold, rgb };
}

// bidi-js is CommonJS: its default export is the factory, typed as an ES default.
const bidiFactory = ((bidiJs as unknown as { default?: () => Bidi }).default ?? (bidiJs as unknown as () => Bidi));
const bidi = bidiFactory();
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const STRONG = /[\p{L}\p{N}]/u;

interface Run { text: string; level: number; arabic: boolean }

/** The runs of one line in visual order (left to right on the page). */
export function visualRuns(text: string, rtl: boolean, arabicFontHas: (ch: string) => boolean = () => true): Run[] {
  if (!text) return [];
  const { levels } = bidi.getEmbeddingLevels(text, rtl ? 'rtl' : 'ltr');
  const chars = Array.from(text);
  const runs: Run[] = [];
  let offset = 0;
  for (const ch of chars) {
    const level = levels[offset]!;
    offset += ch.length;
    const isArabic = ARABIC.test(ch);
    const last = runs.at(-1);
    // A neutral (space, punctuation) stays with the run before it, in its font.
    // (unless the Arabic font has no glyph for it: dashes, brackets come from Noto Sans).
    const script = isArabic ? true : STRONG.test(ch) ? false : (last?.arabic ?? rtl) && arabicFontHas(ch);
    if (last && last.level === level && last.arabic === script) last.text += ch;
    else runs.push({ text: ch, level, arabic: script });
  }
  // Unicode bidi rule L2: from the highest level down to the lowest odd one, reverse every
  // sequence of runs at that level or higher.
  const max = Math.max(...runs.map((r) => r.level));
  const minOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), max + 1);
  for (let lv = max; lv >= minOdd; lv--) {
    for (let i = 0; i < runs.length;) {
      if (runs[i]!.level < lv) { i++; continue; }
      let j = i;
      while (j < runs.length && runs[j]!.level >= lv) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  return runs.map((r) => {
    if (r.level % 2 === 0 || r.arabic) return r;
    // A right-to-left run without Arabic letters (neutrals): fontkit would not reverse it.
    return { ...r, text: Array.from(r.text).reverse().map((c) => bidi.getMirroredCharacter(c) ?? c).join('') };
  });
}

export class ReportText {
  private readonly arabicHas: (ch: string) => boolean;

  constructor(private readonly fonts: ReportFonts, readonly rtl: boolean) {
    // The fontkit font behind pdf-lib's embedded font (not in pdf-lib's public types).
    const fk = (fonts.arabic as unknown as { embedder: { font: { hasGlyphForCodePoint(cp: number): boolean } } }).embedder.font;
    this.arabicHas = (ch) => fk.hasGlyphForCodePoint(ch.codePointAt(0)!);
  }

  private fontOf(run: Run, bold: boolean) {
    if (run.arabic) return bold ? this.fonts.arabicBold : this.fonts.arabic;
    return bold ? this.fonts.latinBold : this.fonts.latin;
  }

  width(text: string, size: number, bold = false) {
    return visualRuns(text, this.rtl, this.arabicHas).reduce((w, r) => w + this.fontOf(r, bold).widthOfTextAtSize(r.text, size), 0);
  }

  /** Cuts a text into lines no wider than `width`, at spaces. */
  wrap(text: string, size: number, width: number, bold = false): string[] {
    const out: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (line && this.width(next, size, bold) > width) {
        out.push(line);
        line = word;
      } else line = next;
    }
    if (line) out.push(line);
    return out;
  }

  /**
   * Draws one line. `x` is the start of the line in its reading direction: its left edge in a
   * left-to-right report, its right edge in an Arabic one, unless `align` says otherwise.
   */
  draw(page: PDFPage, text: string, o: { x: number; y: number; size: number; bold?: boolean; align?: 'start' | 'end' | 'center'; color?: [number, number, number] }) {
    const runs = visualRuns(text, this.rtl, this.arabicHas);
    const total = runs.reduce((w, r) => w + this.fontOf(r, !!o.bold).widthOfTextAtSize(r.text, o.size), 0);
    const align = o.align ?? 'start';
    const rightEdge = align === 'center' ? false : (align === 'start') === this.rtl;
    let x = align === 'center' ? o.x - total / 2 : rightEdge ? o.x - total : o.x;
    const color = o.color ? this.fonts.rgb(...o.color) : this.fonts.rgb(0.1, 0.1, 0.1);
    for (const r of runs) {
      const font = this.fontOf(r, !!o.bold);
      page.drawText(r.text, { x, y: o.y, size: o.size, font, color });
      x += font.widthOfTextAtSize(r.text, o.size);
    }
    return total;
  }
}
