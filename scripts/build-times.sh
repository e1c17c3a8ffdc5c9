#!/usr/bin/env bash
# Build times a newcomer and a contributor wait for, each measured in a fresh target folder so that nothing is
# reused from an earlier build (crates must already be downloaded: `cargo fetch` first; downloads are not timed):
#   1. `cargo run -- run` from nothing: the compile, then the suite against the built-in mock (README's first command);
#   2. the mock crate alone, as a client library's tests would build it: a new empty project depending on it;
#   3. `cargo test --no-run` after a one-line edit of the mock (the edit is undone at the end), after a warm build.
# Machines are shared and noisy: run it on a quiet machine and compare figures from one run. Writes cargo's
# --timings pages beside the figures.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: scripts/build-times.sh [--out DIR] [--only cold|mock|edit]

  --out DIR   where the target folders, logs and cargo --timings pages go (default: a new /tmp/mwcheck-build-times.*)
  --only X    measure one of the three
EOF
}

out=""
only=""
while [ $# -gt 0 ]; do
	case "$1" in
	--out) out="$2"; shift 2 ;;
	--only) only="$2"; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	*) echo "error: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done
case "$only" in "" | cold | mock | edit) ;; *) echo "error: --only takes cold, mock or edit" >&2; exit 2 ;; esac

root=$(cd "$(dirname "$0")/.." && pwd)
out=${out:-$(mktemp -d /tmp/mwcheck-build-times.XXXXXX)}
mkdir -p "$out"
cd "$root"

now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
units() { grep -c '^ *Compiling ' "$1" || true; }

if [ -z "$only" ] || [ "$only" = cold ]; then
	rm -rf "$out/cold"
	start=$(now)
	CARGO_TARGET_DIR="$out/cold" cargo build --timings >"$out/cold.log" 2>&1
	built=$(now)
	CARGO_TARGET_DIR="$out/cold" cargo run -q -- run --quiet >"$out/cold-run.log" 2>&1 || true
	ran=$(now)
	cp "$out"/cold/cargo-timings/cargo-timing.html "$out/cold-timings.html" 2>/dev/null || true
	echo "cold: cargo build $(seconds "$start" "$built") s ($(units "$out/cold.log") units), then the suite $(seconds "$built" "$ran") s; cargo run -- run from nothing: $(seconds "$start" "$ran") s"
fi

if [ -z "$only" ] || [ "$only" = mock ]; then
	project="$out/empty-project"
	rm -rf "$project"
	mkdir -p "$project/src"
	cat >"$project/Cargo.toml" <<EOF
[package]
name = "uses-the-mock"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
mwcheck-mock = { path = "$root/crates/mock" }

[workspace]
EOF
	echo 'fn main() { let _ = mwcheck_mock::WikiConfig::default(); }' >"$project/src/main.rs"
	start=$(now)
	(cd "$project" && CARGO_TARGET_DIR="$out/mock" cargo build --timings >"$out/mock.log" 2>&1)
	done_at=$(now)
	cp "$out"/mock/cargo-timings/cargo-timing.html "$out/mock-timings.html" 2>/dev/null || true
	c_builds=$(grep -E '^ *Compiling (aws-lc-sys|ring|cc|cmake) ' "$out/mock.log" | sed 's/^ *Compiling //' | tr '\n' ',' || true)
	echo "mock as a dependency of an empty project: $(seconds "$start" "$done_at") s ($(units "$out/mock.log") units)${c_builds:+; C builds: $c_builds}"
fi

if [ -z "$only" ] || [ "$only" = edit ]; then
	edited=crates/mock/src/messages.rs
	backup="$out/messages.rs.orig"
	cp "$edited" "$backup"
	trap 'cp "$backup" "$root/$edited"' EXIT
	CARGO_TARGET_DIR="$out/edit" cargo test --no-run -q >"$out/edit-warm.log" 2>&1
	echo "// a one-line edit by scripts/build-times.sh" >>"$edited"
	start=$(now)
	CARGO_TARGET_DIR="$out/edit" cargo test --no-run >"$out/edit.log" 2>&1
	done_at=$(now)
	cp "$backup" "$edited"
	trap - EXIT
	echo "cargo test --no-run after a one-line mock edit: $(seconds "$start" "$done_at") s ($(units "$out/edit.log") crates rebuilt)"
fi
echo "logs and timings: $out"
