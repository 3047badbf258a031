"""The language codes a job may ask for: Whisper's, plus AssemblyAI's regional names for them."""

from __future__ import annotations

from pathlib import PurePath

from bleeper.errors import InvalidRequest

# faster_whisper.tokenizer._LANGUAGE_CODES (1.2.1), copied so that checking a request loads no
# tokenizer; tests/unit/bleeper/test_languages.py keeps the two equal.
WHISPER = (
    "af am ar as az ba be bg bn bo br bs ca cs cy da de el en es et eu fa fi fo fr gl gu ha haw he hi hr ht "
    "hu hy id is it ja jw ka kk km kn ko la lb ln lo lt lv mg mi mk ml mn mr ms mt my ne nl nn no oc pa pl ps "
    "pt ro ru sa sd si sk sl sn so sq sr su sv sw ta te tg th tk tl tr tt uk ur uz vi yi yo zh yue"
).split()
# AssemblyAI's codes that are not Whisper's (the SDK's LanguageCode): the language they narrow
AAI_REGIONAL = {"en_us": "en", "en_uk": "en", "en_au": "en", "de_ch": "de"}
# Cantonese came with large-v3: base's tokenizer has no <|yue|> token (measured on the pinned weights)
BEFORE_V3 = {"base": set(WHISPER) - {"yue"}}


def normalize(code: str) -> str:
    """AssemblyAI's spelling to Whisper's (`en_us`, `en-US` → `en`); anything else lower-cased, as is."""
    code = code.lower().replace("-", "_")
    return AAI_REGIONAL.get(code, code)


def english_only(model: str) -> bool:
    return PurePath(model).name.endswith(".en")


def check(code: str, model: str) -> None:
    """Refuse a code Whisper does not know, or one the model (`BLEEPER_WHISPER_MODEL`) cannot do."""
    language = normalize(code)
    if language not in WHISPER:
        raise InvalidRequest("language_code: unknown language; valid codes are "
                             f"{', '.join(WHISPER)} and AssemblyAI's {', '.join(AAI_REGIONAL)}")
    if english_only(model) and language != "en":
        raise InvalidRequest(f"language_code: this deployment's model ({PurePath(model).name}) transcribes English "
                             "only; use en (or en_us, en_uk, en_au) or leave language_code out")
    if language not in BEFORE_V3.get(model, WHISPER):
        raise InvalidRequest(f"language_code: this deployment's model ({model}) does not have this language "
                             "(Whisper added it in large-v3); leave language_code out to detect the language")
