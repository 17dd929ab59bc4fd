/** The report's CSS: A4 pages when printed, CJK fonts installed by Debian packages first. */
export const REPORT_CSS = `
@page{size:A4;margin:16mm 14mm 18mm}
*{box-sizing:border-box}
body{margin:0 auto;max-width:190mm;font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",sans-serif;font-size:10.5pt;color:#111;line-height:1.45;padding:8mm 0}
h1{font-size:18pt;margin:0 0 2mm}h2{font-size:13.5pt;margin:7mm 0 2mm;border-bottom:1.5px solid #333;padding-bottom:1mm}
h3{font-size:12pt;margin:6mm 0 2mm}h4{font-size:10.5pt;margin:4mm 0 1mm}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:1mm 5mm;margin:2mm 0}dl.meta dt{color:#555}dl.meta dd{margin:0}
code,.mono{font-family:"DejaVu Sans Mono",monospace;font-size:9pt;word-break:break-all}
table{width:100%;border-collapse:collapse;margin:2mm 0;font-size:9.5pt}
th,td{border:0.5pt solid #999;padding:1mm 2mm;text-align:left;vertical-align:top}
th{background:#eceff1;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
thead{display:table-header-group}tr{break-inside:avoid}
.ok{color:#1b5e20;font-weight:600}.bad{color:#b71c1c;font-weight:600}.muted{color:#666}
.conclusion{font-size:11.5pt;padding:2mm 3mm;border-left:3pt solid #333;background:#f5f5f5}
svg.chart{display:block;max-width:100%;height:auto;margin:2mm 0;font-size:9px;font-family:inherit}
section.service{break-before:auto}section.service h3{break-after:avoid}
.signoff{display:grid;grid-template-columns:1fr 1fr;gap:8mm;margin-top:8mm;break-inside:avoid}
.signoff div{border:0.5pt solid #666;padding:3mm;min-height:42mm}.signoff p{margin:5mm 0}
.signoff .line{display:inline-block;min-width:40mm;border-bottom:0.5pt solid #333}
@media print{body{padding:0;max-width:none}a{color:inherit;text-decoration:none}}
`;
