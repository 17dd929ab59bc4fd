/// <reference types="pdfkit" />

/** One column of a PDF table: its share of the line width and its alignment. */
export interface PdfColumn {
  header: string;
  /** Relative width; the columns share the width between the page margins. */
  weight: number;
  align?: 'left' | 'right';
}

const PAD = 3;

/** Room left on the current page, in points. */
export const roomLeft = (doc: PDFKit.PDFDocument): number => doc.page.height - doc.page.margins.bottom - doc.y;

/** Starts a new page unless `points` still fit on this one. */
export function ensureRoom(doc: PDFKit.PDFDocument, points: number): void {
  if (roomLeft(doc) < points) doc.addPage();
}

/**
 * Draws a bordered table at the current position. A row never splits: when it does not fit, the
 * table continues on a new page under a repeated header row.
 */
export function drawTable(doc: PDFKit.PDFDocument, columns: readonly PdfColumn[], rows: readonly (readonly string[])[], fontSize = 8.5): void {
  const left = doc.page.margins.left;
  const total = doc.page.width - left - doc.page.margins.right;
  const sum = columns.reduce((a, c) => a + c.weight, 0);
  const widths = columns.map((c) => (c.weight / sum) * total);
  doc.fontSize(fontSize);
  const heightOf = (cells: readonly string[]) =>
    Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  const drawRow = (cells: readonly string[], header: boolean) => {
    const h = heightOf(cells);
    const y = doc.y;
    let x = left;
    if (header) doc.save().rect(left, y, total, h).fill('#eceff1').restore();
    cells.forEach((text, i) => {
      const w = widths[i]!;
      doc.save().lineWidth(0.5).strokeColor('#999999').rect(x, y, w, h).stroke().restore();
      doc.fillColor('#111111').text(text, x + PAD, y + PAD, { width: w - 2 * PAD, align: header ? 'left' : (columns[i]!.align ?? 'left'), lineBreak: true });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  const headers = columns.map((c) => c.header);
  const headerHeight = heightOf(headers);
  if (roomLeft(doc) < headerHeight + (rows[0] ? heightOf(rows[0]) : 0)) doc.addPage();
  drawRow(headers, true);
  for (const row of rows) {
    if (roomLeft(doc) < heightOf(row)) {
      doc.addPage();
      doc.fontSize(fontSize);
      drawRow(headers, true);
    }
    drawRow(row, false);
  }
  doc.moveDown(0.5);
}
