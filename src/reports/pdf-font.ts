import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A font file pdfkit can embed; `face` (PostScript name) is required for a .ttc collection. */
export interface CjkFont {
  file: string;
  face?: string | undefined;
}

/** Fonts of Debian packages that cover Chinese, in order of preference (see COMPONENTS.md section 10). */
export const KNOWN_CJK_FONTS: readonly (CjkFont & { pkg: string })[] = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei', pkg: 'fonts-wqy-microhei' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei', pkg: 'fonts-wqy-zenhei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular', pkg: 'fonts-noto-cjk' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular', pkg: 'fonts-noto-cjk' },
];

/** No font that covers Chinese could be found or the configured one is missing. */
export class CjkFontError extends Error {
  readonly code = 'SLAGUARD_ERR_REPORT_FONT';
}

const INSTALL_HINT = 'install one of the Debian packages fonts-wqy-microhei, fonts-wqy-zenhei or fonts-noto-cjk (apt-get install fonts-wqy-microhei), or set reports.font_file (with reports.font_face for a .ttc collection)';

/**
 * The CJK font the PDF embeds: the configured one when given (it must exist), else the first of
 * `KNOWN_CJK_FONTS` present, else what fontconfig lists for `:lang=zh`. Throws `CjkFontError` naming
 * the packages to install when there is none.
 */
export function findCjkFont(configured?: { file?: string | undefined; face?: string | undefined }, known: readonly CjkFont[] = KNOWN_CJK_FONTS, useFontconfig = true): CjkFont {
  if (configured?.file !== undefined) {
    if (!existsSync(configured.file)) throw new CjkFontError(`reports.font_file ${configured.file} does not exist; ${INSTALL_HINT}`);
    if (/\.ttc$/i.test(configured.file) && configured.face === undefined) throw new CjkFontError(`reports.font_file ${configured.file} is a font collection (.ttc): set reports.font_face to one of its PostScript names (fc-scan -f '%{postscriptname}\\n' ${configured.file})`);
    return { file: configured.file, face: configured.face };
  }
  for (const f of known) if (existsSync(f.file)) return { file: f.file, face: f.face };
  if (useFontconfig) {
    const found = fromFontconfig();
    if (found !== undefined) return found;
  }
  throw new CjkFontError(`no font covering Chinese was found for the PDF report; ${INSTALL_HINT}`);
}

function fromFontconfig(): CjkFont | undefined {
  let out: string;
  try {
    out = execFileSync('fc-list', [':lang=zh', 'file', 'postscriptname'], { encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  for (const line of out.split('\n').sort()) {
    const m = /^(.+?\.(?:ttf|otf|ttc)):\s*(?::postscriptname=(\S+))?/i.exec(line.trim());
    if (m && existsSync(m[1]!)) return { file: m[1]!, face: /\.ttc$/i.test(m[1]!) ? m[2] : undefined };
  }
  return undefined;
}
