import { inflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedReportFonts, ReportText, visualRuns } from './report-text.js';

describe('bidirectional runs of a report line', () => {
  it('orders an Arabic line with Latin digits and a Latin name visually, each run in its script', () => {
    const runs = visualRuns('عدد العائدين 2024 في Homeward', true);
    // Left to right on the page: the Latin name, then "in", the year, then the first words.
    expect(runs.map((r) => r.text.trim()).filter(Boolean)).toEqual(['Homeward', 'في', '2024', 'عدد العائدين']);
    expect(runs.find((r) => r.text.includes('2024'))!.level % 2).toBe(0);
    expect(runs.filter((r) => r.arabic).every((r) => /[\u0600-\u06FF]/.test(r.text))).toBe(true);
  });

  it('keeps a left-to-right line as it is', () => {
    expect(visualRuns('Returns per year, 2016–2026', false).map((r) => r.text).join('')).toBe('Returns per year, 2016–2026');
  });
});

describe('embedded font subsets', () => {
  it('keep the outline of every glyph drawn (Latin, Cyrillic, Arabic)', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const text = new ReportText(await embedReportFonts(doc), false);
    text.draw(page, 'Netherlands Привет Ünal 2016–2026 العراق', { x: 10, y: 700, size: 12 });
    const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
    const raw = pdf.toString('latin1');
    const fonts = [...raw.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => {
      const obj = new RegExp(`\\b${m[1]} 0 obj[\\s\\S]*?/Length (\\d+)[\\s\\S]*?stream\\r?\\n`).exec(raw)!;
      return inflateSync(pdf.subarray(obj.index + obj[0].length, obj.index + obj[0].length + Number(obj[1])));
    });
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const data of fonts) {
      const font = fontkit.create(data);
      // Every outline decodes (a broken subset throws here); only the space is empty.
      const empty = Array.from({ length: font.numGlyphs - 1 }, (_, i) => (font.getGlyph(i + 1).path as unknown as { commands: unknown[] }).commands.length).filter((n) => n === 0);
      expect(empty.length).toBeLessThanOrEqual(1);
    }
  });
});
