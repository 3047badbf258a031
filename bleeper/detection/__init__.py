"""Detection: which spans of a transcript are PII, by AssemblyAI policy, and when they were said.

    analyzer = build_analyzer()                       # spaCy sm, the learned tagger, the rules
    found = find_pii("my SSN is 078-05-1120", analyzer, ("us_social_security_number",))
    entities = detect_pii(transcript, analyzer, policies.ALL_POLICIES)   # placed in time
"""

from bleeper.detection.analyzer import Found, build_analyzer, find_pii, resolve_overlaps
from bleeper.detection.placement import Timeline, detect_pii, place_in_time, spoken_ms

__all__ = ["Found", "Timeline", "build_analyzer", "detect_pii", "find_pii", "place_in_time", "resolve_overlaps",
           "spoken_ms"]
