# Two entry points for a fresh Debian/Ubuntu machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup system lint typecheck imports unit bench package clean

run: setup
	@$(BIN)/videodb-editor --demo

test: setup lint typecheck imports unit

setup: $(STAMP)

$(STAMP): pyproject.toml packaging/debian-packages.txt packaging/bootstrap.sh
	bash packaging/bootstrap.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

lint: setup
	$(BIN)/ruff check editor_app tests bench packaging
	$(BIN)/ruff format --check editor_app tests bench packaging

typecheck: setup
	$(BIN)/mypy

imports: setup
	$(BIN)/lint-imports

unit: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

bench: setup
	for b in $(filter-out bench/common.py bench/__init__.py bench/preview_media.py bench/captions_timeline.py,$(wildcard bench/*.py)); do $(BIN)/python $$b || exit 1; done

# A one-folder bundle in dist/videodb-editor/ (PyInstaller; build files in build/).
package: setup
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/videodb-editor.spec

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
