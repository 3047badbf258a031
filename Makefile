PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test bench calls down clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "bleeper needs Python >= 3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	BLEEPER_ALLOWED_PRIVATE_HOSTS=127.0.0.1:18099 $(BIN)/bleeper demo

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/bleeper bench
	$(BIN)/python bench/detect_speed.py
	$(BIN)/python bench/calls.py

calls: $(STAMP)
	$(BIN)/python bench/calls.py

down:
	@test -x $(BIN)/bleeper && $(BIN)/bleeper down || true

clean: down
	rm -rf .bleeper
