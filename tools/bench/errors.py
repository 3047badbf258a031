"""The bench's one error: it cannot go on (no free ports, a failed warm-up, ffmpeg failing)."""


class BenchError(RuntimeError):
    pass
