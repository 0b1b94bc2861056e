"""Render a report context to HTML with Jinja: sandboxed, autoescaped, strict.

Templates and labels live in ``report_templates/`` (shipped in the wheel as
``xlperf/report_templates``). ``t("section.key")`` prints a label in the chosen language
(``zh``, ``en`` or ``both``: "中文 English"), ``tr(bilingual)`` a
:class:`~xlperf.report.formats.Bilingual` text. Everything from a workbook is escaped; a
template cannot reach Python internals.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from xlperf.errors import InputError
from xlperf.report.formats import Bilingual
from xlperf.rules.annual import PART_LABELS
from xlperf.rules.categories import CATEGORIES

LANGS = ("zh", "en", "both")
TEMPLATES = {"appraisal": "appraisal.html", "payout": "payout.html", "summary": "summary.html"}


def templates_dir() -> Path:
    """The folder of the report templates (inside the package when installed from a wheel)."""
    packaged = Path(__file__).resolve().parent.parent / "report_templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "report_templates"


@functools.cache
def labels() -> dict[str, tuple[str, str]]:
    """Every label as ``"section.key": (zh, en)``: ``labels.toml``, and ``part.*`` and
    ``category.*`` from the core's names of the annual score's parts and of the categories."""
    with open(templates_dir() / "labels.toml", "rb") as handle:
        data = tomllib.load(handle)
    found = {f"{section}.{key}": (pair[0], pair[1])
             for section, entries in data.items() for key, pair in entries.items()}
    found.update({f"part.{part}": (zh, en) for part, (en, zh) in PART_LABELS.items()})
    found.update({f"category.{c.key}": (c.chinese, c.english) for c in CATEGORIES})
    return found


class Language:
    """Prints labels and bilingual texts in one language, or in both."""

    def __init__(self, lang: str) -> None:
        if lang not in LANGS:
            raise InputError(f'language is "{lang}", expected zh, en or both')
        self.lang = lang

    def plain(self, zh: str, en: str) -> str:
        """``zh``, ``en`` or, for both, ``"zh en"`` (Chinese first)."""
        if self.lang == "zh":
            return zh
        return en if self.lang == "en" or zh == en else f"{zh} {en}"

    def pick(self, zh: str, en: str) -> Markup:
        """:meth:`plain`, escaped for HTML (plain text: every extra element costs layout)."""
        return escape(self.plain(zh, en))

    def t(self, key: str) -> Markup:
        """The label ``section.key``; an unknown key is an error (templates are tested)."""
        return self.pick(*labels()[key])

    def label_or_text(self, section: str, text: str) -> Markup:
        """The label ``section.text`` when there is one, else ``text`` itself (user words)."""
        pair = labels().get(f"{section}.{text}")
        return self.pick(*pair) if pair else escape(text)

    def tr(self, text: Bilingual) -> Markup:
        """A bilingual text from the rules (instrument, event, group names)."""
        return self.pick(text.zh, text.en)

    def page_counter(self) -> str:
        """CSS ``content`` for the page counter, e.g. ``"Page " counter(page) " of " …``."""
        zh, en = labels()["doc.page"]
        parts = [zh, en] if self.lang == "both" else [zh if self.lang == "zh" else en]
        pieces = []
        for text in parts:
            text = text.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0")
            for i, chunk in enumerate(text.split("\0")):
                if i % 2:
                    pieces.append(f"counter({chunk})")
                elif chunk:
                    pieces.append(css_string(chunk))
            pieces.append('"   "')
        return " ".join(pieces[:-1])

    def page_style(self, header) -> Markup:
        """The CSS of the page margins: company, year and "confidential" at the top, the
        provenance (workbook, its sha256, policy) and the page counter at the bottom.

        Written as ``content`` strings, not running elements: four hidden elements per
        document cost 1.5% of a report's rendering. Workbook text is safe here:
        :func:`css_string` escapes every character that could end the string or the style.
        """
        year = f"{self.plain(*labels()['doc.year'])} {header.year}"
        provenance = (f"{header.workbook} · sha256 {header.workbook_sha256[:12]} · "
                      f"{header.policy}")
        boxes = {"top-left": css_string(header.company), "top-center": css_string(year),
                 "top-right": css_string(self.plain(*labels()["doc.confidential"])),
                 "bottom-left": css_string(provenance), "bottom-right": self.page_counter()}
        return Markup("@page { " + " ".join(f"@{box} {{ content: {content} }}"
                                            for box, content in boxes.items()) + " }")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string, inert in HTML and XML too: every character but
    letters, digits, spaces and other printable non-ASCII characters becomes a CSS escape
    (``<`` is ``\\3c ``), so nothing can end the string, the rule or the style element."""
    return '"' + "".join(c if c.isalnum() or c == " " or (ord(c) > 127 and c.isprintable())
                         else f"\\{ord(c):x} " for c in text) + '"'


@functools.cache
def environment() -> SandboxedEnvironment:
    """The Jinja environment of the reports (one per process)."""
    return SandboxedEnvironment(loader=FileSystemLoader(templates_dir()), autoescape=True,
                                undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _punctuation(lang: str) -> dict[str, str]:
    """Chinese text takes full-width punctuation with no space before it (“等级（按得分）”);
    English and both languages the ASCII marks (“Grade (by score)”)."""
    if lang == "zh":
        return {"colon": "：", "semicolon": "；", "lp": "（", "rp": "）"}
    return {"colon": ": ", "semicolon": "; ", "lp": " (", "rp": ")"}


def render_html(kind: str, report: object, lang: str = "both") -> str:
    """The HTML of a report (``kind``: appraisal, payout or summary) in ``lang``."""
    language = Language(lang)
    template = environment().get_template(TEMPLATES[kind])
    return template.render(report=report, lang=lang, t=language.t, tr=language.tr,
                           label=language.label_or_text, **_punctuation(lang),
                           page_style=language.page_style(report.header))
