"""The streaming face: AssemblyAI's v3 WebSocket (`connection`), the hand-off of a session's audio
to the batch pipeline (`handoff`), and an app with only the streaming routes (`app`, what
`bleeper stream` serves). The engine is the core's bleeper.streaming."""
