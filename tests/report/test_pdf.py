"""The PDF step: xlperf's short user-agent stylesheet covers every element the templates use,
and renders the same text as WeasyPrint's full one; the compact font is used."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

from weasyprint import HTML

from xlperf.report.fonts import codepoints, fonts_ready
from xlperf.report.pdf import PdfRenderer
from xlperf.report.render import templates_dir

from .conftest import pdf_text


def test_every_element_of_the_templates_is_in_the_user_agent_stylesheet():
    used = {tag for p in templates_dir().glob("*.html")
            for tag in re.findall(r"<([a-z][a-z0-9]*)", p.read_text(encoding="utf-8"))}
    sheet = (templates_dir() / "ua.css").read_text(encoding="utf-8")
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    covered = set(re.findall(r"(?<![\w.#:-])([a-z][a-z0-9]*)(?=[\s,{:>])", sheet))
    assert used <= covered, sorted(used - covered)


def test_the_short_stylesheet_renders_the_same_text_as_the_full_one(demo_run, tmp_path):
    html = (demo_run.out / "appraisal-E001.pdf")  # the report itself, re-rendered below
    from xlperf.report.appraisal_context import Header, appraisal_report
    from xlperf.report.render import render_html
    from xlperf.rules.appraisal import appraise
    from xlperf.rules.pay_statement import pay_statement
    from xlperf.workbook import read_workbook

    data = read_workbook(demo_run.book)
    header = Header(data.company, data.year, "demo.xlsx", data.sha256, data.policy.name)
    report = appraisal_report(pay_statement(appraise(data.inputs[0], data.policy)), header,
                              data.policy)
    source = render_html("appraisal", report, "both")
    renderer = PdfRenderer()
    short = tmp_path / "short.pdf"
    short.write_bytes(renderer.pdf(source, dt.date(2026, 12, 31)))
    full = tmp_path / "full.pdf"
    document = HTML(string=source, base_url=renderer.base_url, url_fetcher=renderer.fetcher)
    full.write_bytes(document.render(stylesheets=renderer.stylesheets,
                                     font_config=renderer.font_config).write_pdf())
    assert renderer.html_class is not HTML
    assert pdf_text(short, layout=True) == pdf_text(full, layout=True)
    assert pdf_text(short) == pdf_text(html)


def test_the_compact_font_is_built_and_embedded(demo_run):
    assert fonts_ready()
    fonts = subprocess.run(["pdffonts", str(demo_run.out / "payout-E001.pdf")],
                           capture_output=True, text=True, check=True).stdout
    assert "xlperf-Sans" in fonts
    points = codepoints()
    assert len(points) > 7000 and ord("王") in points and ord("¥") in points


def test_font_subsetting_with_open_arrays_writes_the_same_pdf(monkeypatch):
    """xlperf hands WeasyPrint's font subsetting an ``ffi`` that declares glyph arrays
    without their length (each new length cost a C parse); the PDF bytes are unchanged."""
    import weasyprint.pdf.fonts as fonts
    from weasyprint.text.ffi import ffi

    from xlperf.report.pdf import _OpenArrays

    html = "<html><body><h1>绩效 Appraisal</h1><p>王建国 <b>¥1,350,000.00</b></p></body></html>"
    renderer = PdfRenderer()
    assert isinstance(fonts.ffi, _OpenArrays)
    with_open_arrays = renderer.pdf(html, dt.date(2026, 12, 31))
    monkeypatch.setattr(fonts, "ffi", ffi)
    assert renderer.pdf(html, dt.date(2026, 12, 31)) == with_open_arrays
    array = _OpenArrays(ffi).new("hb_codepoint_t[3]", (5, 6, 7))
    assert ffi.typeof(array).cname == "uint32_t[]" and list(array) == [5, 6, 7]


def test_the_compact_font_puts_what_reports_print_first(demo_run):
    """WeasyPrint embeds a slot for every glyph up to the last one used: the glyphs of the
    labels, digits (with the forms Chinese text is shaped into) and common hanzi come first."""
    from fontTools.ttLib import TTFont

    from xlperf.report.fonts import _substitutes, font_path, glyph_priority

    font = TTFont(font_path("regular"))
    cmap, follows = font.getBestCmap(), _substitutes(font)
    assert font.getGlyphOrder() == glyph_priority(font, codepoints())
    assert font.getGlyphOrder()[0] == ".notdef" and "vmtx" not in font
    assert any(follows.get(cmap[ord("2")], ()))  # Noto's Chinese digit forms ('locl')
    text = "".join(pdf_text(demo_run.out / f"{kind}-E001.pdf") for kind in ("appraisal", "payout"))
    used = {name for c in set(text) if ord(c) in cmap
            for name in (cmap[ord(c)], *follows.get(cmap[ord(c)], ()))}
    highest = max(font.getGlyphID(name) for name in used)
    assert highest < 4500, highest  # of 14,216 glyphs; Noto's own order put it at 14,006


def test_the_compact_font_carries_noto_dates_not_its_build_time():
    """Every build writes the same font, so two installations write the same PDF bytes."""
    from fontTools.ttLib import TTFont

    from xlperf.report.fonts import NOTO, SC_FACE, SOURCES, font_path

    for weight, source in SOURCES.items():
        noto = TTFont(NOTO / source, fontNumber=SC_FACE, lazy=True)["head"]
        built = TTFont(font_path(weight), lazy=True)["head"]
        assert (built.created, built.modified) == (noto.created, noto.modified)


def test_a_character_outside_the_compact_font_falls_back_to_noto(tmp_path):
    rare = "𠀀喆堃"  # outside GB 2312
    assert not set(map(ord, rare)) <= set(codepoints())
    pdf = tmp_path / "rare.pdf"
    pdf.write_bytes(PdfRenderer().pdf(f"<html><body><p>{rare} 王</p></body></html>",
                                      dt.date(2026, 1, 1)))
    assert "喆堃" in pdf_text(pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "xlperf-Sans" in fonts and "Noto-Sans-CJK" in fonts


def _demo_sources(demo_run) -> list[str]:
    """The HTML of the first executive's appraisal and payout and of the summary."""
    from xlperf.batch import BatchResult, ReportOptions, _invalid, _prepare, _read, _summary_job
    from xlperf.report.render import render_html

    result = BatchResult()
    book = _read([str(demo_run.book)], result)[0]
    options = ReportOptions(demo_run.out)
    _, job = next(_prepare(book, options, result))
    summary = _summary_job(book, options, _invalid(book, result))
    return [render_html(d.kind, d.report, lang) for j in (job, summary)
            for d in j.documents for lang in ("zh", "both")]


def test_reports_are_well_formed_xml_and_print_as_with_the_html5_parser(demo_run, monkeypatch):
    import xlperf.report.pdf as pdf

    sources = _demo_sources(demo_run)
    assert all(pdf.xhtml_tree(s) is not None for s in sources)  # else the fast path is lost
    renderer = PdfRenderer()
    fast = [renderer.pdf(s, dt.date(2026, 12, 31)) for s in sources]
    monkeypatch.setattr(pdf, "xhtml_tree", lambda html: None)
    assert [renderer.pdf(s, dt.date(2026, 12, 31)) for s in sources] == fast


def test_xhtml_tree_implies_tbody_like_html5_and_refuses_what_is_not_xml():
    from xlperf.report.pdf import xhtml_tree

    root = xhtml_tree("<html><body><table><thead><tr><th>a</th></tr></thead>"
                      "<tr><td>1</td></tr><tr><td>2</td></tr></table></body></html>")
    table = root.find("body/table")
    assert [c.tag for c in table] == ["thead", "tbody"]
    assert [td.text for td in table.iter("td")] == ["1", "2"]
    assert xhtml_tree("<html><body><br></body></html>") is None  # HTML, not XML
    assert xhtml_tree('<!DOCTYPE html [<!ENTITY a "x">]><html>&a;</html>') is None
