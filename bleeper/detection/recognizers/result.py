"""The result every bleeper recognizer returns: Presidio's, carrying the recognizer's name and id
as Presidio's own recognizers attach them (the analyzer de-duplicates by them, and
detect.resolve_overlaps ranks rule-based results over spaCy's by the name)."""

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult


def result(recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float, why: str
           ) -> RecognizerResult:
    return RecognizerResult(
        entity, start, end, score,
        analysis_explanation=AnalysisExplanation(recognizer.name, score, textual_explanation=why),
        recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
                              RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id},
    )


def merged(found: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """(start, end, score) spans in order, overlapping ones joined into their union at the best
    score: one span per phrase however many patterns matched parts of it."""
    kept: list[tuple[int, int, float]] = []
    for start, end, score in sorted(found, key=lambda f: (f[0], -f[1])):
        if kept and start < kept[-1][1]:
            if end > kept[-1][1]:
                kept[-1] = (kept[-1][0], end, max(score, kept[-1][2]))
            continue
        kept.append((start, end, score))
    return kept
