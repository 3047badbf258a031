"""bleeper's own Presidio recognizers: one per file, patterns and context as class data."""

from workers.recognizers.address import AddressRecognizer
from workers.recognizers.age import AgeRecognizer
from workers.recognizers.context_numbers import ContextNumberRecognizer
from workers.recognizers.dates import DateRecognizer
from workers.recognizers.medical import MedicalRecognizer
from workers.recognizers.money import MoneyRecognizer
from workers.recognizers.names import NameRecognizer
from workers.recognizers.spoken_email import SpokenEmailRecognizer

ALL = (AddressRecognizer, AgeRecognizer, ContextNumberRecognizer, DateRecognizer, MedicalRecognizer,
       MoneyRecognizer, NameRecognizer, SpokenEmailRecognizer)

__all__ = ["ALL", *(cls.__name__ for cls in ALL)]
