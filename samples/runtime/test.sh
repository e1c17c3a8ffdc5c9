#!/usr/bin/env bash
# Tests the sample-program runtimes (samples/runtime/bin/*): each wrapper's --check, then a small program per runtime
# run exactly as the sample runner runs one (fresh working directory, empty stdin, MWCHECK_API set) against the
# built-in mock serving MediaWiki 1.43: it fetches a token and posts with it, and must print what the mock answered.
# The MediaWiki JS runtime is also checked for what a browser's mw.Api does: the anonymous page's embedded csrf token
# ("+\"), getToken fetching a login token, .done/.then, api.get with formatversion=2, an API error reaching .fail with
# its code, and that a request to any other host is refused.
#
#   samples/runtime/test.sh [MOCK_BINARY]     (default target/debug/mwcheck; port: MWCHECK_TEST_PORT or a free one)
#
# A runtime whose --check fails is skipped with its reason; under CI=true a missing runtime fails the test.
# Prints "N passed, N failed, N skipped" last; exits non-zero when anything failed.
set -u
cd "$(dirname "$0")/../.."
bin=samples/runtime/bin
mwcheck=${1:-target/debug/mwcheck}
passed=0 failed=0 skipped=0
work=$(mktemp -d "${TMPDIR:-/tmp}/mwcheck-runtime-test.XXXXXX")
mock_pid=""
cleanup() {
	[ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null && wait "$mock_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

ok() { passed=$((passed + 1)); echo "ok    $*"; }
not_ok() { failed=$((failed + 1)); echo "FAIL  $*"; }
skip() {
	if [ "${CI:-}" = "true" ]; then
		not_ok "$* (missing runtimes fail under CI=true)"
	else
		skipped=$((skipped + 1))
		echo "skip  $*"
	fi
}

port=${MWCHECK_TEST_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
[ -x "$mwcheck" ] || { echo "no mock binary at $mwcheck (cargo build --bin mwcheck)" >&2; exit 2; }
"$mwcheck" serve --mediawiki 1.43 --port "$port" >"$work/mock.log" 2>&1 &
mock_pid=$!
api="http://127.0.0.1:$port/api.php"
for _ in $(seq 100); do
	curl -sf "$api?action=query&format=json" >/dev/null 2>&1 && break
	sleep 0.1
done

# run RUNTIME PROGRAM_TEXT EXTENSION: runs it as the sample runner does; sets $out, $err and $status.
run() {
	local runtime=$1 text=$2 ext=$3 dir
	dir=$(mktemp -d "$work/run.XXXXXX")
	printf '%s\n' "$text" >"$dir/program.$ext"
	(cd "$dir" && MWCHECK_API="$api" MWCHECK_MWJS_TIMEOUT="${mwjs_timeout:-30}" timeout 60 "$OLDPWD/$bin/$runtime" "$dir/program.$ext" </dev/null \
		>"$dir/stdout" 2>"$dir/stderr")
	status=$?
	out=$(cat "$dir/stdout")
	err=$(cat "$dir/stderr")
}

# expect NAME PATTERN: the last run exited 0 and its output matches the extended regular expression PATTERN.
expect() {
	local name=$1 pattern=$2
	if [ "$status" -eq 0 ] && grep -Eq -- "$pattern" <<<"$out"; then
		ok "$name"
	else
		not_ok "$name: exit $status, stdout: ${out:0:400}, stderr: ${err:0:400}"
	fi
}

# The token the mock hands out and the answer to a post with it: the same program in each language.
python_program='import os, requests
S = requests.Session()
URL = os.environ["MWCHECK_API"]
T = S.get(URL, params={"action": "query", "meta": "tokens", "type": "login", "format": "json"}).json()
print(len(T["query"]["tokens"]["logintoken"]) > 2)
print(S.post(URL, data={"action": "validatepassword", "password": "Correct-horse-9", "format": "json"}).text)'
php_program='<?php
$url = getenv("MWCHECK_API");
$ch = curl_init();
curl_setopt($ch, CURLOPT_URL, $url);
curl_setopt($ch, CURLOPT_POST, true);
curl_setopt($ch, CURLOPT_POSTFIELDS, http_build_query(["action" => "validatepassword", "password" => "Correct-horse-9", "format" => "json"]));
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_COOKIEJAR, "cookie.txt");
curl_setopt($ch, CURLOPT_COOKIEFILE, "cookie.txt");
echo curl_exec($ch), "\n";
curl_close($ch);'
node_program='var request = require("request").defaults({jar: true});
request.post({ url: process.env.MWCHECK_API, form: { action: "validatepassword", password: "Correct-horse-9", format: "json" } },
  function (error, res, body) { console.log(error ? "error " + error : body); });'
mwjs_program='var api = new mw.Api();
api.postWithToken( "csrf", { action: "validatepassword", password: "Correct-horse-9" } ).done( function ( data ) {
	console.log( "post", data );
} );
api.getToken( "csrf" ).then( function ( token ) { console.log( "csrf", token ); } );
api.getToken( "login" ).then( function ( token ) { console.log( "login", token.length > 2 ); } );
api.get( { action: "query", meta: "siteinfo", formatversion: 2 } ).then( function ( data ) {
	console.log( "fv2", data.batchcomplete, typeof data.query.general.sitename );
} );
api.get( { action: "no-such-module" } ).fail( function ( code, data ) { console.log( "fail", code, data.error.code ); } );
console.log( "config", mw.config.get( "wgServer" ), mw.config.get( "wgScriptPath" ), mw.config.get( "wgUserName" ) );'

for runtime in python php node mwjs; do
	if check=$("$bin/$runtime" --check 2>&1); then
		ok "$runtime --check: $check"
	else
		check_status=$?
		if [ "$check_status" -eq 127 ]; then
			skip "$runtime: $check"
		else
			not_ok "$runtime --check exited $check_status (0 or 127 expected): $check"
		fi
		continue
	fi
	case $runtime in
	python)
		run python "$python_program" py
		expect "python: a session, a token, a post" '^True$'
		expect "python: prints the mock's answer" '^\{"validatepassword":\{"validity":"Good"\}\}$'
		;;
	php)
		run php "$php_program" php
		expect "php: curl posts and prints the mock's answer" '^\{"validatepassword":\{"validity":"Good"\}\}$'
		;;
	node)
		run node "$node_program" js
		expect "node: require(\"request\") posts and prints the mock's answer" '^\{"validatepassword":\{"validity":"Good"\}\}$'
		;;
	mwjs)
		run mwjs "$mwjs_program" mwjs
		expect "mwjs: mw.config from MWCHECK_API, anonymous visitor" "^config http://127.0.0.1:$port  null$"
		expect "mwjs: postWithToken('csrf') posts the page's anonymous token, .done gets the parsed answer" \
			'^post \{"warnings":\{"main":\{"\*":"Unrecognized parameter: token."\}\},"validatepassword":\{"validity":"Good"\}\}$'
		expect "mwjs: getToken('csrf') is the embedded anonymous token" '^csrf \+\\$'
		expect "mwjs: getToken('login') asks the API" '^login true$'
		expect "mwjs: api.get with formatversion=2" '^fv2 true string$'
		expect "mwjs: an API error rejects with its code" '^fail badvalue badvalue$'
		# The same program with 1.39's modules (the ones a 1.39 wiki's page loads).
		if check_139=$(MWCHECK_MEDIAWIKI_VERSION=1.39 "$bin/mwjs" --check 2>&1); then
			MWCHECK_MEDIAWIKI_VERSION=1.39 run mwjs "$mwjs_program" mwjs
			expect "mwjs with MediaWiki 1.39's modules: $check_139" '^csrf \+\\$'
			expect "mwjs with MediaWiki 1.39's modules: postWithToken" '^post \{"warnings"'
		else
			skip "mwjs with MediaWiki 1.39's modules: $check_139"
		fi
		run mwjs 'var x = new XMLHttpRequest(); try { x.open( "GET", "http://127.0.0.2:9/" ); console.log( "opened" ); } catch ( e ) { console.log( "refused", e.name ); }' mwjs
		expect "mwjs: a request to another host is refused" '^refused NetworkError$'
		closed=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
		api_saved=$api
		api="http://127.0.0.1:$closed/api.php"
		run mwjs 'new mw.Api().get( { meta: "siteinfo" } ).fail( function ( code, details ) { console.log( "fail", code, details.textStatus ); } );' mwjs
		api=$api_saved
		expect "mwjs: a refused connection rejects with 'http'" '^fail http error$'
		mwjs_timeout=3 run mwjs "setInterval( function () {}, 100 );" mwjs
		if [ "$status" -eq 124 ] && grep -q 'timed out' <<<"$err"; then
			ok "mwjs: a program that never goes quiet ends on the timeout (124)"
		else
			not_ok "mwjs: a never-quiet program: exit $status, stderr: ${err:0:300}"
		fi
		run mwjs 'setTimeout( function () { console.log( "later" ); }, 500 ); throw new Error( "boom" );' mwjs
		if [ "$status" -eq 1 ] && grep -q '^later$' <<<"$out" && grep -q 'Uncaught Error: boom' <<<"$err"; then
			ok "mwjs: an uncaught error exits 1 after the timers ran"
		else
			not_ok "mwjs: an uncaught error: exit $status, stdout: $out, stderr: ${err:0:300}"
		fi
		;;
	esac
done

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
