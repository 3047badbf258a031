"""A quantity as read from the text, and what it reads as: a price (`forty nine ninety nine`), a
year (`nineteen eighty`), a clock time (`ten oh five`), a card expiry (`oh four twenty-six`).
Cardinals said one after another stay apart as groups, and each reading decides how to join them;
quantities.py finds the quantities."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Group:
    """One cardinal: `forty-two hundred` (4200), `oh two` (2, zero_led), `$1,250.00` (1250.0)."""
    value: float
    zero_led: bool = False
    words: int = 1  # tokens it took: "nine" 1, "forty nine" 2, "1,250" 1


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    groups: tuple[Group, ...]
    spoken: bool
    approximate: bool  # -ish, -something, -odd, "and some change", "a couple", a hedge before it

    @property
    def value(self) -> float | None:
        return self.groups[0].value if len(self.groups) == 1 else None

    @property
    def whole(self) -> int | None:
        """The value as a whole number, if it is one cardinal and whole."""
        v = self.value
        return int(v) if v is not None and v == int(v) else None

    @property
    def digit_string(self) -> bool:
        """Digits read one at a time (`three one seven`): an identifier, not a quantity."""
        return (len(self.groups) >= 3 and self._dollars_and_cents() is None) \
            or (len(self.groups) == 2 and all(g.value < 10 for g in self.groups))

    def _dollars_and_cents(self) -> float | None:
        """`one forty-nine ninety-nine` 149.99: hundreds said as a digit, then tens, then cents
        (each of the last two a tens word, never a digit read alone)."""
        if len(self.groups) != 3 or any(g.zero_led or g.value != int(g.value) for g in self.groups):
            return None
        a, b, c = (g.value for g in self.groups)
        return a * 100 + b + c / 100 if 1 <= a <= 9 and 10 <= b <= 99 and 10 <= c <= 99 else None

    def price(self) -> float | None:
        """`forty nine ninety nine` 49.99, `eighty-six fifty` 86.5, `two eighty-five` 285,
        `one forty-nine ninety-nine` 149.99, `four thousand one ninety` 4190."""
        if len(self.groups) == 1:
            return self.groups[0].value
        if len(self.groups) == 3:
            return self._dollars_and_cents()
        if len(self.groups) == 2:
            a, b = (g.value for g in self.groups)
            # `four thousand one ninety`: the hundreds said like a price's (`one ninety`) after thousands
            if a >= 1000 and a == int(a) and 1 <= a % 1000 <= 9 and b == int(b) and 10 <= b <= 99 \
                    and not self.groups[1].zero_led:
                return a - a % 1000 + a % 1000 * 100 + b
            if 10 <= b <= 99 and b == int(b) and a == int(a) and 1 <= a <= 999 \
                    and not (self.groups[0].zero_led or self.groups[1].zero_led):
                # `a hundred and twelve forty` 112.40: dollars past a hundred said whole, then cents
                return a * 100 + b if a < 10 else a + b / 100
        return None

    def year(self) -> int | None:
        """`nineteen eighty` 1980, `twenty twenty-nine` 2029, `two thousand one`, `1971`."""
        if len(self.groups) == 1:
            v = self.whole
            return v if v is not None and 1900 <= v <= 2099 else None
        if len(self.groups) == 2:
            a, b = self.groups
            if a.value in (19, 20) and not a.zero_led and b.value == int(b.value) and 0 <= b.value <= 99 \
                    and (b.value >= 10 or b.zero_led):
                return int(a.value * 100 + b.value)
        return None

    def clock(self) -> tuple[int, int] | None:
        """`seven` 7:00, `ten oh five` 10:05, `seventeen forty` 17:40."""
        if len(self.groups) == 1:
            v = self.whole
            return (v, 0) if v is not None and 0 <= v <= 24 and not self.spoken_hundreds else None
        if len(self.groups) == 2:
            h, m = self.groups
            if h.value == int(h.value) and 0 <= h.value <= 24 and m.value == int(m.value) and 0 <= m.value <= 59 \
                    and (m.value >= 10 or m.zero_led):
                return int(h.value), int(m.value)
        return None

    def digits(self) -> str:
        """The digits as said, for numbers read as codes: `oh four` 04, `twenty-six` 26, `two nine`
        29 ("" if a group is not a whole number under 100)."""
        if not all(g.value == int(g.value) and g.value < 100 for g in self.groups):
            return ""
        return "".join(f"{int(g.value):02d}" if g.zero_led or g.value >= 10 else str(int(g.value))
                       for g in self.groups)

    def month_year(self) -> tuple[int, int] | None:
        """A card's expiry said as numbers: `oh four twenty-six`, `twelve twenty-seven`, `zero two
        two nine`, `four twenty-nine`, `eleven twenty thirty` (the year in full)."""
        digits = self.digits()
        if len(digits) == 6 and digits[2:4] == "20":
            digits = digits[:2] + digits[4:]
        if len(digits) == 3:
            digits = "0" + digits
        if len(digits) == 4 and 1 <= int(digits[:2]) <= 12 and 10 <= int(digits[2:]) <= 49:
            return int(digits[:2]), int(digits[2:])
        return None

    @property
    def spoken_hundreds(self) -> bool:
        return self.value is not None and self.value >= 100
