import fs from "node:fs";
import { createRequire } from "node:module";
import { Font } from "@react-pdf/renderer";

// Fonts for PDFs, registered once per thread (each render worker registers its own copy);
// react-pdf embeds only the glyphs used. The TTF files ship in npm packages (@expo-google-fonts,
// SIL Open Font License 1.1), so nothing is fetched at run time. Relative imports only in this
// file: the render worker loads it through tsx outside Vite.
//
// Source Sans 3 covers Latin, Greek and Cyrillic. Names in other scripts people in Norfolk write
// (issue 12, item 7: "محمد" printed as "/E-E" in Helvetica, an emoji as overlapping junk) take
// the Noto family for their script as a fallback: Arabic (shaped, right to left), Devanagari,
// Bengali, Gujarati, Gurmukhi, Tamil, and Noto Emoji (monochrome) for emoji. Chinese, Japanese
// and Korean come from one system font when it is installed (decision 107): a CJK font is 10 MB
// or more, too heavy for every install, and WenQuanYi Micro Hei (Debian's fonts-wqy-microhei,
// 5 MB) covers all three. The font engine's faults these scripts met are patched in
// patches/ (decision 107).
export const PDF_FONT = "Source Sans 3";

const FALLBACKS: { family: string; pkg: string; file: string }[] = [
  { family: "Noto Sans Arabic", pkg: "noto-sans-arabic", file: "NotoSansArabic" },
  { family: "Noto Sans Devanagari", pkg: "noto-sans-devanagari", file: "NotoSansDevanagari" },
  { family: "Noto Sans Bengali", pkg: "noto-sans-bengali", file: "NotoSansBengali" },
  { family: "Noto Sans Gujarati", pkg: "noto-sans-gujarati", file: "NotoSansGujarati" },
  { family: "Noto Sans Tamil", pkg: "noto-sans-tamil", file: "NotoSansTamil" },
  { family: "Noto Sans Gurmukhi", pkg: "noto-sans-gurmukhi", file: "NotoSansGurmukhi" },
  { family: "Noto Emoji", pkg: "noto-emoji", file: "NotoEmoji" },
];

/** Chinese, Japanese and Korean: a system font, used when the file is there (PDF_CJK_FONT names another). */
const CJK = {
  family: "WenQuanYi Micro Hei",
  file: process.env.PDF_CJK_FONT || "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  postscriptName: process.env.PDF_CJK_FONT ? undefined : "WenQuanYiMicroHei",
};
const hasCjk = fs.existsSync(CJK.file);

/** The font families to give a Text, in order: react-pdf takes each character from the first that has it. */
export const PDF_FONTS: string[] = [
  PDF_FONT,
  ...FALLBACKS.map((f) => f.family),
  ...(hasCjk ? [CJK.family] : []),
];

/** Whether names in Chinese, Japanese and Korean can be printed (the system font is installed). */
export const pdfHasCjkFont = hasCjk;

let registered = false;

export function registerPdfFonts() {
  if (registered) return;
  const require = createRequire(import.meta.url);
  const file = (weight: string) =>
    require.resolve(`@expo-google-fonts/source-sans-3/${weight}/SourceSans3_${weight}.ttf`);
  Font.register({
    family: PDF_FONT,
    fonts: [
      { src: file("400Regular"), fontWeight: 400 },
      { src: file("400Regular_Italic"), fontWeight: 400, fontStyle: "italic" },
      { src: file("600SemiBold"), fontWeight: 600 },
    ],
  });
  for (const f of FALLBACKS) {
    const src = (weight: string) =>
      require.resolve(`@expo-google-fonts/${f.pkg}/${weight}/${f.file}_${weight}.ttf`);
    // These scripts have no italic; the upright face stands in, so an italic line still prints.
    Font.register({
      family: f.family,
      fonts: [
        { src: src("400Regular"), fontWeight: 400 },
        { src: src("400Regular"), fontWeight: 400, fontStyle: "italic" },
        { src: src("600SemiBold"), fontWeight: 600 },
      ],
    });
  }
  if (hasCjk) {
    // One face only: the certificate's semibold name is drawn from the regular one.
    const face = {
      src: CJK.file,
      ...(CJK.postscriptName ? { postscriptName: CJK.postscriptName } : {}),
    };
    Font.register({
      family: CJK.family,
      fonts: [
        { ...face, fontWeight: 400 },
        { ...face, fontWeight: 400, fontStyle: "italic" },
        { ...face, fontWeight: 600 },
      ],
    });
  }
  // Words are never split with hyphens on a certificate (a holder's name least of all): a long
  // name is made smaller to fit instead (fitToWidth in certificates/document.server.tsx).
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

/**
 * A generous estimate of a text's width in ems, per character: never less than the glyphs need,
 * so text sized by it never runs past its box. Source Sans 3 is narrow (about 0.5 em a letter),
 * other scripts and emoji wider.
 */
export function estimatedEms(text: string): number {
  let ems = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x0300 && cp <= 0x036f)) continue; // joiners, variation selectors, combining marks
    if (ch === " ") ems += 0.25;
    else if (/[MWmw@%]/.test(ch)) ems += 0.9;
    else if (cp < 0x0250 || (cp >= 0x0370 && cp < 0x0530))
      ems += 0.62; // Latin, Greek, Cyrillic
    else if (
      (cp >= 0x2e80 && cp < 0xa000) ||
      (cp >= 0xac00 && cp < 0xd7b0) ||
      (cp >= 0xf900 && cp < 0xfb00) ||
      cp >= 0x20000
    )
      ems += 1.05; // CJK, kana, Hangul
    else if (cp >= 0x1f000 || (cp >= 0x2600 && cp < 0x2800))
      ems += 1.25; // emoji and symbols
    else ems += 0.85;
  }
  return ems;
}
