"""spaCy for Presidio, doing only the work detection reads: named entities, where a name can be.

Detection reads three things from spaCy: the tokens (context words around a match), their
lemmas (context words again) and the named entities (people, places, organisations). Everything
else in the pipeline is cost without use, so the model loads with its NER alone: in
`en_core_web_sm` the NER has its own token encoder, and the shared `tok2vec`, the tagger, the
attribute ruler, the lemmatizer and the parser feed only each other. Lemmas become lower-cased
tokens: Presidio matches context words as substrings (`number` in `numbers`), which is what
the lemma bought.

NER, the costliest step left, runs only on the sentences that can hold a name. Whisper
capitalises names and sentence starts, so a sentence whose only capitals are its first word (a
common one: `Okay`, `So`, `What`), single letters (`I`, a spelled `D E L`: names.py reads those),
call vocabulary (`CVV`, `Visa`) and months has nothing for spaCy to find that would be kept. A
sentence written all in lower case says nothing about names either way, so it goes to spaCy too
(`it's under my husband's name, bill ferrante`). bench/detect_speed.py measures what this saves;
both eval sets score the same with and without it.
"""

from __future__ import annotations

from bisect import bisect_right

import spacy
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from bleeper.detection.recognizers.spacy_filtered import DOMAIN_WORDS

# everything en_core_web_sm has besides the NER
UNUSED_PIPES = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
_SENTENCE_END = {".", "?", "!", "…"}
# capitalised words that are not names in a call: what spaCy finds around them is dropped anyway
# (spacy_filtered.py, the analyzer's allow list) or is a date, which spaCy is not asked for
_NOT_NAMES = DOMAIN_WORDS | {
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "cvc", "id", "dl", "vin", "mri", "ach", "irs", "visa", "mastercard", "amex", "discover",
}
# first words of a sentence that are never a name on their own
_COMMON_STARTERS = STOP_WORDS | _NOT_NAMES | {
    "yes", "yeah", "yep", "no", "nope", "okay", "ok", "hi", "hello", "hey", "thanks", "thank", "sure", "great",
    "perfect", "alright", "right", "um", "uh", "oh", "got", "sorry", "good", "absolutely", "correct", "exactly",
    "let", "sounds", "awesome", "wonderful", "cool", "gotcha", "hmm", "mm", "wow", "checking", "savings",
    "security", "social", "expiration", "expires", "date", "text", "hold", "auto", "member", "mailing",
}


def sentences(doc: Doc) -> list[Span]:
    """Split at sentence-ending punctuation (the parser that knows better is not loaded)."""
    found, start = [], 0
    for token in doc:
        if token.is_punct and token.text[-1] in _SENTENCE_END:
            found.append(doc[start:token.i + 1])
            start = token.i + 1
    if start < len(doc):
        found.append(doc[start:])
    return found


def may_hold_a_name(sentence: Span) -> bool:
    words = [t for t in sentence if t.text[:1].isalpha()]
    if not words:
        return False
    if words[0].text[0].islower():
        return True  # written without capitals: casing tells nothing here
    return any(
        t.text[0].isupper() and len(t.text.rstrip(".")) > 1 and t.lower_ not in _NOT_NAMES
        and not (t is words[0] and t.lower_ in _COMMON_STARTERS)
        for t in words
    )


class CallNlpEngine(SpacyNlpEngine):
    def load(self) -> None:
        # no _download_spacy_model_if_needed: a missing model is an install error, never a download
        self.nlp = {m["lang_code"]: spacy.load(m["model_name"], exclude=UNUSED_PIPES) for m in self.models}

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        nlp = self.nlp[language]
        doc = nlp.make_doc(text)
        candidates = [s for s in sentences(doc) if may_hold_a_name(s)]
        entities = []
        for sentence, parsed in zip(candidates, nlp.pipe(s.text for s in candidates)):
            for ent in parsed.ents:
                span = doc.char_span(sentence.start_char + ent.start_char, sentence.start_char + ent.end_char,
                                     label=ent.label_, alignment_mode="expand")
                if span is not None:
                    entities.append(span)
        doc.ents = entities
        return self._doc_to_nlp_artifact(doc, language)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        entities, scores = self._get_updated_entities(list(doc.ents), self._get_scores_for_entities(doc))
        artifacts = NlpArtifacts(
            entities=entities, tokens=doc, tokens_indices=[t.idx for t in doc], lemmas=[t.lower_ for t in doc],
            nlp_engine=self, language=language, scores=scores,
        )
        # Presidio asks `word in keywords` for each word around each match: a list makes that
        # quadratic in a long call
        artifacts.keywords = frozenset(artifacts.keywords)
        return artifacts


class CallContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer, finding a match's token by bisect instead of walking the
    document from its start for every match (minutes of a call hold hundreds of matches and
    thousands of tokens), and without the matched text in its error message."""

    @staticmethod
    def _find_index_of_match_token(word: str, start: int, tokens: Doc, tokens_indices: list[int]) -> int:
        # the first token that starts at `start` or runs past it, as Presidio's scan finds it
        i = bisect_right(tokens_indices, start) - 1
        if i < 0 or start >= tokens_indices[i] + len(tokens[i]):
            i += 1
        if i >= len(tokens_indices):
            raise ValueError(f"no token at character {start}")
        return i
