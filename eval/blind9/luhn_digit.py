"""Print the Luhn check digit for a hand-made card prefix (digits only, spaces ignored).
Used only to finish card numbers whose other digits were typed by hand."""
import sys
for arg in sys.argv[1:]:
    d = [int(c) for c in arg if c.isdigit()]
    s = 0
    for i, x in enumerate(reversed(d)):
        if i % 2 == 0:
            x = x * 2 - 9 if x > 4 else x * 2
        s += x
    print(arg, (10 - s % 10) % 10)
