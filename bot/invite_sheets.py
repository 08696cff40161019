"""Invitation sheets: one printed page per unit, with its invite link and a QR code of it.

The office prints these and sends each unit its page with an official letter, so a
head who has never used the bot can join from the paper alone: the page says who
issues it (the Department, from the settings: :class:`bot.identity.PlanIdentity`),
which unit and role it is for, the link and a QR code a phone's camera reads, how to
start, and until when the code works. The code is single-use, so the page is as good
as a key to the unit's place in the bot, and says so.

Imported only by `cchc-bot invite --all --output FILE.docx` (python-docx and segno are
not loaded for any other command).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import segno
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from bot.identity import PlanIdentity
from bot.texts import invites as texts

FONT = "Times New Roman"
BODY_SIZE = Pt(13)
QR_WIDTH = Cm(5.5)


@dataclass(frozen=True, slots=True)
class InviteSheet:
    """One unit's page: what it is for and how to use it, already worded for print."""

    unit_code: str
    unit_name: str
    role: str  # "Thủ trưởng đơn vị"
    code: str
    link: str
    expires: str  # "17:30 ngày 05/03/2025", in the office's time zone


def qr_png(link: str) -> bytes:
    """The link as a QR code picture; error correction M survives a smudged print."""
    out = io.BytesIO()
    segno.make_qr(link, error="m").save(out, kind="png", scale=10, border=4)
    return out.getvalue()


def render_invite_sheets(
    sheets: Sequence[InviteSheet], *, identity: PlanIdentity, bot_username: str
) -> bytes:
    """Every sheet on its own A4 page, as a Word document (bytes)."""
    doc = Document()
    _page_and_font(doc)
    doc.core_properties.title = texts.DOCUMENT_TITLE
    doc.core_properties.author = identity.department
    doc.core_properties.language = texts.DOCUMENT_LANGUAGE
    for number, sheet in enumerate(sheets):
        _sheet(doc, sheet, identity, bot_username, first=number == 0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _sheet(
    doc: DocumentObject,
    sheet: InviteSheet,
    identity: PlanIdentity,
    bot_username: str,
    *,
    first: bool,
) -> None:
    committee = identity.people_committee
    top = _line(doc, committee or identity.department.upper(), bold=committee is None)
    top.paragraph_format.page_break_before = not first
    if committee is not None:
        _line(doc, identity.department.upper(), bold=True)
    _line(doc, "")
    _line(doc, texts.SHEET_TITLE, bold=True, size=Pt(15))
    _line(doc, texts.SHEET_SUBTITLE, italic=True)
    _line(doc, "")
    _field(
        doc,
        texts.FIELD_UNIT,
        texts.FIELD_UNIT_VALUE.format(name=sheet.unit_name, code=sheet.unit_code),
    )
    _field(doc, texts.FIELD_ROLE, sheet.role)
    _field(doc, texts.FIELD_EXPIRES, sheet.expires)

    picture = doc.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.add_run().add_picture(io.BytesIO(qr_png(sheet.link)), width=QR_WIDTH)
    _line(doc, sheet.link, size=Pt(11))

    _left(doc, texts.HOW_TO_START, bold=True)
    for step in texts.STEPS:
        _left(doc, step.format(bot=bot_username))
    _left(doc, texts.IF_LINK_FAILS.format(bot=bot_username, code=sheet.code), italic=True)
    _left(doc, texts.NOTE.format(expires=sheet.expires, department=identity.department))


def _page_and_font(doc: DocumentObject) -> None:
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = BODY_SIZE
    # The template's theme fonts would win over the named font in Word.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:eastAsia"), FONT)
    fonts.set(qn("w:cs"), FONT)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.space_after = Pt(6)


def _line(
    doc: DocumentObject,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: Pt | None = None,
) -> Paragraph:
    paragraph = _left(doc, text, bold=bold, italic=italic, size=size)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def _left(
    doc: DocumentObject,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: Pt | None = None,
) -> Paragraph:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    if size is not None:
        run.font.size = size
    return paragraph


def _field(doc: DocumentObject, name: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(name)
    paragraph.add_run(value).bold = True
