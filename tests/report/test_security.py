"""Untrusted workbooks and templates: text is escaped, nothing is fetched but template assets."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from xlperf.batch import ReportOptions, run_report
from xlperf.report.formats import Bilingual
from xlperf.report.pdf import PdfRenderer, TemplateAssetFetcher
from xlperf.report.render import Language, render_html, templates_dir
from xlperf.workbook import layout as L

from .conftest import edit_cells, pdf_text

HOSTILE = "<img src=file:///etc/passwd>"


@pytest.fixture
def listener():
    """A loopback HTTP server that counts the requests it gets."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def test_a_hostile_name_prints_as_text(demo_book, tmp_path):
    book = edit_cells(demo_book, tmp_path / "hostile.xlsx", {("Executives", "B5"): HOSTILE})
    out = tmp_path / "out"
    result = run_report([str(book)], ReportOptions(out, only=("E001",), jobs=1))
    assert result.ok
    for name in ("appraisal-E001.pdf", "payout-E001.pdf"):
        assert HOSTILE in pdf_text(out / name)
    assert "root:x:0:0" not in pdf_text(out / "appraisal-E001.pdf")


def test_a_hostile_company_name_in_the_page_header_prints_as_text(demo_book, tmp_path,
                                                                   listener):
    """The company name goes into each document's page style as a CSS string: nothing in it
    can close the string, the rule or the style element, or make WeasyPrint fetch a URL."""
    url, hits = listener
    hostile = f'华夏"}} @page {{ background: url({url}/x.png) }} </style><b>x</b>\\'
    book = edit_cells(demo_book, tmp_path / "hostile.xlsx",
                      {("Executives", L.COMPANY_CELL): hostile})
    out = tmp_path / "out"
    result = run_report([str(book)], ReportOptions(out, only=("E001",), jobs=1))
    assert result.ok and not hits
    printed = "".join(pdf_text(out / "payout-E001.pdf").split())  # the box wraps it
    assert "".join(hostile.split()) in printed


def test_autoescape_in_every_template_and_language():
    language = Language("both")
    assert str(language.tr(Bilingual("<b>甲</b>", "<script>x</script>"))) == (
        "&lt;b&gt;甲&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;")


@pytest.mark.parametrize("url", [
    "http://example.com/logo.png", "https://127.0.0.1/x", "ftp://example.com/x",
    "file:///etc/passwd", "data:image/png;base64,iVBORw0KGgo=",
    "file://otherhost" + str(templates_dir() / "report.css"),
])
def test_the_fetcher_refuses_anything_but_template_assets(url):
    assert not TemplateAssetFetcher().allowed(url)


def test_the_fetcher_refuses_paths_that_climb_out_of_the_templates():
    root = templates_dir()
    fetcher = TemplateAssetFetcher()
    assert fetcher.allowed((root / "report.css").as_uri())
    assert not fetcher.allowed(root.as_uri() + "/../pyproject.toml")
    assert not fetcher.allowed(root.as_uri() + "/%2e%2e/pyproject.toml")
    assert not fetcher.allowed((root / "missing.css").as_uri())


def test_rendering_never_reaches_the_network_or_other_files(listener, caplog):
    url, hits = listener
    html = (f'<html><body><p>x</p><img src="{url}/pixel.png">'
            '<img src="file:///etc/passwd"><link rel="stylesheet" href="'
            f'{url}/evil.css"><div style="background: url({url}/bg.png)">y</div>'
            "</body></html>")
    renderer = PdfRenderer()
    pdf = renderer.pdf(html, __import__("datetime").date(2026, 12, 31))
    assert pdf.startswith(b"%PDF")
    assert hits == []
    refused = renderer.fetcher.refused
    assert f"{url}/pixel.png" in refused and "file:///etc/passwd" in refused
    assert any("refused to fetch" in r.message for r in caplog.records)


def test_templates_cannot_reach_python_internals():
    from jinja2.exceptions import SecurityError

    from xlperf.report.render import environment

    template = environment().from_string("{{ report.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(SecurityError):
        template.render(report=Path("."))


def test_our_own_template_assets_load_without_warnings(caplog):
    renderer = PdfRenderer()
    html = render_html("summary", _tiny_summary(), "en")
    renderer.pdf(html, __import__("datetime").date(2026, 12, 31))
    assert renderer.fetcher.refused == []
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]


def _tiny_summary():
    from xlperf.policy import DEMO_POLICY
    from xlperf.report.appraisal_context import Header
    from xlperf.report.summary_context import SummaryCollector

    header = Header("<Co>", 2026, "book.xlsx", "0" * 64, "policy")
    return SummaryCollector(DEMO_POLICY).report(header, "Config sheet", [], [])
