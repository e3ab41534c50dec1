"""PDF documents of trainings, made by the portal in pure Python (fpdf2): the attendance
certificate (giấy chứng nhận tham gia) and the paper sign-in sheet of a session (danh sách ký
tên). The font, Be Vietnam Pro (SIL OFL, from the `fontpkg-be-vietnam-pro` package), is embedded
(subset) so every Vietnamese letter prints with its diacritics on any machine, with no system
fonts needed. Both builders take plain values (`CertificateFacts`, `SheetFacts`) so they do not
reach into the database and can be tested alone."""

import datetime
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import fontpkg_be_vietnam_pro
import segno
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

FONT_FAMILY = "BeVietnamPro"
FONT_FILES = {
    "": "BeVietnamPro-Regular.ttf",
    "B": "BeVietnamPro-Bold.ttf",
    "I": "BeVietnamPro-Italic.ttf",
    "BI": "BeVietnamPro-BoldItalic.ttf",
}
FONT_DIR = Path(fontpkg_be_vietnam_pro.ROOT) / "files"
# fontTools reports every glyph of the subset at INFO; the portal logs INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

INK = (33, 37, 41)
ACCENT = (25, 92, 60)  # the portal's green
MUTED = (108, 117, 125)


def date_text(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def hours_text(hours: float) -> str:
    """7.5 → "7,5"; 8.0 → "8" (Vietnamese decimal comma)."""
    rounded = round(float(hours), 1)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:.1f}".replace(".", ",")


class PortalPDF(FPDF):
    """An A4 document with the portal's embedded font and the document's metadata."""

    def __init__(self, *, orientation: str = "portrait", title: str = "", author: str = ""):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        for style, filename in FONT_FILES.items():
            self.add_font(FONT_FAMILY, style=style, fname=str(FONT_DIR / filename))
        self.set_font(FONT_FAMILY, size=11)
        self.set_text_color(*INK)
        self.set_title(title)
        self.set_author(author)
        self.set_creator(author)
        self.set_lang("vi")

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def qr_png(data: str, *, scale: int = 8) -> io.BytesIO:
    """A QR code (error correction M, quiet zone kept) as PNG, for fpdf2's image()."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    buffer.seek(0)
    return buffer


# --- The attendance certificate ---------------------------------------------------------------


@dataclass(frozen=True)
class CertificateFacts:
    """What a certificate states, and nothing more (no phone, no email)."""

    number: str
    full_name: str
    cooperative: str
    course_title: str
    course_kind: str
    first_day: datetime.date | None
    last_day: datetime.date | None
    hours: float
    sessions_attended: int
    sessions_total: int
    issued_on: datetime.date
    organisation: str
    signatory_name: str
    signatory_title: str
    place: str
    verify_url: str
    venue: str = ""


def _centered(pdf: FPDF, text: str, *, size: float, style: str = "", color=INK, gap: float = 0):
    pdf.set_font(FONT_FAMILY, style=style, size=size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.5, text, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if gap:
        pdf.ln(gap)


def _period_text(facts: CertificateFacts) -> str:
    if facts.first_day and facts.last_day and facts.first_day != facts.last_day:
        return _("from %(start)s to %(end)s") % {"start": date_text(facts.first_day), "end": date_text(facts.last_day)}
    return _("on %(day)s") % {"day": date_text(facts.first_day or facts.last_day)}


def certificate_pdf(facts: CertificateFacts) -> bytes:
    """The certificate as a one-page A4 landscape PDF, always in Vietnamese (the document the
    participant keeps), with a QR code that opens the public verification page."""
    with translation.override("vi"):
        pdf = PortalPDF(
            orientation="landscape",
            title=_("Certificate of attendance %(number)s") % {"number": facts.number},
            author=facts.organisation,
        )
        pdf.set_auto_page_break(False)
        pdf.set_margins(28, 20, 28)
        pdf.add_page()
        width, height = pdf.w, pdf.h
        # A double frame.
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, width - 20, height - 20)
        pdf.set_line_width(0.3)
        pdf.rect(13, 13, width - 26, height - 26)

        pdf.set_y(20)
        _centered(pdf, facts.organisation.upper(), size=13, style="B", color=ACCENT)
        _centered(pdf, _("No. %(number)s") % {"number": facts.number}, size=10, color=MUTED, gap=6)
        _centered(pdf, _("CERTIFICATE").upper(), size=30, style="B", color=ACCENT)
        _centered(pdf, _("of attendance").upper(), size=15, style="B", gap=6)
        _centered(pdf, _("This certifies that"), size=12, style="I", gap=2)
        _centered(pdf, facts.full_name, size=24, style="B", gap=1)
        if facts.cooperative:
            _centered(pdf, facts.cooperative, size=13, gap=4)
        _centered(
            pdf,
            _("took part in the %(kind)s") % {"kind": facts.course_kind.lower()},
            size=12,
            style="I",
            gap=1,
        )
        _centered(pdf, "“" + facts.course_title + "”", size=16, style="B", gap=2)
        held = _period_text(facts)
        if facts.venue:
            held = f"{held} — {facts.venue}"
        _centered(pdf, _("held %(when)s") % {"when": held}, size=11.5, gap=1)
        _centered(
            pdf,
            _("Hours attended: %(hours)s (%(attended)s of %(total)s sessions)")
            % {
                "hours": hours_text(facts.hours),
                "attended": facts.sessions_attended,
                "total": facts.sessions_total,
            },
            size=11.5,
        )

        # Bottom: the QR code (left) and the signature block (right).
        bottom = height - 22
        qr_size = 34
        pdf.image(qr_png(facts.verify_url), x=22, y=bottom - qr_size, w=qr_size, h=qr_size)
        pdf.set_xy(22 + qr_size + 3, bottom - qr_size + 6)
        pdf.set_font(FONT_FAMILY, size=8.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(
            70,
            4.2,
            _("Scan the code or open the address below to check that this certificate is genuine:")
            + "\n"
            + facts.verify_url,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

        block_x, block_w = width - 28 - 105, 105
        pdf.set_xy(block_x, bottom - 52)
        pdf.set_font(FONT_FAMILY, style="I", size=11)
        pdf.set_text_color(*INK)
        day = facts.issued_on
        pdf.cell(
            block_w,
            6,
            _("%(place)s, day %(day)02d month %(month)02d year %(year)d")
            % {"place": facts.place, "day": day.day, "month": day.month, "year": day.year},
            align=Align.C,
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
        )
        pdf.set_font(FONT_FAMILY, style="B", size=12)
        pdf.multi_cell(block_w, 6, facts.signatory_title.upper(), align=Align.C, new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_y(bottom - 8)
        pdf.set_x(block_x)
        pdf.set_font(FONT_FAMILY, style="B", size=13)
        pdf.cell(block_w, 7, facts.signatory_name, align=Align.C)
        return pdf.output_bytes()


# --- The sign-in sheet of a session -----------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    full_name: str
    cooperative: str
    position: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SheetFacts:
    organisation: str
    course_title: str
    session_label: str  # "Buổi 2 — 15/03/2026, 08:00–11:30"
    place: str
    rows: list[SheetRow] = field(default_factory=list)
    printed_at: datetime.datetime | None = None
    blank_rows: int = 5  # for people who come without a registration


def signin_sheet_pdf(facts: SheetFacts) -> bytes:
    """The paper sign-in sheet of one session: one line per participant with a box to sign,
    and a few blank lines for walk-ins. The header repeats on every page."""
    with translation.override("vi"):
        pdf = PortalPDF(
            title=_("Sign-in sheet — %(course)s") % {"course": facts.course_title}, author=facts.organisation
        )
        pdf.set_margins(12, 12, 12)
        pdf.set_auto_page_break(True, margin=14)
        pdf.alias_nb_pages()
        pdf.add_page()
        _centered(pdf, facts.organisation.upper(), size=11, style="B", color=ACCENT, gap=2)
        _centered(pdf, _("SIGN-IN SHEET"), size=16, style="B", gap=1)
        _centered(pdf, facts.course_title, size=12, style="B", gap=1)
        _centered(pdf, facts.session_label, size=10.5)
        if facts.place:
            _centered(pdf, facts.place, size=10, color=MUTED)
        pdf.ln(4)

        pdf.set_font(FONT_FAMILY, size=9.5)
        pdf.set_text_color(*INK)
        pdf.set_draw_color(120, 120, 120)
        headings = [_("No."), _("Full name"), _("Cooperative"), _("Position"), _("Phone"), _("Signature")]
        with pdf.table(
            col_widths=(10, 48, 52, 25, 25, 26),
            line_height=7.5,
            text_align=("CENTER", "LEFT", "LEFT", "LEFT", "LEFT", "LEFT"),
            repeat_headings=1,
            first_row_as_headings=True,
        ) as table:
            heading = table.row()
            for text in headings:
                heading.cell(text)
            for index, row in enumerate(facts.rows, start=1):
                line = table.row()
                line.cell(str(index))
                line.cell(row.full_name)
                line.cell(row.cooperative)
                line.cell(row.position)
                line.cell(row.phone)
                line.cell("")
            for index in range(len(facts.rows) + 1, len(facts.rows) + 1 + facts.blank_rows):
                line = table.row()
                line.cell(str(index))
                for _column in headings[1:]:
                    line.cell("")
        pdf.ln(3)
        pdf.set_font(FONT_FAMILY, size=8.5)
        pdf.set_text_color(*MUTED)
        total = len(facts.rows)
        stamp = facts.printed_at.strftime("%d/%m/%Y %H:%M") if facts.printed_at else ""
        pdf.multi_cell(
            0,
            4.5,
            _("%(count)s registered participants. Printed %(when)s.") % {"count": total, "when": stamp},
        )
        return pdf.output_bytes()
