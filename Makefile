PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test bench calls faults streaming eval down clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "bleeper needs Python >= 3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	BLEEPER_ALLOWED_PRIVATE_HOSTS=127.0.0.1:18099 $(BIN)/python -m tools demo

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m tools bench
	$(BIN)/python bench/detect_speed.py
	$(BIN)/python bench/calls.py

calls: $(STAMP)
	$(BIN)/python bench/calls.py

# issue 15: streaming latency, leaks, WER and sessions per process (~30 min): writes bench/streaming.json
streaming: $(STAMP)
	$(BIN)/python bench/streaming.py

# issue 14's fault suite on a private stack with default settings (~30 min): writes bench/faults.json;
# then on the machine's RabbitMQ as the broker (~15 min; says why it skipped where there is none)
faults: $(STAMP)
	$(BIN)/python bench/faults.py
	$(BIN)/python bench/faults.py --rabbitmq

# detection scored on the three labelled sets (the blind set's tune half only), written to
# eval/results/ and printed as the README's table
eval: $(STAMP)
	$(BIN)/python -m tools eval-pii $(abspath ../shared/eval/pii_dev.jsonl) --out eval/results/pii_dev.json
	$(BIN)/python -m tools eval-pii eval/hard_calls.jsonl --out eval/results/hard_calls.json
	$(BIN)/python -m tools eval-pii eval/blind/blind.jsonl --split tune --out eval/results/blind_tune.json
	$(BIN)/python eval/readme_table.py

down:
	@test -x $(BIN)/bleeper && $(BIN)/bleeper down || true

clean: down
	rm -rf .bleeper
