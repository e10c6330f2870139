"""The dated one-page brief of an area (the province, a regency or a kecamatan): A4 PDF and phone PNG.

For a Rakor or a chat group: the as-of date, headline figures and a sentence, a small map of the share
of families in desil 1-2, the poverty pockets, and "scaled demo" where it applies. Every figure comes
from the conditions view (regsosek/views/conditions.py), already suppressed for the role asking; the
command line writes briefs as the aggregate tier (the Governor's office), so a file shared in a chat
group holds no count under 10.

    python -m regsosek brief --area CODE|all --out DIR [--lang id|en] [--snapshot ID]

CODE is 35 (the province), a regency or a kecamatan code; "all" writes the province, every regency
and every kecamatan. Files are named brief_<code>_<as-of>_<lang>.pdf / .png.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import math
import sys
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from regsosek import access, export, formats, i18n, indicators, maps, reference, warehouse
from regsosek.views import conditions

PROVINCE_CODE = "35"
MAP_INDICATOR = "desil_1_2"
HEADLINE_INDICATORS = ("desil_1_2", "unfit_house", "exclusion_pkh")
PDF_MIME = "application/pdf"
PNG_MIME = "image/png"
PHONE_PX = (1080, 1920)
# The PDF's core fonts hold Latin-1 only, and the PNG's built-in font has no dashes or comparison signs.
PDF_TEXT = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2265": ">=", "\u2264": "<=", "\u2026": "..."})
BRIEF_ROLE = "gubernur"


def pdf_text(value: str) -> str:
    """Text the PDF's core fonts can write (Latin-1; dashes and comparison signs spelled out)."""
    return value.translate(PDF_TEXT).encode("latin-1", "replace").decode("latin-1")


@dataclass(frozen=True)
class Polygon:
    ring: tuple[tuple[float, float], ...]  # lon, lat
    colour: tuple[int, int, int]


@dataclass(frozen=True)
class BriefContent:
    code: str  # 35, a regency or a kecamatan
    lang: str
    as_of: str  # ISO date
    snapshot_id: str
    title: str
    date_line: str
    demo_line: str | None
    sentence: str
    headlines: tuple[tuple[str, str], ...]  # (label, value text)
    list_title: str
    list_rows: tuple[tuple[str, str], ...]  # (desa, share text)
    polygons: tuple[Polygon, ...]
    highlight: tuple[tuple[tuple[float, float], ...], ...]  # the kecamatan's outline on its regency's map
    legend: tuple[tuple[tuple[int, int, int], str], ...]
    notes: tuple[str, ...]


def home_area(scope: access.Scope) -> str:
    """The area a user's own brief is about: its one regency, else the province (or, for a user of several
    regencies, all of them together)."""
    return scope.kab_codes[0] if len(scope.kab_codes) == 1 else PROVINCE_CODE


def area_for(scope: access.Scope, code: str) -> str:
    """The area a brief asked for `code` is about: the province code stands for a one-regency user's regency
    (all it may see); an area outside the user's regencies is refused, whatever a URL or a form asked for."""
    if code == PROVINCE_CODE:
        return home_area(scope)
    if not scope.may_see_kab(code[:4]):
        raise PermissionError(f"area {code} is outside the user's scope")
    if code not in set(area_codes()):
        raise ValueError(f"no area {code}: a brief is for the province, a kab/kota or a kecamatan")
    return code


def area_codes() -> list[str]:
    """Every area a brief can be written for: the province, then each regency, then each kecamatan."""
    return [PROVINCE_CODE, *reference.kabkota()["kab_code"], *reference.kecamatan()["kec_code"]]


def _map_of(scope: access.Scope, snapshot: warehouse.SnapshotInfo, code: str | None,
            lang: str) -> tuple[tuple[Polygon, ...], tuple, tuple[float, ...]]:
    kab = code[:4] if code else None
    view = conditions.build(scope, snapshot, indicator=MAP_INDICATOR, level="kab" if kab is None else "kec",
                            kab=kab, lang=lang)
    polygons = tuple(Polygon(tuple((float(x), float(y)) for x, y in rings[0]), tuple(colour))
                     for rings, colour in zip(view.layer["polygon"], view.layer["colour"]))
    highlight: tuple = ()
    if code and len(code) == 6:
        shapes = reference.area_shapes("kec")
        mine = shapes[shapes["code"] == code]
        if len(mine):
            highlight = tuple(tuple((float(x), float(y)) for x, y in polygon[0])
                              for polygon in mine.iloc[0]["polygons"])
    return polygons, highlight, view.bands


def content(scope: access.Scope, snapshot: warehouse.SnapshotInfo, code: str, lang: str) -> BriefContent:
    """What one brief says, for a user's scope (suppressed as the role requires); an area outside it is refused."""
    code = area_for(scope, code)

    def t(key: str, **fmt: object) -> str:
        return i18n.t(key, lang, **fmt)

    area = None if code == PROVINCE_CODE else code
    profile = conditions.build_profile(scope, snapshot, area=area)
    name = profile.area_name or t("brief_province" if scope.is_province_wide else "cond_area_scope")
    rows = profile.indicators.set_index("indicator")
    share_text = {c: formats.percent(rows.at[c, "share"], lang) for c in HEADLINE_INDICATORS}
    average_text = formats.percent(rows.at[MAP_INDICATOR, "average"], lang)
    headlines = [(t("brief_families"), formats.count(profile.families, lang))]
    headlines += [(t(indicators.BY_CODE[c].label_key), share_text[c]) for c in HEADLINE_INDICATORS]
    headlines.append((t("cond_empowerment_total"), formats.count(profile.empowerment_total, lang)))
    day = formats.day(snapshot.as_of, lang)
    if profile.level == "province" or profile.area == home_area(scope) != PROVINCE_CODE:
        # The whole of what the user sees: no average above it to compare with.
        sentence = t("brief_sentence_province", day=day, area=name, families=headlines[0][1],
                     share=share_text[MAP_INDICATOR])
    else:
        sentence = t("brief_sentence", day=day, area=name, families=headlines[0][1],
                     share=share_text[MAP_INDICATOR], average=average_text,
                     of=t(f"cond_average_{profile.average_of}").lower())
    polygons, highlight, bands = _map_of(scope, snapshot, profile.area, lang)
    legend = tuple(zip(maps.SEQUENTIAL, maps.band_labels(bands, lang)))
    legend += ((maps.NO_DATA_COLOUR, t("cond_band_hidden")),)
    pockets = tuple((f"{r.area_name} ({r.kec_name})", formats.percent(r.share, lang))
                    for r in profile.pockets.itertuples())
    return BriefContent(
        code=code, lang=lang, as_of=snapshot.as_of.isoformat(), snapshot_id=snapshot.snapshot_id,
        title=t("brief_title", area=name), date_line=t("brief_as_of", day=day),
        demo_line=(t("sidebar_scaled_demo", pct=formats.number(snapshot.scale * 100, lang, digits=1))
                   if snapshot.is_scaled_demo else None),
        sentence=sentence, headlines=tuple(headlines),
        list_title=t("cond_pockets"), list_rows=pockets or ((t("cond_pockets_none"), ""),),
        polygons=polygons, highlight=highlight, legend=legend,
        notes=(t("brief_map_note"), t("cond_pockets_note", min=profile.pocket_min_families),
               t("cond_boundaries_approximate"), t("brief_suppressed_note")),
    )


def _projector(polygons: tuple[Polygon, ...], box: tuple[float, float, float, float]):
    """lon/lat -> page units inside box (x, y, width, height), north up, aspect kept."""
    lons = [x for p in polygons for x, _ in p.ring] or [0.0, 1.0]
    lats = [y for p in polygons for _, y in p.ring] or [0.0, 1.0]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    width = max((max(lons) - min(lons)) * squeeze, 1e-6)
    height = max(max(lats) - min(lats), 1e-6)
    scale = min(box[2] / width, box[3] / height)
    left = box[0] + (box[2] - width * scale) / 2
    top = box[1] + (box[3] - height * scale) / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        return left + (lon - min(lons)) * squeeze * scale, top + (max(lats) - lat) * scale

    return project


def pdf(brief: BriefContent) -> bytes:
    """The brief as one A4 page."""
    text = pdf_text
    doc = FPDF(format="A4", unit="mm")
    doc.set_auto_page_break(False)
    doc.set_title(text(brief.title))
    doc.add_page()
    doc.set_font("helvetica", "B", 16)
    doc.set_xy(15, 14)
    doc.multi_cell(180, 8, text(brief.title))
    doc.set_font("helvetica", "", 11)
    doc.set_x(15)
    doc.cell(180, 6, text(brief.date_line), new_x="LMARGIN", new_y="NEXT")
    if brief.demo_line:
        doc.set_text_color(160, 0, 0)
        doc.set_x(15)
        doc.cell(180, 6, text(brief.demo_line), new_x="LMARGIN", new_y="NEXT")
        doc.set_text_color(0, 0, 0)
    doc.set_x(15)
    doc.multi_cell(180, 5.5, text(brief.sentence))
    y = doc.get_y() + 3
    width = 180 / len(brief.headlines)
    for i, (label, value) in enumerate(brief.headlines):
        doc.set_xy(15 + i * width, y)
        doc.set_font("helvetica", "B", 15)
        doc.cell(width, 8, text(value))
        doc.set_xy(15 + i * width, y + 8)
        doc.set_font("helvetica", "", 8)
        doc.multi_cell(width - 2, 4, text(label))
    top = y + 22
    project = _projector(brief.polygons, (15, top, 120, 105))
    doc.set_draw_color(255, 255, 255)
    doc.set_line_width(0.1)
    for polygon in brief.polygons:
        doc.set_fill_color(*polygon.colour)
        doc.polygon([project(*pt) for pt in polygon.ring], style="DF")
    doc.set_draw_color(0, 0, 0)
    doc.set_line_width(0.6)
    for ring in brief.highlight:
        doc.polygon([project(*pt) for pt in ring], style="D")
    doc.set_font("helvetica", "B", 9)
    doc.set_xy(140, top)
    doc.multi_cell(55, 4.5, text(brief.notes[0]))
    doc.set_font("helvetica", "", 8)
    for colour, label in brief.legend:
        yy = doc.get_y() + 1
        doc.set_fill_color(*colour)
        doc.rect(140, yy, 4, 4, style="F")
        doc.set_xy(146, yy)
        doc.multi_cell(49, 4, text(label))
    doc.set_xy(15, top + 110)
    doc.set_font("helvetica", "B", 12)
    doc.cell(180, 7, text(brief.list_title), new_x="LMARGIN", new_y="NEXT")
    doc.set_font("helvetica", "", 10)
    for name, value in brief.list_rows:
        doc.set_x(15)
        doc.cell(140, 6, text(name))
        doc.cell(40, 6, text(value), align="R", new_x="LMARGIN", new_y="NEXT")
    doc.set_font("helvetica", "", 7.5)
    doc.set_xy(15, 262)
    for note in brief.notes[1:]:
        doc.set_x(15)
        doc.multi_cell(180, 3.8, text(note))
    return bytes(doc.output())


def png(brief: BriefContent) -> bytes:
    """The brief as a phone-sized image (1080 x 1920)."""
    image = Image.new("RGB", PHONE_PX, (255, 255, 255))
    draw = ImageDraw.Draw(image)

    def font(size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.load_default(size=size)

    def wrapped(value: str, x: int, y: int, size: int, width: int, fill=(20, 20, 20)) -> int:
        face = font(size)
        line = ""
        for word in value.translate(PDF_TEXT).split():
            candidate = f"{line} {word}".strip()
            if draw.textlength(candidate, font=face) > width and line:
                draw.text((x, y), line, font=face, fill=fill)
                y += int(size * 1.3)
                line = word
            else:
                line = candidate
        if line:
            draw.text((x, y), line, font=face, fill=fill)
            y += int(size * 1.3)
        return y

    y = wrapped(brief.title, 60, 60, 56, 960)
    y = wrapped(brief.date_line, 60, y + 10, 36, 960)
    if brief.demo_line:
        y = wrapped(brief.demo_line, 60, y, 32, 960, fill=(170, 0, 0))
    y = wrapped(brief.sentence, 60, y + 20, 32, 960)
    y += 20
    for i, (label, value) in enumerate(brief.headlines):
        x, row = 60 + (i % 2) * 490, y + (i // 2) * 130
        draw.text((x, row), value, font=font(52), fill=(20, 20, 20))
        wrapped(label, x, row + 62, 26, 450, fill=(70, 70, 70))
    y += ((len(brief.headlines) + 1) // 2) * 130 + 10
    project = _projector(brief.polygons, (60, y, 960, 640))
    for polygon in brief.polygons:
        draw.polygon([project(*pt) for pt in polygon.ring], fill=polygon.colour, outline=(255, 255, 255))
    for ring in brief.highlight:
        draw.line([project(*pt) for pt in (*ring, ring[0])], fill=(0, 0, 0), width=5)
    y += 650
    y = wrapped(brief.notes[0], 60, y, 28, 960)
    x = 60
    for colour, label in brief.legend:
        face = font(24)
        span = 36 + int(draw.textlength(label.translate(PDF_TEXT), font=face)) + 24
        if x + span > 1020:
            x, y = 60, y + 36
        draw.rectangle((x, y + 2, x + 26, y + 28), fill=colour)
        draw.text((x + 34, y), label.translate(PDF_TEXT), font=face, fill=(20, 20, 20))
        x += span
    y += 50
    y = wrapped(brief.list_title, 60, y, 36, 960)
    for name, value in brief.list_rows:
        draw.text((60, y), name, font=font(28), fill=(20, 20, 20))
        draw.text((1020, y), value, font=font(28), fill=(20, 20, 20), anchor="ra")
        y += 38
    y = max(y + 10, PHONE_PX[1] - 170)
    for note in brief.notes[1:]:
        y = wrapped(note, 60, y, 22, 960, fill=(90, 90, 90))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def file_name(code: str, as_of: str, lang: str, fmt: str) -> str:
    return f"brief_{code}_{as_of}_{lang}.{fmt}"


def download(scope: access.Scope, snapshot: warehouse.SnapshotInfo, code: str, lang: str,
             fmt: str) -> export.Download:
    """One brief as an audited download (built when the user clicks; see export.Delivery)."""
    code = area_for(scope, code)
    brief = content(scope, snapshot, code, lang)
    data = pdf(brief) if fmt == "pdf" else png(brief)
    header = export.header_for(scope, brief.as_of, snapshot.snapshot_id,
                               export.describe({"brief": code, "lang": lang}), "")
    return export.Download(data=data, file_name=file_name(code, brief.as_of, lang, fmt),
                           mime=PDF_MIME if fmt == "pdf" else PNG_MIME, rows=1,
                           sha256=hashlib.sha256(data).hexdigest(), header=header)


def pending(scope: access.Scope, snapshot: warehouse.SnapshotInfo, code: str, lang: str,
            fmt: str) -> export.Pending:
    code = area_for(scope, code)
    return export.Pending(build=lambda: download(scope, snapshot, code, lang, fmt),
                          file_name=file_name(code, snapshot.as_of.isoformat(), lang, fmt),
                          mime=PDF_MIME if fmt == "pdf" else PNG_MIME)


def write(scope: access.Scope, snapshot: warehouse.SnapshotInfo, code: str, lang: str, out: Path) -> list[Path]:
    """Write one area's PDF and PNG into `out`; returns their paths."""
    brief = content(scope, snapshot, code, lang)
    written = []
    for fmt, render in (("pdf", pdf), ("png", png)):
        path = out / file_name(code, brief.as_of, lang, fmt)
        path.write_bytes(render(brief))
        written.append(path)
    return written


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m regsosek brief", description=__doc__.split("\n\n")[0])
    parser.add_argument("--area", required=True, help="35 (province), a kab/kota or kecamatan code, or all")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--lang", choices=i18n.LANGS, default=i18n.DEFAULT_LANG)
    parser.add_argument("--snapshot", help="a published snapshot id (default: the live one)")
    args = parser.parse_args(argv)
    snapshot = warehouse.get(args.snapshot) if args.snapshot else warehouse.live()
    if snapshot is None:
        print("no published snapshot", file=sys.stderr)
        return 1
    codes = area_codes() if args.area == "all" else [args.area]
    if unknown := [c for c in codes if c not in set(area_codes())]:
        print(f"unknown area code: {', '.join(unknown)}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    scope = access.scope_for("brief", BRIEF_ROLE)
    for code in codes:
        for path in write(scope, snapshot, code, args.lang, args.out):
            print(path)
    return 0
