# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# CPU build of PyTorch first: any other torch requirement pulls CUDA packages.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	# bytecode for the editable sources, for environments that never write it (PYTHONDONTWRITEBYTECODE)
	$(BIN)/python -m compileall -q src
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/compare diff corpus/iran-israel.fr.txt corpus/iran-israel.en.txt

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/align.py --data ../shared/data/dev
	$(BIN)/python benchmarks/speed.py --data ../shared/data/dev

clean:
	rm -rf $(VENV) build *.egg-info
