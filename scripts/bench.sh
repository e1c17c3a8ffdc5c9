#!/usr/bin/env bash
# mwcheck's benchmarks, the figures of README.md's "Performance" section, measured in one run so that ratios compare
# like with like on a shared machine:
#   1. the whole scenario suite against the built-in mock (hyperfine, release build), and with --real the same suite
#      against a real MediaWiki 1.39 started on loopback by scripts/mediawiki.sh, for the ratio;
#   2. throughput with wrk: the mock (`mwcheck serve`) answering meta=tokens (GET) and validatepassword (POST), beside
#      crates/mock/examples/static_axum.rs answering a fixed body, each measured RUNS times, interleaved; medians and ratios;
#   3. createaccount per second at MediaWiki's hashing cost, and memory with 1,000,000 accounts (cargo bench).
# Needs hyperfine and wrk (Debian packages; installed with apt-get when missing and run as root).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
	cat <<'EOF'
Usage: scripts/bench.sh [--real] [--runs N] [--duration SECONDS] [--connections N]

  --real           also time the suite against a real MediaWiki 1.39 (scripts/mediawiki.sh, port 18380)
  --runs N         wrk runs per server and request, and hyperfine runs of the mock suite (default 5)
  --duration S     seconds per wrk run (default 10)
  --connections N  wrk connections (default 64; wrk uses 2 threads)
EOF
}

real=false
runs=5
duration=10
connections=64
while [ $# -gt 0 ]; do
	case "$1" in
	--real) real=true ;;
	--runs) runs="$2"; shift ;;
	--duration) duration="$2"; shift ;;
	--connections) connections="$2"; shift ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; exit 2 ;;
	esac
	shift
done

need() {
	command -v "$1" >/dev/null 2>&1 && return
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
	else
		echo "error: $1 is needed (apt-get install $1)" >&2
		exit 2
	fi
}
need hyperfine
need wrk

work=$(mktemp -d /tmp/mwcheck-bench.XXXXXX)
pids=()
wiki_dir=""
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	[ -n "$wiki_dir" ] && scripts/mediawiki.sh stop --port 18380 --dir "$wiki_dir" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== build (release)"
cargo build --release -q --bin mwcheck --example static_axum
cargo bench --no-run -q --bench createaccount --bench accounts_memory 2>/dev/null
mwcheck=target/release/mwcheck

echo "== 1. the suite against the built-in mock"
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/mock-suite.json" "$mwcheck run --quiet" >/dev/null
mock_suite=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % r["median"])' "$work/mock-suite.json")
echo "suite against the built-in mock: median ${mock_suite} s of $runs runs"
if $real; then
	wiki_dir="$work/wiki"
	scripts/mediawiki.sh start --port 18380 --dir "$wiki_dir" --fresh >/dev/null
	eval "$(scripts/mediawiki.sh env --port 18380 --dir "$wiki_dir")"
	# Each run creates its own accounts (random names); the test wiki has no creation throttle.
	hyperfine --style basic --runs 3 --export-json "$work/real-suite.json" \
		"$mwcheck run --quiet --target $MW_API --outbox $MW_OUTBOX" >/dev/null
	real_suite=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % r["median"])' "$work/real-suite.json")
	echo "suite against MediaWiki 1.39 (PHP built-in server, 4 workers): median ${real_suite} s of 3 runs;" \
		"the mock is $(python3 -c "print('%.0f' % ($real_suite / $mock_suite))")x faster"
	scripts/mediawiki.sh stop --port 18380 --dir "$wiki_dir" >/dev/null
	wiki_dir=""
fi

echo "== 2. throughput (wrk -t2 -c$connections -d${duration}s, $runs runs each, interleaved)"
$mwcheck serve --port 18381 >/dev/null 2>&1 &
pids+=($!)
target/release/examples/static_axum 18382 >/dev/null &
pids+=($!)
for port in 18381 18382; do
	for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api.php" && break; sleep 0.05; done
done
tokens="/api.php?action=query&meta=tokens&format=json"
rate() { # URL [script]: requests per second of one wrk run
	local args=(-t2 "-c$connections" "-d${duration}s")
	[ -n "${2:-}" ] && args+=(-s "$2")
	wrk "${args[@]}" "$1" | awk '/^Requests\/sec:/ { print $2 }'
}
for _ in $(seq 1 "$runs"); do
	rate "http://127.0.0.1:18382$tokens" >>"$work/static-get"
	rate "http://127.0.0.1:18381$tokens" >>"$work/mock-tokens"
	rate "http://127.0.0.1:18382/api.php" crates/mock/benches/wrk/validatepassword.lua >>"$work/static-post"
	rate "http://127.0.0.1:18381/api.php" crates/mock/benches/wrk/validatepassword.lua >>"$work/mock-validate"
done
static_get=$(median <"$work/static-get")
static_post=$(median <"$work/static-post")
mock_tokens=$(median <"$work/mock-tokens")
mock_validate=$(median <"$work/mock-validate")
ratio() { python3 -c "print('%.0f%%' % (100 * $1 / $2))"; }
printf '%-44s %12s %8s\n' "request" "requests/s" "vs static"
printf '%-44s %12.0f %8s\n' "static axum, GET" "$static_get" "100%"
printf '%-44s %12.0f %8s\n' "mock, GET meta=tokens" "$mock_tokens" "$(ratio "$mock_tokens" "$static_get")"
printf '%-44s %12.0f %8s\n' "static axum, POST" "$static_post" "100%"
printf '%-44s %12.0f %8s\n' "mock, POST action=validatepassword" "$mock_validate" "$(ratio "$mock_validate" "$static_post")"
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
pids=()

echo "== 3. account creation and memory"
cargo bench -q --bench createaccount 2>/dev/null
cargo bench -q --bench accounts_memory 2>/dev/null
