"""The static half of a custom pattern's check: shapes of a regular expression's parse tree (Python's
`re` parser) that make a backtracking matcher take exponential time.

Refused: backreferences; inside a repeated group, a repeat of variable length that can also take
what follows it, in the group or in the group's next round (`(a+)+`, `(\\w+\\s?)*`, `(.*a){5}`);
a long repeat over alternatives that can start with the same character or be empty (`(a|aa)*`);
an unbounded repeat of something that can match nothing (`(a?)*`); counts over MAX_COUNT.
Character sets are compared over a small universe (printable ASCII and a few characters Whisper
writes), which is enough to tell whether two parts can take the same character.
"""

from __future__ import annotations

import re._constants as C  # noqa: N812 — the parser's opcodes

MAX_COUNT = 1000  # the largest {m,n} bound
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_BIG = 10  # a repeat bounded at more than this many times counts as unbounded for alternatives


def _items(tree):  # noqa: ANN001, ANN202 — sre_parse's SubPattern and tuples
    """(op, argument) pairs of a parse tree or of a subpattern's body."""
    return list(tree)


def _children(op, av) -> list:  # noqa: ANN001 — sre_parse nodes
    if op in _REPEATS:
        return [av[2]]
    if op == C.SUBPATTERN:
        return [av[3]]
    if op == C.BRANCH:
        return list(av[1])
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]]
    if op == C.ATOMIC_GROUP:
        return [av]
    return []


def _walk(tree):  # noqa: ANN001, ANN202
    for op, av in _items(tree):
        yield op, av
        for child in _children(op, av):
            yield from _walk(child)


def _big_repeat(op, av) -> bool:  # noqa: ANN001
    return op in _REPEATS and av[1] > 1 and (av[1] == C.MAXREPEAT or av[1] > _BIG) and av[0] != av[1]


def nullable(tree) -> bool:  # noqa: ANN001
    """Can the subpattern match the empty string?"""
    for op, av in _items(tree):
        if op in _REPEATS:
            if av[0] > 0 and not nullable(av[2]):
                return False
        elif op == C.SUBPATTERN:
            if not nullable(av[3]):
                return False
        elif op == C.BRANCH:
            if not any(nullable(b) for b in av[1]):
                return False
        elif op == C.ATOMIC_GROUP:
            if not nullable(av):
                return False
        elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        else:
            return False
    return True


# the characters overlap is judged on: printable ASCII and a few others Whisper writes
UNIVERSE = "".join(chr(c) for c in range(32, 127)) + "\n\t\u00e9\u2019\u00a0"
_CATEGORY = {C.CATEGORY_DIGIT: str.isdigit, C.CATEGORY_SPACE: str.isspace,
             C.CATEGORY_WORD: lambda c: c.isalnum() or c == "_"}
_NOT = {C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT, C.CATEGORY_NOT_SPACE: C.CATEGORY_SPACE,
        C.CATEGORY_NOT_WORD: C.CATEGORY_WORD}


def _category(cat, ch: str) -> bool:  # noqa: ANN001
    if cat in _NOT:
        return not _CATEGORY[_NOT[cat]](ch)
    test = _CATEGORY.get(cat)
    return bool(test and test(ch))


def _set_has(items, ch: str) -> bool:  # noqa: ANN001 — the members of an IN node
    hit, negate = False, False
    for op, av in items:
        if op == C.NEGATE:
            negate = True
        elif op == C.LITERAL:
            hit = hit or chr(av).lower() == ch.lower()
        elif op == C.RANGE:
            lo, hi = av
            hit = hit or any(lo <= ord(c) <= hi for c in {ch, ch.lower(), ch.upper()})
        elif op == C.CATEGORY:
            hit = hit or _category(av, ch)
    return hit != negate


def _single(op, av) -> frozenset[str] | None:  # noqa: ANN001
    """The universe's characters a one-character node matches; None for other nodes."""
    if op == C.LITERAL:
        return frozenset(c for c in UNIVERSE if c.lower() == chr(av).lower())
    if op == C.NOT_LITERAL:
        return frozenset(c for c in UNIVERSE if c.lower() != chr(av).lower())
    if op == C.ANY:
        return frozenset(UNIVERSE) - {"\n"}
    if op == C.IN:
        return frozenset(c for c in UNIVERSE if _set_has(av, c))
    if op == C.CATEGORY:
        return frozenset(c for c in UNIVERSE if _category(av, c))
    return None


def chars(tree) -> frozenset[str]:  # noqa: ANN001
    """Every character a subpattern can consume."""
    out: set[str] = set()
    for op, av in _walk(tree):
        single = _single(op, av)
        if single:
            out |= single
    return frozenset(out)


def _first_chars(tree) -> frozenset[str]:  # noqa: ANN001
    """Characters a subpattern can start with."""
    out: set[str] = set()
    for op, av in _items(tree):
        single = _single(op, av)
        if single is not None:
            return frozenset(out | single)
        if op in _REPEATS:
            out |= _first_chars(av[2])
            if av[0] > 0:
                return frozenset(out)
            continue
        if op == C.SUBPATTERN or op == C.ATOMIC_GROUP:
            body = av[3] if op == C.SUBPATTERN else av
            out |= _first_chars(body)
            if not nullable(body):
                return frozenset(out)
            continue
        if op == C.BRANCH:
            for b in av[1]:
                out |= _first_chars(b)
            if not any(nullable(b) for b in av[1]):
                return frozenset(out)
            continue
        # anchors and lookarounds take no characters
    return frozenset(out)


def _ambiguous_branch(tree) -> bool:  # noqa: ANN001
    """An alternation in `tree` whose alternatives can start alike, or where one can be empty."""
    for op, av in _walk(tree):
        if op == C.BRANCH:
            branches = av[1]
            if any(nullable(b) for b in branches):
                return True
            firsts = [_first_chars(b) for b in branches]
            for i in range(len(firsts)):
                for j in range(i + 1, len(firsts)):
                    if firsts[i] & firsts[j]:
                        return True
    return False


def _flows_on(items, follow: frozenset[str], in_loop: bool) -> bool:  # noqa: ANN001
    """Is there, inside a repeated group, a repeat of variable length whose characters can also be
    taken by what follows it (the rest of the group, or the group's next round)? A run of text can
    then be split between them in exponentially many ways: `(a+)+`, `(\\w+\\s?)*`, `(.*a){20}`.
    `(\\d+\\.){3}` and `(\\s\\w+)*` are fine: what follows the inner repeat cannot be taken by it."""
    items = list(items)
    for i, (op, av) in enumerate(items):
        rest = items[i + 1:]
        after = _first_chars(rest) | (follow if nullable(rest) else frozenset())
        if op in _REPEATS:
            body, loops = av[2], av[1] > 1
            if loops and in_loop and av[0] != av[1] and chars(body) & after:
                return True
            if _flows_on(body, after | (_first_chars(body) if loops else frozenset()), in_loop or loops):
                return True
        elif op == C.SUBPATTERN and _flows_on(av[3], after, in_loop):
            return True
        elif op == C.ATOMIC_GROUP and _flows_on(av, after, in_loop):
            return True
        elif op == C.BRANCH and any(_flows_on(b, after, in_loop) for b in av[1]):
            return True
    return False


def static_problem(tree) -> str | None:  # noqa: ANN001
    if _flows_on(tree, frozenset(), False):
        return ("a repeated group holds a repeat of variable length that can also take what follows it (like "
                "`(a+)+`, `(\\w+\\s?)*` or `(.*a){5}`), which can take exponential time; make what follows each "
                "inner repeat something it cannot match, e.g. `\\w+(\\s\\w+)*` or `(\\d{1,3}\\.){3}`")
    for op, av in _walk(tree):
        if op in (C.GROUPREF, C.GROUPREF_EXISTS):
            return "backreferences are not supported (they can take exponential time); remove them"
        if op in _REPEATS and av[1] != C.MAXREPEAT and av[1] > MAX_COUNT:
            return f"a repeat count is over {MAX_COUNT}; use a smaller bound"
        if op in _REPEATS and av[0] > MAX_COUNT:
            return f"a repeat count is over {MAX_COUNT}; use a smaller bound"
        if op in _REPEATS and av[1] > 1:
            body = av[2]
            if _big_repeat(op, av) and _ambiguous_branch(body):
                return ("a repeated group has alternatives that can start with the same character or be empty "
                        "(like `(a|aa)*`), which can take exponential time; make the alternatives start "
                        "differently or use a character class like `[ab]+`")
            if av[1] == C.MAXREPEAT and nullable(body):
                return ("an unbounded repeat of something that can match nothing (like `(a?)*`); "
                        "make what is repeated match at least one character")
    return None
