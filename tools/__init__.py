"""Development tools, not installed and not in the image: the demo, the bench, detection scoring
and the test webhook receiver. Run them from the repository root as `python -m tools <command>`
(`python -m tools --help`); the scripts in bench/ put the root on sys.path to import them."""
