namespace OneBlueprint.Server.Reports;

/// <summary>
/// The report's stylesheet, inlined into every page (the page must load nothing). Print: A4 portrait, 15 mm side
/// margins, each section on its own page, table headers repeated on every page, rows never split, the map scaled to
/// the text width (its height follows, about 170 mm, so title, summary and map share page 1); page numbers in the
/// bottom margin box. Fonts: the Noto CJK families of Debian's fonts-noto-cjk, so Chinese never falls back to tofu.
/// </summary>
internal static class ReportStyles
{
    public const string FontStack = "\"Noto Sans CJK SC\", \"Noto Serif CJK SC\", sans-serif";

    public const string Css = """
        @page {
          size: A4 portrait;
          margin: 14mm 15mm 16mm 15mm;
          @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-family: "Noto Sans CJK SC", sans-serif; font-size: 8pt; color: #757575; }
          @bottom-left { content: "建设项目用地合规性审查报告"; font-family: "Noto Sans CJK SC", sans-serif; font-size: 8pt; color: #9e9e9e; }
        }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", sans-serif; font-size: 9.5pt; line-height: 1.45; color: #212121; margin: 0; background: #ffffff; }
        @media screen { body { max-width: 210mm; margin: 0 auto; padding: 12mm 15mm; box-shadow: 0 0 6px #bdbdbd; } }
        section.page + section.page { break-before: page; }
        @media screen { section.page + section.page { border-top: 1px dashed #bdbdbd; margin-top: 10mm; padding-top: 6mm; } }
        header.title { border-bottom: 1.5pt solid #1a237e; padding-bottom: 4pt; margin-bottom: 7pt; text-align: center; }
        h1 { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 20pt; font-weight: bold; letter-spacing: 0.1em; margin: 0; }
        .subtitle { font-size: 10.5pt; color: #424242; margin: 1pt 0 2pt; }
        .meta { font-size: 8.5pt; color: #616161; margin: 0; }
        h2 { font-size: 12pt; margin: 9pt 0 5pt; padding-left: 6pt; border-left: 4pt solid #1a237e; break-after: avoid; }
        h2 .en, h3 .en { font-weight: normal; }
        h3 { font-size: 9.5pt; margin: 0 0 3pt; color: #1a237e; }
        .en, small { font-size: 7.8pt; color: #616161; }
        .blocks { display: grid; grid-template-columns: 1.15fr 0.85fr 1.1fr; gap: 6pt; break-inside: avoid; }
        .block { border: 0.75pt solid #bdbdbd; border-radius: 3pt; padding: 4pt 6pt; }
        .verdict-block { text-align: center; }
        .verdict-block p { margin: 3pt 0 0; text-align: left; font-size: 8.5pt; }
        table { border-collapse: collapse; width: 100%; }
        table.kv th { text-align: left; font-weight: normal; color: #616161; white-space: nowrap; padding: 0.5pt 6pt 0.5pt 0; vertical-align: top; }
        table.kv td { padding: 0.5pt 0; word-break: break-word; }
        table.grid { font-size: 8.5pt; margin-bottom: 4pt; }
        table.grid th, table.grid td { border: 0.6pt solid #9e9e9e; padding: 2pt 3.5pt; vertical-align: top; }
        table.grid thead th { background: #e8eaf6; text-align: center; font-weight: bold; }
        table.grid tbody tr:nth-child(even) td { background: #fafafa; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; }
        table.features td:first-child { white-space: nowrap; }
        table.features th.note { min-width: 14mm; }
        table.layers td.code { font-size: 7pt; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.center { text-align: center; }
        td.code, span.code { font-family: "DejaVu Sans Mono", monospace; font-size: 7.8pt; }
        .attr { display: inline-block; margin-right: 6pt; white-space: nowrap; }
        .attr b { font-weight: normal; color: #616161; }
        .badge { display: inline-block; color: #ffffff; border-radius: 3pt; padding: 0 5pt; font-weight: bold; white-space: nowrap; }
        .badge.big { font-size: 19pt; padding: 1pt 16pt; margin: 2pt 0; letter-spacing: 0.1em; }
        figure.map { margin: 7pt 0 0; break-inside: avoid; }
        figure.map svg { display: block; width: 100%; height: auto; max-height: 190mm; }
        figcaption { text-align: center; font-size: 8.5pt; color: #424242; margin-top: 2pt; }
        .rule { border: 0.6pt solid #bdbdbd; border-radius: 3pt; padding: 3pt 6pt; margin-bottom: 4pt; break-inside: avoid; }
        .rule p { margin: 2pt 0 0; }
        ul.notes { margin: 0; padding-left: 16pt; }
        ul.notes li { margin-bottom: 2pt; word-break: break-word; }
        .signoff { margin-top: 6pt; break-inside: avoid; }
        .signoff .opinion { border: 0.75pt solid #616161; height: 38mm; padding: 3pt 6pt; }
        .signoff table td, .signoff table th { border: 0.75pt solid #616161; height: 16mm; padding: 3pt 6pt; vertical-align: top; }
        .signoff table th { width: 13%; text-align: left; font-weight: normal; background: #f5f5f5; }
        .signoff table td { width: 20%; }
        footer { margin-top: 8pt; font-size: 7.8pt; color: #757575; border-top: 0.6pt solid #bdbdbd; padding-top: 3pt; }
        """;
}
