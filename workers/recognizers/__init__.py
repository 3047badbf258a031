"""bleeper's own Presidio recognizers: one per file, patterns and context as class data."""

from workers.recognizers.address import AddressRecognizer
from workers.recognizers.age import AgeRecognizer
from workers.recognizers.appearance import AppearanceRecognizer
from workers.recognizers.categories import CategoryRecognizer
from workers.recognizers.clock import ClockTimeRecognizer
from workers.recognizers.context_numbers import ContextNumberRecognizer
from workers.recognizers.credentials import CredentialRecognizer
from workers.recognizers.dates import DateRecognizer
from workers.recognizers.duration import DurationRecognizer
from workers.recognizers.filenames import FilenameRecognizer
from workers.recognizers.injuries import InjuryRecognizer
from workers.recognizers.learned import LearnedRecognizer
from workers.recognizers.measures import MeasureRecognizer
from workers.recognizers.medical import MedicalRecognizer
from workers.recognizers.medical_words import MedicalWordRecognizer
from workers.recognizers.money import MoneyRecognizer
from workers.recognizers.names import NameRecognizer
from workers.recognizers.network import SpokenIpRecognizer
from workers.recognizers.occupation_forms import OccupationFormRecognizer
from workers.recognizers.organization_cues import OrganizationCueRecognizer
from workers.recognizers.organizations import OrganizationRecognizer
from workers.recognizers.personal import PersonalRecognizer
from workers.recognizers.procedures import ProcedureRecognizer
from workers.recognizers.spacy_filtered import CallSpacyRecognizer
from workers.recognizers.spoken_email import SpokenEmailRecognizer
from workers.recognizers.url import SpokenUrlRecognizer, WrittenUrlRecognizer
from workers.recognizers.vocabulary import VocabularyRecognizer


def all_recognizers() -> list:
    """One instance of each, ready for a RecognizerRegistry."""
    return [
        AddressRecognizer(), AgeRecognizer(), ContextNumberRecognizer(), CredentialRecognizer(), DateRecognizer(),
        DurationRecognizer(), ClockTimeRecognizer(),
        MedicalRecognizer(), MoneyRecognizer(), NameRecognizer(), *PersonalRecognizer.instances(),
        SpokenEmailRecognizer(), SpokenUrlRecognizer(), WrittenUrlRecognizer(), VocabularyRecognizer(),
        CategoryRecognizer(), OrganizationRecognizer(), OrganizationCueRecognizer(), FilenameRecognizer(),
        MeasureRecognizer(), AppearanceRecognizer(), SpokenIpRecognizer(), InjuryRecognizer(), MedicalWordRecognizer(),
        ProcedureRecognizer(),
        OccupationFormRecognizer(),
    ]


__all__ = ["all_recognizers", "CallSpacyRecognizer", "AddressRecognizer", "AgeRecognizer", "ClockTimeRecognizer",
           "ContextNumberRecognizer", "DurationRecognizer", "CategoryRecognizer", "OrganizationRecognizer",
           "OrganizationCueRecognizer", "AppearanceRecognizer",
           "FilenameRecognizer", "MeasureRecognizer",
           "CredentialRecognizer", "DateRecognizer", "MedicalRecognizer", "MoneyRecognizer", "NameRecognizer",
           "PersonalRecognizer", "SpokenEmailRecognizer", "SpokenUrlRecognizer", "WrittenUrlRecognizer",
           "VocabularyRecognizer", "LearnedRecognizer", "SpokenIpRecognizer", "InjuryRecognizer",
           "MedicalWordRecognizer", "ProcedureRecognizer", "OccupationFormRecognizer"]
