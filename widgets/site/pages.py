"""The demo pages of a static build: their words, and their templates in ``templates/site/``.

The pages show a news site's frame around the widgets: the strip in the
header, an article with the related news, a month's timetable, the Ramadan
imsakiya and, for a build of several places, an index. A site replaces any
of them by a template of the same name (``site/article.html``...) in a folder
of its own, searched first. The templates get named tuples, read by field:
``page`` (:class:`PageFrame`), ``text`` (:class:`Words`), ``city``
(:class:`PlaceFacts`), ``links`` (:class:`Link`) and ``cities``
(:class:`CityEntry`), beside the finished fragments.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Final, NamedTuple

import jinja2
import jinja2.compiler
import jinja2.nodes

import widgets

__all__ = [
    "PAGE_CSS",
    "TEXTS",
    "CityEntry",
    "Link",
    "PageFrame",
    "PlaceFacts",
    "Words",
    "page_css",
    "render_page",
    "texts",
]

PAGE_CSS: Final = "site/page.css"
"""The demo pages' own style sheet, beside widgets.css."""


class Words(NamedTuple):
    """The demo pages' own words (``text`` in their templates).

    ``body`` is the article's paragraphs; the second names ``{city}`` and
    ``{method}``. ``days`` is a day page's link label, with ``{date}``.
    """

    site_name: str
    headline: str
    body: tuple[str, ...]
    method: str
    month: str
    ramadan: str
    json: str
    days: str
    built: str
    tz_database: str
    cities: str


class PageFrame(NamedTuple):
    """What ``site/base.html`` prints around every page (``page`` in the templates).

    ``assets`` is the relative path to the folder of the style sheets and the
    script, ``home`` the index; ``built`` is the build's ISO instant and
    ``built_text`` the same as readers read it; ``date_iso`` and ``date``
    are the article's date, empty on other pages.
    """

    lang: str
    dir: str
    title: str
    assets: str
    home: str
    script: bool
    generator: str
    built: str
    built_text: str
    tz_database: str
    date_iso: str = ""
    date: str = ""


class Link(NamedTuple):
    """A link of a place's footer."""

    href: str
    label: str


class PlaceFacts(NamedTuple):
    """What a place's footer says of it (``city`` in the templates): its method and source."""

    method_name: str
    method_source: str


class CityEntry(NamedTuple):
    """A place on the index of a build with several: its page, name and strip."""

    href: str
    name: str
    strip: str


TEXTS: Final[Mapping[str, Words]] = {
    "ar": Words(
        site_name="صحيفة المثال",
        headline="صفحة تجريبية: مواقيت الصلاة والأخبار ذات الصلة",
        body=(
            "هذه صفحة مثال تعرض ما تضيفه الحزمة إلى موقع إخباري: شريط مواقيت الصلاة"
            " في رأس الصفحة، وقائمة الأخبار ذات الصلة بجوار نص المقال.",
            "تُحسب المواقيت الستة لمدينة {city} بطريقة «{method}»، ويظهر معها التاريخان"
            " الميلادي والهجري، وتُميَّز الصلاة القادمة. وإذا تعذّر حساب وقت ما ظهرت"
            " مكانه شَرطة «—» بدلًا من وقت خاطئ.",
            "كل جزء ملف HTML مستقل يمكن تضمينه في أي قالب أو تقديمه ملفًا ثابتًا،"
            " ويُعاد توليده عند كل تشغيل مجدول دون أن يبقى ملف نصف مكتوب.",
        ),
        method="طريقة الحساب",
        month="مواقيت الشهر",
        ramadan="إمساكية رمضان",
        json="المواقيت بصيغة JSON",
        days="يوم {date}",
        built="أُنشئت",
        tz_database="قاعدة المناطق الزمنية",
        cities="المدن",
    ),
    "en": Words(
        site_name="The Sample Daily",
        headline="A sample page: prayer times and related news",
        body=(
            "This page shows what the package adds to a news site: the prayer strip in"
            " the page header and the related-news list beside the article text.",
            "The six times for {city} are computed with the {method} method and shown"
            " with the Gregorian and Hijri dates, the next prayer marked. A time that"
            " cannot be computed is shown as «—», never as a wrong time.",
            "Each part is a standalone HTML file that any template can include or a"
            " server can send as it is; a scheduled run rewrites it without ever"
            " leaving half a file behind.",
        ),
        method="Calculation method",
        month="This month's times",
        ramadan="Ramadan timetable",
        json="Times as JSON",
        days="{date}",
        built="Built",
        tz_database="tz database",
        cities="Cities",
    ),
}


def texts(lang: str, site_name: str | None) -> Words:
    """The demo pages' words for a BCP 47 ``lang`` (Arabic, else English)."""
    chosen = TEXTS["ar" if lang.split("-")[0] == "ar" else "en"]
    return chosen._replace(site_name=site_name) if site_name else chosen


@lru_cache(maxsize=8)
def _environment(folder: str | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(widgets.templates_path()))]
    if folder is not None:
        loaders.insert(0, jinja2.FileSystemLoader(folder))
    return widgets.template_environment(jinja2.ChoiceLoader(loaders))


def render_page(folder: str | os.PathLike[str] | None, name: str, **context: object) -> str:
    """Render the demo page ``site/<name>``, from ``folder`` when it has one, else ours."""
    env = _environment(None if folder is None else os.fspath(folder))
    return env.get_template(f"site/{name}").render(**context)


def page_css(folder: str | os.PathLike[str] | None) -> bytes:
    """The demo pages' style sheet, from ``folder`` when it has one, else ours."""
    if folder is not None:
        own = Path(folder) / PAGE_CSS
        if own.is_file():
            return own.read_bytes()
    return (widgets.templates_path() / PAGE_CSS).read_bytes()
