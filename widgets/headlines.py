"""The related-news list's view: headlines with their links, stamps and directions.

Items go through :func:`~widgets.news.prepare_items`; each headline gets a
safe link, a stamp in the reader's Arabic (absolute, or relative while it is
young), an ISO instant and its own text direction. Nothing here knows Jinja2.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Final, NamedTuple

from .errors import InvalidInputError
from .l10n import Ago, Clock, Digits, Formatter, cached_formatter
from .news import NewsItem, NewsOrder, prepare_items, safe_url
from .views import day_start, require_aware, text_direction, text_language
from .zones import get_zone

__all__ = [
    "PUBLISHED_OFFSET",
    "THUMBNAIL_HEIGHT",
    "THUMBNAIL_WIDTH",
    "NewsEntry",
    "NewsOptions",
    "NewsView",
    "news_view",
    "to_minute",
]


THUMBNAIL_WIDTH: Final = 120
"""``width`` of a news thumbnail whose size the item does not give (pixels)."""
THUMBNAIL_HEIGHT: Final = 80
"""``height`` of a news thumbnail whose size the item does not give (pixels)."""
PUBLISHED_OFFSET: Final = "published"
"""``timezone=`` of the news: each item's stamp in the UTC offset its feed gave it."""
_UTC: Final = timezone.utc


class NewsEntry(NamedTuple):
    """One headline of the related-news list.

    ``href`` is empty when the item has no link to show (the title is then
    plain text); ``image`` is empty without a thumbnail. ``title_dir`` and
    ``source_dir`` are the direction of each text (:func:`text_direction`);
    ``title_lang`` and ``source_lang`` their language when it is not the
    list's (:func:`text_language`), else empty.
    """

    title: str
    href: str
    rel: str
    stamp: str
    iso: str
    source: str
    image: str
    image_width: int
    image_height: int
    title_dir: str = "auto"
    source_dir: str = "auto"
    title_lang: str = ""
    source_lang: str = ""


class NewsView(NamedTuple):
    """Everything the related-news list prints; ``heading_tag`` is ``h1``..``h6``."""

    lang: str
    dir: str
    heading: str
    entries: tuple[NewsEntry, ...]
    expires_at: datetime | None
    heading_tag: str = "h2"


class NewsOptions(NamedTuple):
    """The options of a related-news list, as plain values (part of its cache key)."""

    locale: str
    digits: Digits
    clock: Clock | None
    limit: int | None
    relative_within: timedelta | None
    exclude_url: str | None
    order: NewsOrder
    timezone: str | tzinfo | None
    pattern: str | None
    ago: Ago
    heading: str | None
    heading_level: int

    def view(
        self, items: Iterable[NewsItem | Mapping[str, object]], now: datetime | None
    ) -> NewsView:
        """The list's view model for ``items`` at ``now``."""
        return news_view(
            items,
            now=now,
            locale=self.locale,
            digits=self.digits,
            clock=self.clock,
            limit=self.limit,
            relative_within=self.relative_within,
            exclude_url=self.exclude_url,
            order=self.order,
            timezone=self.timezone,
            pattern=self.pattern,
            heading_level=self.heading_level,
            ago=self.ago,
            heading=self.heading,
        )


# --- related news -------------------------------------------------------------------------------


def _news_zone(zone: str | tzinfo | None, now: datetime | None) -> tzinfo | None:
    """The zone of every stamp, or ``None`` for each item's own offset."""
    if isinstance(zone, str) and zone == PUBLISHED_OFFSET:
        return None
    if zone is not None:
        return get_zone(zone)
    if now is not None and now.tzinfo is not None:
        return get_zone(now.tzinfo)
    return None


def _next_change(
    formatter: Formatter,
    published: datetime,
    now: datetime,
    within: timedelta,
    pattern: str | None,
) -> datetime | None:
    """The first instant after ``now`` at which the stamp of an item would read differently."""
    age = now - published
    if age >= within:
        return None  # absolute for good
    minute, hour = timedelta(minutes=1), timedelta(hours=1)
    zone = formatter.zone
    candidates = {day_start(now.astimezone(zone).date() + timedelta(1), zone)}
    if within < datetime.max - published.replace(tzinfo=None):  # a huge within never ends
        candidates.add(published + within)
    if age < timedelta(0):
        candidates.add(published)
    else:
        candidates.add(published + (age // minute + 1) * minute)
        candidates.add(published + (age // hour + 1) * hour)
    current = formatter.news_stamp(published, now, within, pattern)
    for candidate in sorted(candidates):
        if (
            candidate > now
            and formatter.news_stamp(published, candidate, within, pattern) != current
        ):
            return candidate
    return min(candidate for candidate in candidates if candidate > now)


def to_minute(moment: datetime) -> datetime:
    """``moment`` with its seconds dropped: news stamps are read to the minute.

    A relative stamp counts whole minutes between the minute of publication and
    the minute of ``now`` (the minutes a reader sees on the absolute stamp and
    on a clock), so it changes only when a minute starts and a list can be
    kept for the rest of that minute.

    >>> to_minute(datetime(2025, 4, 30, 22, 16, 59, 5, tzinfo=timezone.utc)).isoformat()
    '2025-04-30T22:16:00+00:00'
    """
    return moment.replace(second=0, microsecond=0)


def _thumbnail_size(width: int | None, height: int | None) -> tuple[int, int]:
    if width and height:
        return width, height
    if width:
        return width, max(1, round(width * THUMBNAIL_HEIGHT / THUMBNAIL_WIDTH))
    if height:
        return max(1, round(height * THUMBNAIL_WIDTH / THUMBNAIL_HEIGHT)), height
    return THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT


def news_view(
    items: Iterable[NewsItem | Mapping[str, object]],
    *,
    now: datetime | None = None,
    locale: str = "ar_EG",
    digits: Digits = "latn",
    clock: Clock | None = None,
    limit: int | None = 6,
    relative_within: timedelta | None = None,
    exclude_url: str | None = None,
    order: NewsOrder = "given",
    timezone: str | tzinfo | None = None,
    pattern: str | None = None,
    ago: Ago = "قبل",
    heading: str | None = None,
    heading_level: int = 2,
) -> NewsView:
    """Build the view model of the related-news list; see :func:`widgets.render_related_news`."""
    if now is not None:
        now = to_minute(require_aware("now", now))
    if relative_within is not None and now is None:
        raise InvalidInputError("now", now, "a timezone-aware datetime when relative_within is set")
    zone = _news_zone(timezone, now)
    formatter = cached_formatter(locale, zone or _UTC, digits, clock, None, ago)
    if heading is not None and not isinstance(heading, str):
        raise InvalidInputError("heading", heading, "a string or None")
    if isinstance(heading_level, bool) or heading_level not in range(1, 7):
        raise InvalidInputError("heading_level", heading_level, "a whole number from 1 to 6")
    if not isinstance(items, Iterable):
        raise InvalidInputError("items", items, "an iterable of NewsItem objects or mappings")
    prepared = prepare_items(items, limit=limit, exclude_url=exclude_url, order=order)
    entries: list[NewsEntry] = []
    expiries: list[datetime] = []
    for item in prepared:
        own = formatter
        if zone is None:  # the item's own offset
            own = cached_formatter(locale, item.published.tzinfo or _UTC, digits, clock, None, ago)
        href = safe_url(item.url) or ""
        image = (safe_url(item.image) or "") if item.image else ""
        width, height = _thumbnail_size(item.image_width, item.image_height)
        entries.append(
            NewsEntry(
                title=item.title,
                href=href,
                rel="noopener" if href.lower().startswith(("http:", "https:")) else "",
                stamp=own.news_stamp(to_minute(item.published), now, relative_within, pattern),
                iso=item.published.astimezone(own.zone).isoformat(),
                source=item.source or "",
                image=image,
                image_width=width,
                image_height=height,
                title_dir=text_direction(item.title, formatter.dir),
                source_dir=text_direction(item.source or "", formatter.dir),
                title_lang=text_language(item.title, formatter.lang, item.lang),
                source_lang=text_language(item.source or "", formatter.lang),
            )
        )
        if now is not None and relative_within is not None:
            published = to_minute(item.published)
            change = _next_change(own, published, now, relative_within, pattern)
            if change is not None:  # read to the minute: nothing changes before the next one
                change = max(change, now + timedelta(minutes=1))
                expiries.append(change.astimezone(own.zone))
    return NewsView(
        lang=formatter.lang,
        dir=formatter.dir,
        heading=formatter.labels.news if heading is None else heading,
        entries=tuple(entries),
        expires_at=min(expiries) if expiries else None,
        heading_tag=f"h{heading_level}",
    )
