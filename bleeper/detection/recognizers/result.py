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
