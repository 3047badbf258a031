"""bleeper's own Presidio recognizers: one per file, patterns and context as class data."""

from bleeper.detection.recognizers.address import AddressRecognizer
from bleeper.detection.recognizers.afflictions import AfflictionRecognizer
from bleeper.detection.recognizers.age import AgeRecognizer
from bleeper.detection.recognizers.appearance import AppearanceRecognizer
from bleeper.detection.recognizers.categories import CategoryRecognizer
from bleeper.detection.recognizers.clock import ClockTimeRecognizer
from bleeper.detection.recognizers.context_numbers import ContextNumberRecognizer
from bleeper.detection.recognizers.credentials import CredentialRecognizer
from bleeper.detection.recognizers.dates import DateRecognizer
from bleeper.detection.recognizers.drug_forms import DrugFormRecognizer
from bleeper.detection.recognizers.duration import DurationRecognizer
from bleeper.detection.recognizers.filenames import FilenameRecognizer
from bleeper.detection.recognizers.handles import HandleRecognizer
from bleeper.detection.recognizers.health_talk import HealthTalkRecognizer
from bleeper.detection.recognizers.injuries import InjuryRecognizer
from bleeper.detection.recognizers.learned import LearnedRecognizer
from bleeper.detection.recognizers.measures import MeasureRecognizer
from bleeper.detection.recognizers.medical import MedicalRecognizer
from bleeper.detection.recognizers.medical_words import MedicalWordRecognizer
from bleeper.detection.recognizers.money import MoneyRecognizer
from bleeper.detection.recognizers.names import NameRecognizer
from bleeper.detection.recognizers.network import SpokenIpRecognizer
from bleeper.detection.recognizers.occupation_forms import OccupationFormRecognizer
from bleeper.detection.recognizers.organization_cues import OrganizationCueRecognizer
from bleeper.detection.recognizers.organizations import OrganizationRecognizer
from bleeper.detection.recognizers.personal import PersonalRecognizer
from bleeper.detection.recognizers.procedures import ProcedureRecognizer
from bleeper.detection.recognizers.spacy_filtered import CallSpacyRecognizer
from bleeper.detection.recognizers.spoken_email import SpokenEmailRecognizer
from bleeper.detection.recognizers.symptoms import SymptomRecognizer
from bleeper.detection.recognizers.url import SpokenUrlRecognizer, WrittenUrlRecognizer
from bleeper.detection.recognizers.vocabulary import VocabularyRecognizer
from bleeper.detection.recognizers.work_talk import WorkTalkRecognizer


def all_recognizers() -> list:
    """One instance of each, ready for a RecognizerRegistry."""
    return [
        AddressRecognizer(), AgeRecognizer(), ContextNumberRecognizer(), CredentialRecognizer(), DateRecognizer(),
        DurationRecognizer(), ClockTimeRecognizer(),
        MedicalRecognizer(), MoneyRecognizer(), NameRecognizer(), *PersonalRecognizer.instances(),
        SpokenEmailRecognizer(), SpokenUrlRecognizer(), WrittenUrlRecognizer(), VocabularyRecognizer(),
        CategoryRecognizer(), OrganizationRecognizer(), OrganizationCueRecognizer(), FilenameRecognizer(),
        MeasureRecognizer(), AppearanceRecognizer(), SpokenIpRecognizer(), InjuryRecognizer(), MedicalWordRecognizer(),
        ProcedureRecognizer(), SymptomRecognizer(), DrugFormRecognizer(), *HealthTalkRecognizer.instances(),
        OccupationFormRecognizer(), AfflictionRecognizer(), WorkTalkRecognizer(),
        HandleRecognizer(),
    ]


__all__ = ["all_recognizers", "CallSpacyRecognizer", "AddressRecognizer", "AgeRecognizer", "ClockTimeRecognizer",
           "ContextNumberRecognizer", "DurationRecognizer", "CategoryRecognizer", "OrganizationRecognizer",
           "OrganizationCueRecognizer", "AppearanceRecognizer",
           "FilenameRecognizer", "MeasureRecognizer",
           "CredentialRecognizer", "DateRecognizer", "MedicalRecognizer", "MoneyRecognizer", "NameRecognizer",
           "PersonalRecognizer", "SpokenEmailRecognizer", "SpokenUrlRecognizer", "WrittenUrlRecognizer",
           "VocabularyRecognizer", "LearnedRecognizer", "SpokenIpRecognizer", "InjuryRecognizer",
           "MedicalWordRecognizer", "ProcedureRecognizer", "OccupationFormRecognizer", "SymptomRecognizer",
           "DrugFormRecognizer", "HealthTalkRecognizer", "AfflictionRecognizer",
           "WorkTalkRecognizer", "HandleRecognizer"]
