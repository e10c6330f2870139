# The two set-up commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint chromium

$(BIN)/streamlit: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# Runs the dashboard on the embedded demo data, building and publishing it if absent.
run: $(BIN)/streamlit
	$(BIN)/python -m regsosek demo
	$(BIN)/streamlit run app.py --server.port $(PORT)

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

test: $(BIN)/streamlit chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 3 --dist worksteal --durations=25

lint: $(BIN)/streamlit
	$(BIN)/ruff check .
