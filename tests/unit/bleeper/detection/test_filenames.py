"""File names, written and spoken, with a known extension; web addresses and versions stay clear."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from bleeper.detection.recognizers.filenames import FilenameRecognizer


def found(text: str) -> list[str]:
    return [text[s:e] for s, e in FilenameRecognizer().matches(text)]


@pytest.mark.parametrize("text, name", [
    ("The pictures are in a file called rear_bumper_damage.jpg.", "rear_bumper_damage.jpg"),
    ("The screenshot is IMG_4471.PNG, I attached it.", "IMG_4471.PNG"),
    ("It's saved as claim_form_signed(2).pdf.", "claim_form_signed(2).pdf"),
    ("It's in Taxes/2012/brad-tax-returns.pdf on the drive.", "Taxes/2012/brad-tax-returns.pdf"),
    ("It's saved under Documents slash taxes slash 2023 slash return dot pdf.",
     "Documents slash taxes slash 2023 slash return dot pdf"),
    ("I uploaded it as lease dot P D F.", "lease dot P D F"),
    ("receipt underscore 0412 dot jpg", "receipt underscore 0412 dot jpg"),
    ("It's the Q3 deck dot pptx.", "Q3 deck dot pptx"),
    ("I sent the file report underscore final dot pdf.", "report underscore final dot pdf"),
    ("It's saved as budget final version two dot xls.", "budget final version two dot xls"),
    # long spoken names keep their head; a file type spelled out
    ("The export is named q four dash sales dash final dash v two dot csv.", "q four dash sales dash final dash v two dot csv"),
    ("I saved it as claim underscore photo underscore one one two dot png.", "claim underscore photo underscore one one two dot png"),
    ("I sent you the clip, it's called garage door noise dot W A V.", "garage door noise dot W A V"),
    ("The scan came as knee underscore mri dot dcm.", "knee underscore mri dot dcm"),
])
def test_a_file_name_is_found_written_or_spoken(text, name):
    assert name in found(text)


@pytest.mark.parametrize("text", [
    "Go to hartwell pharmacy dot com slash refill.",
    "Email me at sarah.jones@gmail.com please.",
    "It's version 4.2 of the app.",
    "The form is on page four of the PDF.",
    "Visit www.example.org/help for more.",
])
def test_addresses_versions_and_a_bare_file_type_are_not_file_names(text):
    assert found(text) == []


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_never_raises_and_returns_spans_inside_the_text(text):
    for start, end in FilenameRecognizer().matches(text):
        assert 0 <= start < end <= len(text)
