# One command sets up and renders everything (`make all`); one runs every test (`make test`).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= seeds
CODEBOOK ?=
CODEBOOK_OPTION := $(if $(CODEBOOK),--codebook $(CODEBOOK))
STAMP := $(VENV)/.installed

.PHONY: all venv test html clean-venv

all: $(STAMP)
	$(BIN)/python -m analysis render --seeds $(SEEDS) $(CODEBOOK_OPTION)
	$(BIN)/python -m analysis html --seeds $(SEEDS) $(CODEBOOK_OPTION)

venv: $(STAMP)

$(STAMP): requirements.txt requirements-lock.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c requirements-lock.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

html: $(STAMP)
	$(BIN)/python -m analysis html --seeds $(SEEDS) $(CODEBOOK_OPTION)

clean-venv:
	rm -rf $(VENV)
