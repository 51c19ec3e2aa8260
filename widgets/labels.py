"""The widgets' own words: interface labels and prayer names, in Arabic and English.

Plain data, no Babel: :mod:`widgets.l10n` picks the set for a locale.
"""

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from .methods import Prayer

__all__ = ["LABELS_AR", "LABELS_EN", "PRAYER_NAMES_AR", "PRAYER_NAMES_EN", "Labels"]


class Labels(NamedTuple):
    """The words of the widgets' own interface in one language (``{city}``... are filled in).

    A named tuple (immutable, built by keyword): two sets are made once, at import.
    """

    strip: str
    next: str
    unavailable: str
    countdown: str
    month: str
    imsakiya: str
    date: str
    ramadan: str
    imsak: str
    news: str
    tomorrow: str
    jumuah: str
    pause: str
    resume: str


LABELS_AR = Labels(
    strip="مواقيت الصلاة في {city}",
    next="الصلاة القادمة",
    unavailable="غير متاح",
    countdown="باقٍ على {name} {time}",
    month="مواقيت الصلاة في {city}، {month}",
    imsakiya="إمساكية رمضان {year} هـ، {city}",
    date="التاريخ",
    ramadan="رمضان",
    imsak="الإمساك",
    news="أخبار ذات صلة",
    tomorrow="غدًا",
    jumuah="الجمعة",
    pause="إيقاف العدّ",
    resume="متابعة العدّ",
)
LABELS_EN = Labels(
    strip="Prayer times in {city}",
    next="next prayer",
    unavailable="not available",
    countdown="{name} in {time}",
    month="Prayer times in {city}, {month}",
    imsakiya="Ramadan {year} AH imsakiya, {city}",
    date="Date",
    ramadan="Ramadan",
    imsak="Imsak",
    news="Related news",
    tomorrow="tomorrow",
    jumuah="Jumuah",
    pause="Pause countdown",
    resume="Resume countdown",
)


PRAYER_NAMES_AR: Mapping[Prayer, str] = MappingProxyType(
    {
        Prayer.FAJR: "الفجر",
        Prayer.SUNRISE: "الشروق",
        Prayer.DHUHR: "الظهر",
        Prayer.ASR: "العصر",
        Prayer.MAGHRIB: "المغرب",
        Prayer.ISHA: "العشاء",
    }
)
PRAYER_NAMES_EN: Mapping[Prayer, str] = MappingProxyType(
    {
        Prayer.FAJR: "Fajr",
        Prayer.SUNRISE: "Sunrise",
        Prayer.DHUHR: "Dhuhr",
        Prayer.ASR: "Asr",
        Prayer.MAGHRIB: "Maghrib",
        Prayer.ISHA: "Isha",
    }
)
