"""State: what outlives a request or a task — the job store (Redis), API keys, metrics and account
settings, and the artifacts in S3. Built from Settings by the faces and the pipeline; imports only
the core below it."""
