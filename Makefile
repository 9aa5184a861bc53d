# yusuan — common tasks. `make test` is what CI runs.
.PHONY: build test bless fmt lint sample browser-test

build:
	cargo build --release

test:
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	cargo test --all-targets

# Rewrite golden/ from samples/; review `git diff golden/` before committing.
bless:
	YUSUAN_BLESS=1 cargo test --test golden

fmt:
	cargo fmt --all

lint:
	cargo clippy --all-targets -- -D warnings

sample:
	cargo run --release -- convert samples/seed-gzast.txt -o out/

# The page of `yusuan serve` in headless Chromium through WebDriver (needs
# Debian's chromium, chromium-driver, python3-selenium; .ci/run installs them).
# SHOTS=DIR also saves the two screenshots there (docs/ holds them).
browser-test:
	cargo build
	/usr/bin/python3 tests/browser/serve_page.py target/debug/yusuan $(SHOTS)
