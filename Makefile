# Two commands do all set-up: `make extract` and `make test`.
# The virtual environment is created from the pinned lock file when missing or stale.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared
CHROMIUM := /usr/bin/chromium

.PHONY: extract test eval real bench mutate model seg-eval ner-model ner-eval clean-out screenshot

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

extract: $(STAMP)
	$(BIN)/zxextract extract data/raw -o data/out
	$(BIN)/zxextract review data/out

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

# The review site's browser test drives Debian's chromium (never a browser
# download); installed here when missing (as root, as CI runs).
$(CHROMIUM):
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

# The README's screenshot of the review site (needs CJK fonts to show the text).
screenshot: $(STAMP) $(CHROMIUM) extract
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -q fonts-noto-cjk
	$(BIN)/python scripts/screenshot.py data/out docs/review.png

eval: extract
	$(BIN)/zxextract eval data/out tests/gold

# Real pages: score each part (shared, dev, heldout) on the texts in tests/real/texts
# or $(ZX_REAL_TEXTS); tests/real/README.md says how to fetch them.
real: $(STAMP)
	$(BIN)/zxextract real

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# Mutation testing (mutmut) of the modules that hold the README's guarantees, each
# against the fast tests of its stage; not part of `make test` (about 15 min on 2 cores).
# Survivors not listed in tests/mutation/equivalent.md: build/mutate/<group>/survivors.txt.
mutate: $(STAMP)
	$(BIN)/python scripts/mutate.py

# Retraining needs the shared corpora (../shared/corpora/ud_zh); not part of extract or test.
model: $(STAMP)
	$(BIN)/python scripts/train_segmenter.py --corpora $(SHARED)/corpora/ud_zh

seg-eval: $(STAMP)
	$(BIN)/python scripts/eval_segmenter.py --corpora $(SHARED)/corpora/ud_zh

# The statistical NER: trained on tests/gold and tests/dev (CPU, a few minutes);
# ner-eval compares rules only with rules + NER by cross-validation.
ner-model: $(STAMP)
	$(BIN)/python scripts/train_ner.py

ner-eval: $(STAMP)
	$(BIN)/python scripts/eval_ner.py --heldout tests/heldout

clean-out:
	rm -rf data/out
