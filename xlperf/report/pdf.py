"""HTML → PDF with WeasyPrint: the only module that imports it.

- **Fetching**: :class:`TemplateAssetFetcher` serves ``file:`` URLs inside the templates
  folder and refuses everything else (network, data: URLs, any other file), so a workbook
  value that slipped into a URL can fetch nothing.
- **Same input, same bytes**: the PDF carries fixed metadata dates (given by the caller,
  e.g. the appraisal year's end) and no random identifier.
- **Parsing**: the templates write well-formed XHTML, read with Python's XML parser
  (:func:`xhtml_tree`; the HTML5 parser when a document is not well-formed).
- **Fonts**: the compact "xlperf Sans" (:mod:`xlperf.report.fonts`), then Noto Sans CJK SC
  (Debian's ``fonts-noto-cjk``); WeasyPrint embeds the subset used, with HarfBuzz when
  ``libharfbuzz-subset0`` is installed.
- **Compression**: PDF streams are deflated at zlib level 6, not pydyf's level 9
  (:class:`_DeflateLevel6`): 14 ms instead of 36 ms per executive, files 0.8% larger.
- **Font subsetting** declares its glyph arrays without a length (:class:`_OpenArrays`):
  about 5 ms saved for each array length the process had not seen yet, up to 8 per executive.
- **Compiled WeasyPrint**: its hot modules compiled with Cython at setup, when built for the
  installed version (:mod:`xlperf.report.compiled`), imported instead: same PDFs, faster.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from xlperf.report.compiled import prefer_compiled

prefer_compiled()  # before the first import of WeasyPrint

import cssselect2
import pydyf
import weasyprint.pdf.fonts
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as safe_xml
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from xlperf.report.fonts import SOURCES, font_path, fonts_ready
from xlperf.report.render import templates_dir

STYLESHEET = "report.css"
USER_AGENT_STYLESHEET = "ua.css"
FONT_FACE = """@font-face {{ font-family: "xlperf Sans"; font-weight: {weight};
                            src: url(fonts/{file}); }}"""
log = logging.getLogger("xlperf.report")


class RefusedURL(ValueError):
    """A URL a report tried to fetch that is not one of the project's template assets."""


class TemplateAssetFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that only reads files inside the templates folder."""

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.root = (root or templates_dir()).resolve()
        self.refused: list[str] = []

    def allowed(self, url: str) -> bool:
        """True for a ``file:`` URL of a file inside the templates folder."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return False
        path = Path(unquote(parts.path)).resolve()
        return path.is_relative_to(self.root) and path.is_file()

    def fetch(self, url, headers=None):
        """Fetch a template asset; refuse (and remember) anything else."""
        if not self.allowed(url):
            self.refused.append(url)
            log.warning("refused to fetch %s: reports may read only their template assets",
                        url[:200])
            raise RefusedURL(f"refused to fetch {url[:200]}")
        return super().fetch(url, headers)


def xhtml_tree(html: str) -> ElementTree.Element | None:
    """The element tree of a report, parsed as XML; ``None`` when it is not well-formed.

    The templates write well-formed XHTML (void elements closed, every value escaped by
    Jinja), and Python's C XML parser reads it about fifty times faster than WeasyPrint's
    pure-Python HTML5 parser, a tenth of a report's rendering. The tree is made to match what
    the HTML5 parser builds: table rows outside a row group go into an implied ``tbody``.
    Parsed with defusedxml: a document declaring entities is refused (nothing from a
    workbook can declare one: its ``<`` is escaped).
    """
    try:
        root = safe_xml.fromstring(html)
    except (ElementTree.ParseError, DefusedXmlException):
        return None
    for table in root.iter("table"):
        _imply_tbody(table)
    return root


def _imply_tbody(table: ElementTree.Element) -> None:
    """Wrap each run of ``tr`` children of ``table`` into a ``tbody``, as HTML5 does."""
    children, body = [], None
    for child in table:
        if child.tag != "tr":
            children.append(child)
            body = None
            continue
        if body is None:
            body = ElementTree.Element("tbody")
            children.append(body)
        body.append(child)
    table[:] = children


def _html_class(root: Path, fetcher: URLFetcher) -> type[HTML]:
    """WeasyPrint's HTML with xlperf's short user-agent stylesheet (``ua.css``), reading
    well-formed reports with the XML parser (:func:`xhtml_tree`).

    WeasyPrint asks ``_ua_stylesheets`` for its default styles; the full HTML5 sheet costs a
    fifth of a report's rendering in selector matching. Should a WeasyPrint release drop the
    hook, the standard sheet is used (same look, slower).
    """
    if not callable(getattr(HTML, "_ua_stylesheets", None)):  # pragma: no cover
        return HTML
    user_agent = CSS(filename=str(root / USER_AGENT_STYLESHEET), url_fetcher=fetcher)

    class ReportHTML(HTML):
        def __init__(self, string: str, base_url: str, url_fetcher: URLFetcher) -> None:
            tree = xhtml_tree(string)
            if tree is None:  # not well-formed: the HTML5 parser (same result, slower)
                super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
                return
            # what HTML.__init__ sets after parsing (WeasyPrint 70)
            self.base_url, self.url_fetcher, self.media_type = base_url, url_fetcher, "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                tree, content_language=None)
            self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, forms=False):
            return [user_agent]

    return ReportHTML


class _Delegate:
    """Stands in for a module or object another library uses, overriding one call; every
    other attribute is the original's. :func:`_stand_in` puts one in place."""

    def __init__(self, original) -> None:
        self._original = original

    def __getattr__(self, name: str):
        return getattr(self._original, name)


class _DeflateLevel6(_Delegate):
    """The ``zlib`` pydyf sees: ``compressobj`` at level 6 whatever level pydyf asks for.

    pydyf deflates every PDF stream (page contents, embedded font subsets) at level 9.
    Measured on the demo's streams: 36 ms per executive at level 9, 14 ms at level 6, for
    output 0.8% larger.
    """

    def compressobj(self, level: int = -1, *args, **kwargs):
        return self._original.compressobj(6, *args, **kwargs)


class _OpenArrays(_Delegate):
    """The ``ffi`` WeasyPrint's font subsetting sees: ``new("hb_codepoint_t[N]", items)``
    becomes ``new("hb_codepoint_t[]", items)``, the same array of the N items.

    WeasyPrint 70 writes the length into the C type (``f"hb_codepoint_t[{len(gids)}]"``,
    twice per font of each PDF); cffi parses every C type it has not seen with pycparser
    (about 5 ms: the parse includes every typedef WeasyPrint declared) and a report's glyph
    counts differ from document to document. An open array type is parsed once.
    """

    def new(self, cdecl, init=None):
        base, bracket, size = cdecl.rpartition("[")
        if bracket and size[:-1].isdigit() and init is not None and len(init) == int(size[:-1]):
            cdecl = base + "[]"
        return self._original.new(cdecl, init)


def _stand_in(module, name: str, delegate: type[_Delegate]) -> None:
    """Replace ``module.name`` by ``delegate`` over it, once; nothing when a later release
    no longer has that module global."""
    original = getattr(module, name, None)
    if original is not None and not isinstance(original, _Delegate):
        setattr(module, name, delegate(original))


class PdfRenderer:
    """Turns report HTML into PDF bytes; keep one per process (the stylesheet is parsed once)."""

    def __init__(self) -> None:
        _stand_in(pydyf, "zlib", _DeflateLevel6)
        _stand_in(weasyprint.pdf.fonts, "ffi", _OpenArrays)
        self.fetcher = TemplateAssetFetcher()
        self.base_url = self.fetcher.root.as_uri() + "/"
        self.html_class = _html_class(self.fetcher.root, self.fetcher)
        self.font_config = FontConfiguration()
        self.stylesheets = [CSS(filename=str(self.fetcher.root / STYLESHEET),
                                url_fetcher=self.fetcher, font_config=self.font_config)]
        if fonts_ready():  # the compact CJK font (xlperf.report.fonts); else full Noto
            faces = "\n".join(FONT_FACE.format(weight="bold" if w == "bold" else "normal",
                                                file=font_path(w).name) for w in SOURCES)
            self.stylesheets.insert(0, CSS(string=faces, base_url=self.base_url,
                                           url_fetcher=self.fetcher,
                                           font_config=self.font_config))

    def pdf(self, html: str, created: dt.date) -> bytes:
        """The PDF of ``html``, its metadata dated ``created`` (deterministic bytes)."""
        document = self.html_class(string=html, base_url=self.base_url,
                                   url_fetcher=self.fetcher)
        rendered = document.render(stylesheets=self.stylesheets, font_config=self.font_config)
        stamp = dt.datetime(created.year, created.month, created.day).isoformat() + "Z"
        rendered.metadata.created = rendered.metadata.modified = stamp
        rendered.metadata.generator = "xlperf"
        return rendered.write_pdf()
