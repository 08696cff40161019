"""A draft of the Department's quarterly CCHC report, as a Word document to edit and sign.

Laid out as Vietnamese administrative documents are (Decree 30/2020/NĐ-CP): the
issuing body and the national motto side by side, a number and a date left for the
office to fill in, the title, the body in numbered parts, then the recipients and the
signature. The body is built from the units' reports: who reported, the totals and
rates across units, and the units' own highlights, shortcomings and requests grouped
by block. The issuing body, the place and the plan come from the settings
(:class:`bot.identity.PlanIdentity`); without a province the "UBND TỈNH" line and the
place are left out (the export says so) rather than dotted. What the office must write
itself (the next quarter's tasks, the signer) is marked with "…" placeholders.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from bot.formatting import format_date, quarter_roman
from bot.forms.schema import FieldSpec
from bot.identity import PlanIdentity
from bot.numbers import format_number
from bot.services.export_data import (
    ExportBlock,
    PeriodExport,
    RateSpec,
    clean_text,
    number,
    percent,
    sum_fields,
)
from bot.texts import exports as T

FONT = "Times New Roman"
BODY_SIZE = Pt(13)
PLACEHOLDER = "…"

# The narrative fields gathered into the report, by form key, with their part titles.
NARRATIVE: tuple[tuple[str, str, str], ...] = T.DOCX_NARRATIVE
REQUESTS = T.DOCX_REQUESTS
RESULT_WIDTHS = [10.5, 5.5]
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def render_docx(data: PeriodExport) -> bytes:
    """The draft report as bytes (CPU-bound: call it in a worker thread)."""
    who = data.identity
    doc = Document()
    _page_and_styles(doc)
    quarter = quarter_roman(data.period.quarter)
    year = data.period.year
    title = T.DOCX_SUBTITLE.format(quarter=quarter, year=year)
    doc.core_properties.title = T.DOCX_DOC_TITLE.format(title=f"{title[0].lower()}{title[1:]}")
    doc.core_properties.author = who.department
    doc.core_properties.language = "vi-VN"

    _national_header(doc, year, who)
    heading = doc.add_paragraph(T.DOCX_HEADING, style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(title, style="Subtitle")
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _body(
        doc,
        T.DOCX_OPENING.format(
            plan=who.plan,
            department=who.department,
            quarter=quarter,
            year=year,
            data_from=format_date(data.period.data_from),
            data_to=format_date(data.period.data_to),
        ),
    )

    parts = iter(ROMAN)
    _reporting(doc, data, next(parts))
    _results(doc, data, next(parts))
    for key, part_title, lead in NARRATIVE:
        if key in data.form.index:
            _gathered(doc, data, key, f"{next(parts)}. {part_title}", lead)
    doc.add_heading(T.DOCX_NEXT_QUARTER.format(part=next(parts)), level=1)
    _body(doc, T.DOCX_NEXT_QUARTER_DRAFT.format(placeholder=PLACEHOLDER))
    if REQUESTS[0] in data.form.index:
        key, part_title, lead = REQUESTS
        _gathered(doc, data, key, f"{next(parts)}. {part_title}", lead)
    _body(
        doc,
        T.DOCX_CLOSING.format(quarter=quarter, year=year, department=who.department),
    )
    _signature(doc)
    if data.scored:
        _ranking_annex(doc, data)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# -- layout ----------------------------------------------------------------------------


def _page_and_styles(doc: DocumentObject) -> None:
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    styles = doc.styles
    for name, size, bold, italic in (
        ("Normal", BODY_SIZE, False, False),
        ("Title", Pt(14), True, False),
        ("Subtitle", Pt(14), True, False),
        ("Heading 1", BODY_SIZE, True, False),
        ("Heading 2", BODY_SIZE, True, False),
        ("Heading 3", BODY_SIZE, True, True),
        ("List Bullet", BODY_SIZE, False, False),
    ):
        style = styles[name]
        font = style.font
        font.name = FONT
        font.size = size
        font.bold = bold
        font.italic = italic
        font.color.rgb = RGBColor(0, 0, 0)
        font.all_caps = False
        # The template's theme fonts would win over the named font in Word.
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        fonts.set(qn("w:eastAsia"), FONT)
        fonts.set(qn("w:cs"), FONT)
        fmt = style.paragraph_format
        fmt.space_before = Pt(6)
        fmt.space_after = Pt(6)
        if name in {"Title", "Subtitle"}:
            fmt.space_before = Pt(0)
            fmt.space_after = Pt(0)
            _drop_borders(style.element)
            for spacing in rpr.findall(qn("w:spacing")):  # the template spreads letters
                rpr.remove(spacing)
    styles["Normal"].paragraph_format.line_spacing = 1.15


def _drop_borders(element: object) -> None:
    ppr = getattr(element, "pPr", None)
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _national_header(doc: DocumentObject, year: int, who: PlanIdentity) -> None:
    """The issuing body and the national motto; the number and day are left blank for
    the office to fill in when the report is signed."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    committee = who.people_committee
    _cell_lines(
        left,
        [
            *([(committee, False, False)] if committee is not None else []),
            (who.department.upper(), True, False),
            ("", False, False),
            (T.DOCX_NUMBER, False, False),
        ],
    )
    dated = T.DOCX_DATED.format(year=year)
    _cell_lines(
        right,
        [
            (T.DOCX_NATION, True, False),
            (T.DOCX_MOTTO, True, False),
            ("", False, False),
            # Without a province the place is left for the office to write before it.
            (f"{who.place}, {dated}" if who.place else dated, False, True),
        ],
    )
    _set_widths(table, [6.5, 9.5])
    doc.add_paragraph()


def _set_widths(table: Table, widths_cm: list[float]) -> None:
    """Column widths that Word and LibreOffice both honour (grid and every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _cell_lines(cell: _Cell, lines: list[tuple[str, bool, bool]]) -> None:
    first = True
    for text, bold, italic in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(0)
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(12) if not italic else Pt(13)


def _body(doc: DocumentObject, text: str) -> Paragraph:
    paragraph = doc.add_paragraph(clean_text(text))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    return paragraph


def _table(
    doc: DocumentObject,
    header: list[str],
    rows: list[list[str]],
    widths_cm: list[float],
    *,
    left: int = 0,
) -> Table:
    """A bordered table; the ``left`` column (names, labels) is left-aligned, the rest
    centred."""
    table: Table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for values in rows:
        cells = table.add_row().cells  # type: ignore[no-untyped-call]  # untyped in python-docx
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = clean_text(text)
            if i != left:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_widths(table, widths_cm)
    return table


def _fmt(value: Decimal | int | None, suffix: str = "") -> str:
    return "—" if value is None else format_number(value) + suffix


# -- I. who reported --------------------------------------------------------------------


def _reporting(doc: DocumentObject, data: PeriodExport, part: str) -> None:
    doc.add_heading(T.DOCX_REPORTING.format(part=part), level=1)
    total = len(data.rows)
    sent = len(data.submitted)
    share = percent(Decimal(sent), Decimal(total)) if total else None
    _body(
        doc,
        T.DOCX_REPORTING_SUMMARY.format(
            total=total, sent=sent, share=_fmt(share, "%"), missing=total - sent
        ),
    )
    rows = []
    for block in data.blocks:
        n, done = len(block.rows), len(block.submitted)
        rate = percent(Decimal(done), Decimal(n)) if n else None
        rows.append([block.block.name, str(n), str(done), _fmt(rate, "%")])
    rows.append([T.TOTAL, str(total), str(sent), _fmt(share, "%")])
    table = _table(doc, T.DOCX_REPORTING_HEADER, rows, [7, 3, 3, 3])
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    missing = [b for b in data.blocks if len(b.submitted) < len(b.rows)]
    if missing:
        _body(doc, T.DOCX_MISSING)
        for block in missing:
            names = ", ".join(r.unit.name for r in block.rows if r.report is None)
            bullet = doc.add_paragraph(style="List Bullet")
            bullet.add_run(f"{block.block.name}: ").bold = True
            bullet.add_run(clean_text(names) + ".")


# -- II. totals and rates -----------------------------------------------------------------


def _results(doc: DocumentObject, data: PeriodExport, part: str) -> None:
    doc.add_heading(T.DOCX_RESULTS.format(part=part), level=1)
    reports = [r.answers for r in data.submitted]
    _body(
        doc,
        T.DOCX_RESULTS_LEAD.format(count=len(reports)),
    )
    rate_home = {rate.numerator[0]: rate for rate in data.rates}
    placed: set[str] = set()
    for section in data.form.sections:
        lines: list[list[str]] = []
        for spec in section.fields:
            line = _aggregate(spec, reports)
            if line is not None:
                lines.append([spec.label, line])
            rate = rate_home.get(spec.key)
            if rate is not None:
                lines.append([rate.label.removesuffix(" (%)"), _total_rate(rate, reports)])
                placed.add(rate.key)
        if lines:
            doc.add_heading(section.title, level=2)
            _table(doc, T.DOCX_RESULTS_HEADER, lines, RESULT_WIDTHS)
    leftover = [r for r in data.rates if r.key not in placed]
    if leftover:
        doc.add_heading(T.DOCX_COMMON_RATES, level=2)
        _table(
            doc,
            T.DOCX_RESULTS_HEADER,
            [[r.label.removesuffix(" (%)"), _total_rate(r, reports)] for r in leftover],
            RESULT_WIDTHS,
        )


def _aggregate(spec: FieldSpec, reports: list[Mapping[str, object]]) -> str | None:
    """One line for a field across the reports; None for text and files."""
    values = [reports_value for a in reports if (reports_value := a.get(spec.key)) is not None]
    if spec.type == "integer":
        numbers = [n for v in values if isinstance(n := number(spec, v), int)]
        return T.DOCX_SUM.format(total=format_number(sum(numbers)))
    if spec.type in {"decimal", "percent"}:
        decimals = [Decimal(str(v)) for v in values]
        if not decimals:
            return T.DOCX_NOBODY
        mean = (sum(decimals, Decimal(0)) / len(decimals)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        unit = "%" if spec.type == "percent" else ""
        return T.DOCX_MEAN.format(mean=format_number(mean), unit=unit, count=len(decimals))
    if spec.type == "yesno":
        yes = sum(1 for v in values if v is True)
        return T.DOCX_YES_COUNT.format(yes=yes, total=len(reports))
    if spec.type == "choice":
        counts = Counter(str(v) for v in values)
        parts = [f"{c.label}: {counts[c.key]}" for c in spec.choices if counts[c.key]]
        return "; ".join(parts) + T.DOCX_CHOICE_UNIT if parts else T.DOCX_NOBODY
    return None


def _total_rate(rate: RateSpec, reports: list[Mapping[str, object]]) -> str:
    num = den = Decimal(0)
    for answers in reports:
        # Only units that gave both numbers count, as in their own rate.
        own_num = sum_fields(answers, rate.numerator)
        own_den = sum_fields(answers, rate.denominator)
        if own_num is None or own_den is None:
            continue
        num += own_num
        den += own_den
    share = percent(num, den)
    if share is None:
        return T.DOCX_NO_RATE
    return f"{format_number(share)}% ({format_number(num)}/{format_number(den)})"


# -- III… narrative gathered by block ----------------------------------------------------


def _gathered(doc: DocumentObject, data: PeriodExport, key: str, title: str, lead: str) -> None:
    doc.add_heading(title, level=1)
    found = [(b, _texts(b, key)) for b in data.blocks]
    found = [(b, t) for b, t in found if t]
    if not found:
        _body(doc, T.DOCX_NOT_MENTIONED)
        return
    _body(doc, lead)
    for block, items in found:
        doc.add_heading(block.block.name, level=2)
        for unit_name, text in items:
            bullet = doc.add_paragraph(style="List Bullet")
            bullet.add_run(f"{unit_name}: ").bold = True
            lines = clean_text(text).split("\n")
            for i, line in enumerate(lines):
                if i:
                    bullet.add_run().add_break(WD_BREAK.LINE)
                bullet.add_run(line)


def _texts(block: ExportBlock, key: str) -> list[tuple[str, str]]:
    out = []
    for row in sorted(block.submitted, key=lambda r: r.unit.code):
        value = row.answers.get(key)
        if isinstance(value, str) and value.strip():
            out.append((row.unit.name, value.strip()))
    return out


# -- signature and annex -------------------------------------------------------------------


def _signature(doc: DocumentObject) -> None:
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    recipients = [
        (T.DOCX_RECIPIENTS_TITLE, True, True),
        *((line, False, False) for line in T.DOCX_RECIPIENTS),
    ]
    first = True
    for text, bold, italic in recipients:
        paragraph = left.paragraphs[0] if first else left.add_paragraph()
        first = False
        paragraph.paragraph_format.space_before = Pt(0)
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(12) if bold else Pt(11)
    _cell_lines(
        right,
        [
            (T.DOCX_SIGNER, True, False),
            (T.DOCX_SIGN_HINT, False, True),
            ("", False, False),
            ("", False, False),
            ("", False, False),
            (PLACEHOLDER, True, False),
        ],
    )
    _set_widths(table, [8, 8])


def _ranking_annex(doc: DocumentObject, data: PeriodExport) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    # Which result the annex is, and whether it is published (with its document).
    doc.add_heading(T.DOCX_ANNEX.format(result=data.result, status=data.status), level=1)
    for block in data.blocks:
        doc.add_heading(block.block.name, level=2)
        rows = [
            [
                str(n),
                row.unit.name,
                _fmt(row.index),
                row.band or "",
                str(row.rank) if row.rank is not None else T.DOCX_NOT_SUBMITTED,
            ]
            for n, row in enumerate(block.rows, start=1)
        ]
        _table(
            doc,
            T.DOCX_ANNEX_HEADER,
            rows,
            [1.3, 6.6, 2.5, 2.8, 2.8],
            left=1,
        )
