"""The reports' CJK font: a compact subset of Noto Sans CJK SC, built once at setup.

Why: WeasyPrint subsets every font it embeds, for every PDF. Subsetting the full Noto Sans
CJK (65,000 glyphs, glyph ids kept) costs about 50 ms per font per document and leaves
300 kB+ per PDF; the same subsetting of this compact font (GB 2312's 6,763 hanzi, Latin,
punctuation, about 8,000 glyphs) is several times faster and the PDFs are smaller. A
character outside it (a rare character in a name) falls back to the full Noto Sans CJK SC
through the CSS font list, so nothing is ever missing.

The compact font has TrueType outlines (converted from Noto's CFF, within 1/1000 em):
WeasyPrint keeps glyph ids when it subsets, so a subset holds an empty slot for every glyph
before the last one used; an empty TrueType glyph costs nothing while a CFF one does not, which
halves the PDFs (80 kB instead of 150 kB for an appraisal report) and the subsetting time.
For the same reason the glyphs are reordered, most used first (:func:`glyph_priority`):
Latin, digits (with the forms Chinese text substitutes for them), punctuation, then the
3,755 common hanzi of GB 2312's first level before the 3,008 of its second. Noto's own order
put the digits a Chinese report uses last (glyph 14,006 of 14,216), so every subset carried
14,000 slots; now a report's last glyph is about the 4,000th.

``python -m xlperf.report.fonts`` (run by ./bootstrap) writes
``report_templates/fonts/xlperf-sans-3-{regular,bold}.ttf`` with HarfBuzz's ``hb-subset``
(Debian ``libharfbuzz-bin``) from Debian's ``fonts-noto-cjk``, then fontTools (a WeasyPrint
dependency) for the outlines. Noto fonts are under the SIL
Open Font License 1.1, which allows this (the subsets keep the font's copyright and license
name records). Without the files, reports use the full Noto Sans CJK SC: same look, slower.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

from xlperf.report.render import templates_dir

NOTO = Path("/usr/share/fonts/opentype/noto")
SOURCES = {"regular": "NotoSansCJK-Regular.ttc", "bold": "NotoSansCJK-Bold.ttc"}
SC_FACE = 2  # face index of "Noto Sans CJK SC" in Debian's .ttc files
_RANGES = ((0x20, 0x7E), (0xA0, 0x17F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x22FF),
           (0x2460, 0x24FF), (0x2500, 0x25FF), (0x2700, 0x27BF), (0x3000, 0x303F),
           (0xFE30, 0xFE4F), (0xFF00, 0xFFEF))
_COMMON = ((0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x303F), (0xFF00, 0xFFEF))


# In the file names: a font built by an older xlperf is rebuilt (1: Noto's glyph order;
# 2: stamped with its build time, so two installations wrote different PDF bytes), and so is
# one built before the templates' text changed (the digest of its characters, in order).
BUILD = 3


def font_path(weight: str) -> Path:
    """Where the compact font of ``weight`` ("regular" or "bold") lives."""
    return templates_dir() / "fonts" / f"xlperf-sans-{BUILD}-{_digest()}-{weight}.ttf"


@functools.cache
def _digest() -> str:
    """8 hex digits naming the characters of the font in their order (:func:`codepoints`):
    a label or template that prints a new character makes ./bootstrap build a new font."""
    return hashlib.sha256(",".join(map(str, codepoints())).encode()).hexdigest()[:8]


def fonts_ready() -> bool:
    """True when both compact fonts exist."""
    return all(font_path(w).is_file() for w in SOURCES)


def codepoints() -> list[int]:
    """The characters of the compact font, most used first (the glyph order follows it):
    those the report templates and labels print themselves, ASCII, Latin-1 (¥, ×),
    punctuation (CJK and full-width too), the 3,755 common hanzi of GB 2312 level 1, the
    3,008 of level 2, then the rest of GB 2312 (symbols, kana, Greek, Cyrillic) and of
    ``_RANGES`` (Latin Extended-A, arrows, maths, box drawing and other symbols)."""
    printed = sorted({ord(c) for c in _template_text() if c.isprintable() and not c.isspace()})
    return list(dict.fromkeys(chain(printed, _spans(_COMMON), _gb2312(), _spans(_RANGES))))


def _spans(ranges: tuple[tuple[int, int], ...]) -> Iterator[int]:
    return (c for lo, hi in ranges for c in range(lo, hi + 1))


def _gb2312() -> Iterator[int]:
    """GB 2312's characters: level 1 (rows 0xB0–0xD7), level 2, then the symbol rows."""
    for first in (*range(0xB0, 0xF8), *range(0xA1, 0xB0)):
        for second in range(0xA1, 0xFF):
            try:
                yield ord(bytes((first, second)).decode("gb2312"))
            except UnicodeDecodeError:
                continue


def _template_text() -> str:
    """The text of the report templates, their labels and styles."""
    folder = templates_dir()
    return "".join(path.read_text(encoding="utf-8") for pattern in ("*.html", "*.toml", "*.css")
                   for path in sorted(folder.glob(pattern)))


def build_fonts(force: bool = False) -> list[Path]:
    """Write the compact fonts (skipped when present, unless ``force``) and remove those of
    an older build; returns the paths written."""
    tool = shutil.which("hb-subset")
    if tool is None:
        raise RuntimeError("hb-subset not found: install Debian's libharfbuzz-bin")
    written, points = [], codepoints()
    with tempfile.TemporaryDirectory() as folder:
        unicodes = Path(folder) / "unicodes.txt"
        unicodes.write_text(",".join(f"{c:X}" for c in points))
        for weight, source in SOURCES.items():
            target = font_path(weight)
            if target.is_file() and not force:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            cff, temp = Path(folder) / f"{weight}.otf", target.with_suffix(".tmp")
            subprocess.run([tool, f"--font-file={NOTO / source}", f"--face-index={SC_FACE}",
                            f"--unicodes-file={unicodes}", "--name-IDs=*",
                            f"--output-file={cff}"], check=True, capture_output=True)
            truetype_outlines(cff, temp, points)
            temp.replace(target)
            written.append(target)
    current = {font_path(weight) for weight in SOURCES}
    for older in font_path("regular").parent.glob("xlperf-sans-*.ttf"):  # an older build
        if older not in current:
            older.unlink()
    return written


def truetype_outlines(source: Path, target: Path, points: list[int]) -> None:
    """Write ``source`` (an OpenType font with CFF outlines) with TrueType outlines to
    ``target``: quadratic curves within 1 font unit of the cubic ones, glyphs in the order
    of :func:`glyph_priority` and no vertical metrics (reports are set horizontally)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable
    from fontTools.ttLib.reorderGlyphs import reorderGlyphs

    font = TTFont(source, recalcTimestamp=False)  # Noto's date: the same bytes every build
    order, glyphs = font.getGlyphOrder(), font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    for tag in ("CFF ", "VORG", "vhea", "vmtx"):
        if tag in font:
            del font[tag]
    font["glyf"], font["loca"] = glyf, newTable("loca")
    maxp = font["maxp"] = newTable("maxp")  # version 1.0; its counts are computed on save
    maxp.tableVersion, maxp.numGlyphs = 0x00010000, len(order)
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements", "maxPoints", "maxContours", "maxCompositePoints",
                  "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names (PDF text maps through ToUnicode)
    font.sfntVersion = "\x00\x01\x00\x00"
    reorderGlyphs(font, glyph_priority(font, points))
    font.save(target)


def glyph_priority(font, points: list[int]) -> list[str]:
    """The glyph names of ``font`` (a fontTools TTFont), those of ``points`` first in that
    order, each followed by the glyphs text shaping may put in its place (a ``locl`` or
    ``ccmp`` substitution or a ligature starting with it), then every other glyph."""
    cmap, follows = font.getBestCmap(), _substitutes(font)
    order = dict.fromkeys([font.getGlyphOrder()[0]])  # .notdef stays glyph 0
    for point in points:
        if point in cmap:
            for name in (cmap[point], *follows.get(cmap[point], ())):
                order.setdefault(name)
    for name in font.getGlyphOrder():
        order.setdefault(name)
    return list(order)


def _substitutes(font) -> dict[str, list[str]]:
    """For each glyph, the glyphs horizontal text may be shaped into instead: the
    substitutions of every script's default language system and of Simplified Chinese
    (``ZHS``), the two a report's text is shaped with; not the vertical ones."""
    follows: dict[str, list[str]] = {}
    if "GSUB" not in font:
        return follows
    table = font["GSUB"].table
    systems = [s.Script.DefaultLangSys for s in table.ScriptList.ScriptRecord]
    systems += [r.LangSys for s in table.ScriptList.ScriptRecord
                for r in s.Script.LangSysRecord if r.LangSysTag == "ZHS "]
    records = table.FeatureList.FeatureRecord
    lookups = sorted({i for system in systems if system is not None
                      for f in system.FeatureIndex
                      if records[f].FeatureTag not in ("vert", "vrt2", "vjmo")
                      for i in records[f].Feature.LookupListIndex})
    for index in lookups:
        for sub in table.LookupList.Lookup[index].SubTable:
            sub = getattr(sub, "ExtSubTable", sub)
            for first, replaced in _replacements(sub):
                follows.setdefault(first, []).extend(replaced)
    return follows


def _replacements(sub) -> list[tuple[str, list[str]]]:
    """(glyph, glyphs it may become) of one GSUB subtable: single, multiple, alternate and
    ligature substitutions (contextual ones only point at these)."""
    if hasattr(sub, "mapping"):  # single (a glyph) or multiple (a list of glyphs)
        return [(a, b if isinstance(b, list) else [b]) for a, b in sub.mapping.items()]
    if hasattr(sub, "alternates"):
        return list(sub.alternates.items())
    if hasattr(sub, "ligatures"):
        return [(a, [lig.LigGlyph for lig in ligs]) for a, ligs in sub.ligatures.items()]
    return []


def main() -> int:
    """Build the fonts; print what was done."""
    try:
        written = build_fonts(force="--force" in sys.argv)
    except Exception as error:  # a setup step: say what failed, never a traceback
        print(f"xlperf fonts: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path} ({path.stat().st_size / 2**20:.1f} MiB)")
    if not written:
        print("fonts are ready")
    return 0


if __name__ == "__main__":
    sys.exit(main())
