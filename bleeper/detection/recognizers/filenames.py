"""File names read out in support and claims calls: written (`rear_bumper_damage.jpg`,
`IMG_4471.PNG`, `Taxes/2012/brad-tax-returns.pdf`) and as Whisper writes them spoken
(`lease dot pdf`, `Documents slash taxes slash 2023 slash return dot pdf`, `receipt underscore
0412 dot P D F`). A name counts only with a known file extension, which no web domain ends in
(`.com`, `.org`), so URLs and e-mail addresses stay theirs."""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from bleeper.detection.recognizers.result import result

EXTENSIONS = ("pdf|jpe?g|png|gif|heic|heif|tiff?|bmp|webp|svg|psd|docx?|xlsx?|xlsm|pptx?|csv|tsv|txt|rtf|odt|ods|"
              "pages|numbers|key|eml|msg|ics|vcf|zip|rar|7z|tar|gz|tgz|mp3|mp4|m4a|wav|aac|mov|avi|mkv|wmv|json|"
              "xml|yaml|yml|log|ini|cfg|conf|bak|dat|db|sqlite|exe|msi|dmg|apk|pkg|iso|py|js|html?|css|md|"
              "qbw|qbb|dcm|dicom|stl|obj|gcode|ai|eps|indd|srt|vtt|flac|ogg|m4v|webm|epub|mobi|tax\\d{4}")
# the same said aloud letter by letter: "dot P D F", "dot J P G"
SPELLED = ("P D F|J P E? G|P N G|G I F|D O C X?|X L S X?|C S V|T X T|M P [34]|Z I P|H E I C|J peg|M O V|A V I|W A V|"
           "M 4 A|H T M L?|J S O N|X M L|P P T X?|R T F|D C M|L O G")
_PART = r"[\w()~+-]+"
WRITTEN = re.compile(rf"(?<![\w@/.\\-])(?:[A-Za-z]:\\)?(?:{_PART}[/\\])*{_PART}(?:\.{_PART})*\.(?:{EXTENSIONS})"
                     rf"(?![\w.@/-]*\w)", re.IGNORECASE)
_SAID_PART = r"[\w()-]+"
_JOIN = r" (?:underscore|dash|hyphen|dot) "
# up to eight words before the last part (`sync dash error dash two three`, `scan underscore zero zero four
# one`): the sentence's own words among them are cut off after (_SENTENCE_WORD, _LEADING)
SPOKEN = re.compile(rf"(?<![\w.'’])(?:{_SAID_PART} ){{0,8}}(?:{_SAID_PART} (?:slash|backslash) )*{_SAID_PART}(?:{_JOIN}{_SAID_PART})*"
                    rf" dot (?:(?i:{EXTENSIONS})|(?-i:{SPELLED}))\b", re.IGNORECASE)
# a spoken name ends in its extension: the pattern is tried only in the few hundred characters before
# one (over a whole transcript of `dash`es it was tried at every word, to the end of the text)
_EXTENSION_SAID = re.compile(rf" dot (?:(?i:{EXTENSIONS})|(?-i:{SPELLED}))\b", re.IGNORECASE)
_NAME_CHARS = 300

# words that are not the name of a file but the sentence before it
_LEADING = re.compile(r"(?:(?:it's|its|is|as|the|a|called|named|file|saved|under|in|at|it|that|this|my|and|"
                      r"uh|um|so|was|attached|upload(?:ed)?|sent|open|opened)\s+)+", re.IGNORECASE)


# a name said as words (`the Q3 deck dot pptx`, `budget final version two dot xls`) begins after
# the last word of the sentence around it: a function word or a verb of sending
_SENTENCE_WORD = re.compile(r"(?:.*\s)?(?:the|a|an|my|your|his|her|our|their|this|that|it's|its|is|was|as|called|"
                            r"named|file|files|saved|under|in|at|to|for|of|on|and|or|sent|emailed|uploaded|attached|"
                            r"open|opened|upload|send|email|attach|it|from|with|see|got|have|has|had|uh|um|so|them|him|her|us|you)\s",
                            re.IGNORECASE)


class FilenameRecognizer(EntityRecognizer):
    def __init__(self) -> None:
        super().__init__(supported_entities=["FILENAME"], name="FilenameRecognizer", supported_language="en")

    def load(self) -> None:
        pass

    def matches(self, text: str) -> list[tuple[int, int]]:
        found = [m.span() for m in WRITTEN.finditer(text)]
        spoken: set[tuple[int, int]] = set()
        for ext in _EXTENSION_SAID.finditer(text):
            start = max(0, ext.start() - _NAME_CHARS)
            if start:  # from a word's start: the pattern's look-behind sees the text before the window
                space = text.find(" ", start, ext.start())
                start = space + 1 if space >= 0 else ext.start()
            spoken.update(m.span() for m in SPOKEN.finditer(text, start, ext.end()))
        for start, end in sorted(spoken):
            head = text[start:end].rsplit(" dot ", 1)[0]
            said = _SENTENCE_WORD.match(head)
            start += said.end() if said else 0
            lead = _LEADING.match(text, start, end)
            found.append((lead.end() if lead else start, end))
        return [(s, e) for s, e in found if e > s]

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:  # noqa: ANN001
        if "FILENAME" not in entities:
            return []
        return [result(self, "FILENAME", s, e, 0.9, "file name with its extension") for s, e in self.matches(text)]
