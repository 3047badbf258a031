"""Redaction: text in AssemblyAI's styles and pseudonyms (`text`, `pseudonyms`), audio and video
beeped with ffmpeg (`audio`), and verification that nothing redacted is heard again (`verify`)."""
