"""bleeper as a library: redact a transcript's text or a whole recording in this process, with the
same detection and redaction the pipeline runs — no Redis, S3, worker or API involved.

    import bleeper
    done = bleeper.redact_text("Sure, my social is 078-05-1120.")
    done.text        # 'Sure, my social is ###-##-####.'
    done.entities    # [Entity(policy='us_social_security_number', ...)]

    done = bleeper.redact_file("call.mp3", "call.redacted.mp3", sub="entity_name")
    done.text        # the redacted transcript; call.redacted.mp3 has a beep over each value

The models (spaCy, the learned tagger, Whisper) load on first use and stay loaded in the process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from bleeper import policies as rules
from bleeper.config import Settings
from bleeper.custom import definitions
from bleeper.models import AudioOutput, CustomEntity, Entity, RedactedTranscript, Substitution, Transcript

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine


@dataclass(frozen=True)
class Redacted:
    """A redaction's result: the redacted text (words and sentences with their times when it came
    from audio), what was found (policy, offsets, times, score — the values themselves are not
    kept), and, for a file, what the redacted audio holds."""

    text: str
    entities: list[Entity]
    transcript: RedactedTranscript
    audio: AudioOutput | None = None
    policies: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def analyzer() -> AnalyzerEngine:
    from bleeper.detection import build_analyzer

    return build_analyzer()


_models: dict[tuple, object] = {}


def _whisper(settings: Settings):  # noqa: ANN202 — faster_whisper.WhisperModel
    """One model per name and device settings, loaded once in the process."""
    from bleeper.asr import load_model

    key = (settings.whisper_model, str(settings.model_cache), settings.whisper_device,
           settings.whisper_compute_type, settings.cpu_threads)
    if key not in _models:
        _models[key] = load_model(settings.whisper_model, settings)
    return _models[key]


def redact_text(text: str, *, policies: list[str] | None = None, exclude: list[str] | None = None,
                sub: str = Substitution.hash, custom: dict[str, str] | None = None,
                custom_entities: list[CustomEntity | dict] | None = None,
                settings: Settings | None = None) -> Redacted:
    """`text` with its PII substituted (`sub`: hash, entity_name, obfuscation, custom, pseudonym).

    `policies` are AssemblyAI policy names (default: every policy bleeper detects), `exclude`
    policies (or custom entity names) to leave visible; `custom_entities` your own entity types
    (`{"name": "PRODUCT_CODE", "pattern": r"\\d{5}-\\d{5}"}`, see README, Custom entities); the
    score thresholds are `settings.min_scores` (BLEEPER_DETECT_MIN_SCORE)."""
    transcript = Transcript(text=text, language="en", duration_ms=0, words=[], segments=[])
    return _redact(transcript, policies, exclude, sub, custom, settings or Settings(), custom_entities)


def redact_file(source: str | Path, out: str | Path, *, policies: list[str] | None = None,
                exclude: list[str] | None = None, sub: str = Substitution.hash, custom: dict[str, str] | None = None,
                method: str | None = None, language: str | None = None, multichannel: bool = False,
                custom_entities: list[CustomEntity | dict] | None = None,
                settings: Settings | None = None) -> Redacted:
    """Transcribe `source` (any audio or video ffmpeg reads; with `multichannel`, each channel
    apart, interleaved by time), redact its transcript, and write the audio with each value
    beeped on every channel (`method="silence"` to mute instead) to `out` (`.mp3` or `.wav`). The
    transcript is returned, never written."""
    from bleeper.asr import transcribe_audio
    from bleeper.media import probe
    from bleeper.redaction.audio import plan_intervals, render_audio

    settings = settings or Settings()
    source, out = Path(source), Path(out)
    quality = out.suffix.lower().lstrip(".")
    if quality not in ("mp3", "wav"):
        raise ValueError(f"out: write .mp3 or .wav, not {out.suffix or 'no extension'}")
    info = probe(source)
    model = _whisper(settings)
    transcript = transcribe_audio(source, model, language=language, beam_size=settings.whisper_beam_size,
                                  multichannel=multichannel)
    done = _redact(transcript, policies, exclude, sub, custom, settings, custom_entities)
    intervals = plan_intervals(done.entities, int(info.duration_s * 1000), settings.audio_padding_before_ms,
                               settings.audio_padding_after_ms)
    written = render_audio(source, out, intervals, info, method=method or settings.audio_method, quality=quality,
                           beep_hz=settings.beep_hz, beep_volume=settings.beep_volume)
    return Redacted(done.text, done.entities, done.transcript, written, done.policies)


def _redact(transcript: Transcript, wanted_policies: list[str] | None, exclude: list[str] | None, sub: str,
            custom: dict[str, str] | None, settings: Settings,
            custom_entities: list[CustomEntity | dict] | None = None) -> Redacted:
    from bleeper.detection import detect_pii
    from bleeper.redaction.text import Style, render_text, with_pseudonyms

    defined = definitions.check_all([CustomEntity.model_validate(e) for e in custom_entities or []],
                                    field="custom_entities")
    names = definitions.names(defined)
    rules.validate(wanted_policies, field="policies")
    if exclude:
        rules.validate(exclude, field="exclude", custom=names)
    rules.validate_custom(custom, names)
    wanted = rules.wanted(wanted_policies, exclude)
    entities = with_pseudonyms(transcript, detect_pii(transcript, analyzer(), wanted, settings.min_scores,
                                                      custom=definitions.wanted(defined, exclude),
                                                      pattern_timeout=settings.custom_pattern_timeout,
                                                      shown=definitions.excluded(defined, exclude)))
    redacted = render_text(transcript, entities, Style(Substitution(sub), dict(custom or {})))
    return Redacted(redacted.text, entities, redacted, policies=wanted)
