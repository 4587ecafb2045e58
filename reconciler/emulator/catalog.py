"""Fixed reference data of the emulator: templates, knowledge-base stores, the merchant
and the 34 platform languages (values per notes/SEEDS.md). Pure data: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from typing import Final

MERCHANT_ID: Final = "3e1d0003-0000-4000-8000-000000000001"
MERCHANT_NAME: Final = "Demo Merchant"
DEFAULT_TOKEN: Final = "emulator-token"
SEED_TIME: Final = "2025-01-06T09:00:00.000Z"
LEGACY_TEMPLATE_TYPES: Final = frozenset({"offline_elai", "offline_synthesia"})


@dataclass(frozen=True)
class Template:
    """An avatar or voice template (merchant-avatar-list item)."""

    id: str
    name: str
    type: str
    mojito_language_code: str

    @property
    def is_offline(self) -> bool:
        """Pre-rendered video: questions of an active interview cannot change."""
        return self.type.startswith("offline_")

    @property
    def is_legacy(self) -> bool:
        return self.type in LEGACY_TEMPLATE_TYPES


def _template(number: int, name: str, kind: str, language: str) -> Template:
    return Template(f"7a1c0001-0000-4000-8000-{number:012d}", name, kind, language)


TEMPLATES: Final = (
    _template(1, "Ava", "interactive_heygen", "en"),
    _template(2, "Marcus", "interactive_heygen", "en"),
    _template(3, "Clara", "interactive_heygen", "de"),
    _template(4, "Emma (voice)", "interactive_elevenlabs", "en"),
    _template(5, "Lucas (voice)", "interactive_elevenlabs", "fr"),
    _template(6, "Grace (studio)", "offline_heygen", "en"),
    _template(7, "Oliver (studio)", "offline_heygen", "es"),
    _template(8, "Elai presenter (legacy)", "offline_elai", "en"),
    _template(9, "Synthesia presenter (legacy)", "offline_synthesia", "en"),
)
TEMPLATES_BY_ID: Final = {template.id: template for template in TEMPLATES}

KNOWLEDGE_BASE_STORES: Final = {
    "6b0c0002-0000-4000-8000-000000000001": "Product handbook",
    "6b0c0002-0000-4000-8000-000000000002": "Returns and refunds policy",
}


@dataclass(frozen=True)
class Language:
    """A platform language with its country (for the flag) and speech accents."""

    code: str
    english: str
    local: str
    country: str
    accents: tuple[tuple[str, str], ...]


def _lang(code: str, english: str, local: str, country: str, *accents: str) -> Language:
    pairs = tuple((accent, f"{english} ({accent.split('-')[1]})") for accent in accents)
    return Language(code, english, local, country, pairs)


LANGUAGES: Final = (
    _lang("ar", "Arabic", "العربية", "SA", "ar-SA", "ar-AE"),
    _lang("bg", "Bulgarian", "Български", "BG", "bg-BG"),
    _lang("zh", "Chinese", "中文", "CN", "zh-CN", "zh-TW"),
    _lang("hr", "Croatian", "Hrvatski", "HR", "hr-HR"),
    _lang("cs", "Czech", "Čeština", "CZ", "cs-CZ"),
    _lang("da", "Danish", "Dansk", "DK", "da-DK"),
    _lang("nl", "Dutch", "Nederlands", "NL", "nl-NL", "nl-BE"),
    _lang("en", "English", "English", "GB", "en-US", "en-GB", "en-AU"),
    _lang("fil", "Filipino", "Filipino", "PH", "fil-PH"),
    _lang("fi", "Finnish", "Suomi", "FI", "fi-FI"),
    _lang("fr", "French", "Français", "FR", "fr-FR", "fr-CA"),
    _lang("de", "German", "Deutsch", "DE", "de-DE", "de-AT", "de-CH"),
    _lang("el", "Greek", "Ελληνικά", "GR", "el-GR"),
    _lang("hi", "Hindi", "हिन्दी", "IN", "hi-IN"),
    _lang("hu", "Hungarian", "Magyar", "HU", "hu-HU"),
    _lang("id", "Indonesian", "Bahasa Indonesia", "ID", "id-ID"),
    _lang("it", "Italian", "Italiano", "IT", "it-IT"),
    _lang("ja", "Japanese", "日本語", "JP", "ja-JP"),
    _lang("ko", "Korean", "한국어", "KR", "ko-KR"),
    _lang("ms", "Malay", "Bahasa Melayu", "MY", "ms-MY"),
    _lang("no", "Norwegian", "Norsk", "NO", "nb-NO"),
    _lang("pl", "Polish", "Polski", "PL", "pl-PL"),
    _lang("pt", "Portuguese", "Português", "PT", "pt-PT"),
    _lang("br", "Portuguese (Brazil)", "Português (Brasil)", "BR", "pt-BR"),
    _lang("ro", "Romanian", "Română", "RO", "ro-RO"),
    _lang("ru", "Russian", "Русский", "RU", "ru-RU"),
    _lang("sk", "Slovak", "Slovenčina", "SK", "sk-SK"),
    _lang("es", "Spanish", "Español", "ES", "es-ES", "es-MX"),
    _lang("sv", "Swedish", "Svenska", "SE", "sv-SE"),
    _lang("ta", "Tamil", "தமிழ்", "IN", "ta-IN"),
    _lang("th", "Thai", "ไทย", "TH", "th-TH"),
    _lang("tr", "Turkish", "Türkçe", "TR", "tr-TR"),
    _lang("uk", "Ukrainian", "Українська", "UA", "uk-UA"),
    _lang("vi", "Vietnamese", "Tiếng Việt", "VN", "vi-VN"),
)
LANGUAGES_BY_CODE: Final = {language.code: language for language in LANGUAGES}
LANGUAGE_CODES: Final = tuple(language.code for language in LANGUAGES)
# Languages whose admin interface is translated; the others are candidate-facing only.
_ADMIN_LANGUAGES: Final = frozenset({"en", "de", "fr", "es", "nl", "pt", "br", "it"})


def speech_language(code: str | None) -> tuple[str | None, str | None]:
    """The derived speech locale and its name for a platform language (None when unknown)."""
    language = LANGUAGES_BY_CODE.get(code or "")
    return language.accents[0] if language else (None, None)


def language_item(language: Language) -> dict[str, Any]:
    """One platform-languages-list entry."""
    points = [0x1F1E6 + ord(letter) - ord("A") for letter in language.country]
    return {
        "code": language.code,
        "name_english": language.english,
        "name_local": language.local,
        "flag_image": f"https://flagcdn.com/{language.country.lower()}.svg",
        "flag_emoji": "".join(chr(point) for point in points),
        "flag_unicode": " ".join(f"U+{point:X}" for point in points),
        "coaching_interface": True,
        "interview_interface": True,
        "admin_interface": language.code in _ADMIN_LANGUAGES,
        "accents": [{"code": code, "name": name} for code, name in language.accents],
    }


def template_item(template: Template, position: int) -> dict[str, Any]:
    """One merchant-avatar-list entry; `position` orders the fixed updated_at stamps."""
    stamp = f"2025-01-06T09:{59 - position:02d}:00.000Z"  # earlier rows: newer stamps
    return {
        "id": template.id,
        "merchant_id": MERCHANT_ID,
        "name": template.name,
        "type": template.type,
        "status": "active",
        "visibility": "merchant_public",
        "mojito_language_code": template.mojito_language_code,
        "video_voice_language_name": LANGUAGES_BY_CODE[template.mojito_language_code].english,
        "media_url": None,
        "background_url": None,
        "background_blur": None,
        "video_background_remove": False,
        "video_avatar_image_url": None,
        "video_avatar_aspect_ratio": "16:9",
        "created_at": SEED_TIME,
        "updated_at": stamp,
    }
