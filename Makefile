# yusuan — common tasks. `make test` is what CI runs.
.PHONY: build test bless fmt lint sample

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
