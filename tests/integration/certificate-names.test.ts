import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CertificatePdfData } from "~/certificates/document.server";

// Issue 12, item 7: certificate PDFs printed some names wrongly — "محمد" as "/E-E" (Helvetica
// stood in), a name with an emoji as overlapping junk, an 81-character name without spaces off the
// page. Each name is rendered by the real certificate renderer and read back with pdftotext
// (poppler); every word's box must lie inside the certificate's inner border.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-names-"));
const W = 841.89;
const H = 595.28;
/** The gold line inside the navy border. */
const INNER = 26;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function data(holderName: string): CertificatePdfData {
  return {
    serial: "LTN-2026-000123",
    code: "7K3M-9QXD-2F8R-HW4T",
    verifyUrl: "https://lantern.example.org/verify/7K3M9QXD2F8RHW4T",
    holderName,
    kind: "session",
    achievementTitle: "Spotting the signs: twilight CPD for school staff",
    achievementDetail: null,
    description: null,
    dateText: "5 March 2026",
    issuerName: "St Giles Trust",
    programmeName: "SOS+",
    issuedAt: new Date().toISOString(),
  };
}

async function render(name: string) {
  const { renderCertificatePdf } = await import("~/certificates/document.server");
  const file = path.join(dir, `c-${Math.random().toString(36).slice(2)}.pdf`);
  fs.writeFileSync(file, await renderCertificatePdf(data(name)));
  return file;
}

/** Text as pdftotext reads it, without the bidi marks it adds around right-to-left runs. */
function textOf(file: string) {
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(
    /[\u202a-\u202e\u200e\u200f]/g,
    "",
  );
}

function wordBoxes(file: string) {
  const html = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({
    xMin: Number(m[1]),
    yMin: Number(m[2]),
    xMax: Number(m[3]),
    yMax: Number(m[4]),
    word: m[5],
  }));
}

function fonts(file: string) {
  return execFileSync("pdffonts", [file], { encoding: "utf8" });
}

/** The page drawn by pdftoppm at 1 pixel a point. */
function pixels(file: string) {
  const out = file.replace(/\.pdf$/, "");
  execFileSync("pdftoppm", ["-r", "72", "-png", "-singlefile", file, out]);
  return PNG.sync.read(fs.readFileSync(`${out}.png`));
}

/**
 * The box, in points, of every pixel where the drawn page differs from the same certificate with
 * another name: the ink the name put on the page, wherever it landed.
 */
function inkBox(file: string, baseline: PNG) {
  const page = pixels(file);
  expect([page.width, page.height]).toEqual([baseline.width, baseline.height]);
  const box = { xMin: Infinity, yMin: Infinity, xMax: -Infinity, yMax: -Infinity };
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      const i = (y * page.width + x) * 4;
      const diff =
        Math.abs(page.data[i] - baseline.data[i]) +
        Math.abs(page.data[i + 1] - baseline.data[i + 1]) +
        Math.abs(page.data[i + 2] - baseline.data[i + 2]);
      if (diff > 48) {
        box.xMin = Math.min(box.xMin, x);
        box.xMax = Math.max(box.xMax, x + 1);
        box.yMin = Math.min(box.yMin, y);
        box.yMax = Math.max(box.yMax, y + 1);
      }
    }
  }
  return box;
}

const LONG = "Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferswessenschafe"; // 81 letters, no space

describe("names on certificates", () => {
  expect(LONG).toHaveLength(81);
  const names = [
    "محمد",
    "Zoë Ğüneş-Øyelaran",
    "Αλέξανδρος Παπαδόπουλος",
    "Дмитрий Иванович",
    "Amy 🌟 Lee",
    "Siobhán Ó Conchobhair",
    LONG,
    `Mary ${LONG.slice(0, 40)} ${LONG.slice(40)} Smith`,
    // Arabic letters drawn as a dotless base and a dot: the first lost its base ("اطمة"), and
    // reh read back as zain ("الزهزاء"), before the font engine was patched (decision 107).
    "فاطمة",
    "فاطمة الزهراء",
    "هلیا نجاتی",
    // Gurmukhi crashed the font engine and printed as "A0*M0@$"; vowel signs drawn before
    // their consonant read back out of order in every Indic script.
    "ਗੁਰਪ੍ਰੀਤ ਕੌਰ",
    "ਹਰਿੰਦਰ ਸਿੰਘ",
    "प्रिया शर्मा",
    "সাকিব হাসান",
    "தமிழ்செல்வி",
    // Chinese, Japanese and Korean printed as empty boxes.
    "王小明",
    "佐藤花子",
    "김민준",
    "陈伟强欧阳娜娜司马相如诸葛孔明上官婉儿东方不败令狐冲任盈盈岳不群",
  ];
  let baseline: PNG;
  beforeAll(async () => {
    baseline = pixels(await render("I"));
  });

  for (const name of names) {
    it(`prints “${name.slice(0, 30)}” exactly, inside the border`, async () => {
      const file = await render(name);
      expect(textOf(file).replace(/\s+/g, " ")).toContain(name);
      expect(fonts(file)).not.toMatch(/Helvetica/);
      for (const b of wordBoxes(file)) {
        expect(b.xMin, b.word).toBeGreaterThan(INNER);
        expect(b.xMax, b.word).toBeLessThan(W - INNER);
        expect(b.yMin, b.word).toBeGreaterThan(INNER);
        expect(b.yMax, b.word).toBeLessThan(H - INNER);
      }
      // And on the drawn page: every pixel the name changed lies inside the inner border.
      const ink = inkBox(file, baseline);
      expect(ink.xMax, "the name left no ink").toBeGreaterThan(ink.xMin);
      expect(ink.xMin).toBeGreaterThan(INNER);
      expect(ink.xMax).toBeLessThan(W - INNER);
      expect(ink.yMin).toBeGreaterThan(INNER);
      expect(ink.yMax).toBeLessThan(H - INNER);
    });
  }

  it("embeds a font for South Asian scripts, CJK and emoji rather than falling back to Helvetica", async () => {
    const file = await render("प्रिया সাকিব ગીતા ਗੁਰਪ੍ਰੀਤ தமிழ் 王 🌟");
    const list = fonts(file);
    for (const f of [
      "NotoSansDevanagari",
      "NotoSansBengali",
      "NotoSansGujarati",
      "NotoSansGurmukhi",
      "NotoSansTamil",
      "WenQuanYiMicroHei",
      "NotoEmoji",
    ])
      expect(list).toContain(f);
    expect(list).not.toMatch(/Helvetica/);
  });
});
