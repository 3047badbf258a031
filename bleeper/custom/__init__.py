"""Custom entity types (✚ issue 16): definitions and the checks on their patterns."""
