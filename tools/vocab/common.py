"""common_words.txt: the 50,000 commonest English words (wordfreq, its `en` list), letters only,
so detection can tell a misspelled drug name (`metforman`) from an everyday word that is near one
in spelling (`policy` ~ `polivy`) without wordfreq at run time."""

from __future__ import annotations

from wordfreq import top_n_list

SIZE = 50_000


def common_words(version: str) -> str:
    words = sorted({w for w in top_n_list("en", SIZE) if w.isalpha()})
    return (f"# common_words: built by build_vocab.py from wordfreq {version}: the {SIZE:,} commonest English words,"
            " letters only\n" + "\n".join(words) + "\n")
