"""bleeper's own Presidio recognizers: one per file, patterns and context as class data."""

from workers.recognizers.card_expiry import CardExpiryRecognizer
from workers.recognizers.card_number import CardNumberRecognizer
from workers.recognizers.cvv import CvvRecognizer
from workers.recognizers.spoken_email import SpokenEmailRecognizer
from workers.recognizers.spoken_phone import SpokenPhoneRecognizer

ALL = (CardExpiryRecognizer, CardNumberRecognizer, CvvRecognizer, SpokenEmailRecognizer, SpokenPhoneRecognizer)

__all__ = ["ALL", "CardExpiryRecognizer", "CardNumberRecognizer", "CvvRecognizer", "SpokenEmailRecognizer", "SpokenPhoneRecognizer"]
