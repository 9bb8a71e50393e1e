import { createRequire } from "node:module";
import { Font } from "@react-pdf/renderer";

// Source Sans 3 (SIL Open Font License 1.1) from the @expo-google-fonts/source-sans-3 package:
// the TTF files ship in node_modules, so nothing is fetched at run time. Registered once per
// thread (each render worker registers its own copy); react-pdf embeds only the glyphs used.
// Relative imports only in this file: the render worker loads it through tsx outside Vite.
export const PDF_FONT = "Source Sans 3";

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
  // Words are never split with hyphens on a certificate (a holder's name least of all).
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}
