#!/usr/bin/env bash
# Starts and stops a real MediaWiki 1.39 on loopback for mwcheck's conformance runs: Debian's `mediawiki` package,
# SQLite, PHP's built-in server, configured by scripts/mediawiki/profile.php (no throttles, mail captured to an
# outbox file), with a bot password for the Admin account. Several wikis can run side by side, each with its own
# --dir and --port.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)

usage() {
	cat <<'EOF'
Usage: scripts/mediawiki.sh COMMAND [options]

Commands:
  install   install Debian's mediawiki 1.39 and the PHP packages it needs (as root, with apt-get)
  start     set up the wiki if needed, start it in the background and wait until api.php answers
  stop      stop the wiki started with the same --dir
  status    say whether it runs
  env       print MW_API=… and MW_OUTBOX=… for the wiki with this --dir/--port (eval-able)
  bot-password  create Admin's bot password in the wiki with this --dir if it lacks it (start does this for
            new wikis; for wikis set up before it did)

Options:
  --port N        port on 127.0.0.1 (default 8080)
  --dir DIR       where the database, settings, outbox and log live (default .mwcheck/mediawiki-PORT)
  --config NAME   named configuration from scripts/mediawiki/configs/NAME.php (default: default)
  --fresh         with start: delete DIR first, so the wiki starts with no accounts but Admin
  --workers N     PHP built-in server workers (default 4)

Admin account: Admin / Adminpass-12345 (a throw-away test wiki on loopback only).
Its bot password: Admin@mwcheck / mwcheckbotpassword0123456789abcd, grant `basic` (mwcheck's --bot-user and
--bot-password defaults; the built-in mock has the same one).

Examples:
  sudo scripts/mediawiki.sh install
  scripts/mediawiki.sh start --fresh
  eval "$(scripts/mediawiki.sh env)"; cargo run -- run --target "$MW_API" --outbox "$MW_OUTBOX"
  scripts/mediawiki.sh stop
EOF
}

command=${1:-}
[ -n "$command" ] || { usage; exit 2; }
shift
port=8080
dir=""
config=default
fresh=0
workers=4
while [ $# -gt 0 ]; do
	case "$1" in
		--port) port=$2; shift 2 ;;
		--dir) dir=$2; shift 2 ;;
		--config) config=$2; shift 2 ;;
		--fresh) fresh=1; shift ;;
		--workers) workers=$2; shift 2 ;;
		-h|--help) usage; exit 0 ;;
		*) echo "mediawiki.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
	esac
done
[ -n "$dir" ] || dir="$top/.mwcheck/mediawiki-$port"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
mw=/usr/share/mediawiki
api="http://127.0.0.1:$port/api.php"
admin_password='Adminpass-12345'
# Bot passwords are 32+ characters of [0-9a-w]; the mock's WikiConfig seeds the same one.
bot_app_id=mwcheck
bot_password='mwcheckbotpassword0123456789abcd'
bot_grants=basic

# meta=tokens answers in every configuration (it is not a read module, so private wikis allow it too).
answers() {
	curl -s --max-time 5 "$api?action=query&meta=tokens&format=json" 2>/dev/null | grep -q '"csrftoken"'
}

running_pid() {
	[ -f "$dir/server.pid" ] || return 1
	local pid
	pid=$(cat "$dir/server.pid")
	kill -0 "$pid" 2>/dev/null && echo "$pid"
}

do_install() {
	if [ -f "$mw/api.php" ] && php -m 2>/dev/null | grep -qi '^pdo_sqlite$'; then
		echo "mediawiki is installed: $(dpkg-query -W -f='${Version}' mediawiki 2>/dev/null)"
		return 0
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends \
		mediawiki php-cli php-sqlite3 php-apcu php-intl php-mbstring php-xml curl >/dev/null
	echo "installed mediawiki $(dpkg-query -W -f='${Version}' mediawiki)"
}

do_setup() {
	if [ "$fresh" = 1 ]; then
		do_stop >/dev/null 2>&1 || true
		rm -rf "$dir"
		mkdir -p "$dir"
	fi
	[ -f "$dir/LocalSettings.php" ] && return 0
	[ -f "$mw/maintenance/install.php" ] || {
		echo "mediawiki.sh: $mw is missing; run 'scripts/mediawiki.sh install' first (as root)" >&2
		exit 1
	}
	mkdir -p "$dir/db"
	(cd "$mw" && php maintenance/install.php --dbtype sqlite --dbpath "$dir/db" --dbname my_wiki \
		--server "http://127.0.0.1:$port" --scriptpath "" --confpath "$dir" --lang en \
		--pass "$admin_password" TestWiki Admin) >"$dir/install.log" 2>&1 || {
		echo "mediawiki.sh: install.php failed; see $dir/install.log" >&2
		tail -20 "$dir/install.log" >&2
		exit 1
	}
	printf '\nrequire %s;\n' "'$here/mediawiki/profile.php'" >>"$dir/LocalSettings.php"
	do_bot_password >>"$dir/install.log"
}

# There is no API to make a bot password: createBotPassword.php writes the row. An existing one is kept.
do_bot_password() {
	[ -f "$dir/LocalSettings.php" ] || { echo "mediawiki.sh: no wiki in $dir" >&2; exit 1; }
	local out
	if out=$(cd "$mw" && MW_CONFIG_FILE="$dir/LocalSettings.php" php maintenance/createBotPassword.php \
		--appid "$bot_app_id" --grants "$bot_grants" Admin "$bot_password" 2>&1); then
		echo "created the bot password Admin@$bot_app_id"
	elif grep -q 'botpasswords-insert-failed' <<<"$out"; then
		echo "the bot password Admin@$bot_app_id exists"
	else
		echo "mediawiki.sh: createBotPassword.php failed:" >&2
		echo "$out" | grep -v "$bot_password" | tail -20 >&2
		exit 1
	fi
}

# A maintenance script run against this wiki in the named configuration.
maintenance() {
	(cd "$mw" && MW_CONFIG_FILE="$dir/LocalSettings.php" MWCHECK_CONFIG="$config" php "maintenance/$1" "${@:2}") \
		>>"$dir/setup-$config.log" 2>&1 || {
		echo "mediawiki.sh: maintenance/$1 failed; see $dir/setup-$config.log" >&2
		tail -20 "$dir/setup-$config.log" >&2
		exit 1
	}
}

# What a named configuration needs in the database, once per --dir: extension tables (update.php) and fixed
# accounts that no API can set up (OATHAuth enrolment).
do_setup_config() {
	local done="$dir/setup-$config.done"
	[ -f "$done" ] && return 0
	case "$config" in
		oathauth)
			maintenance update.php --quick
			maintenance createAndPromote.php Totpuser 'Totp-pass-12345'
			maintenance sql.php --query "INSERT INTO oathauth_users (id, module, data)
				SELECT user_id, 'totp', '{\"keys\":[{\"secret\":\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\",\"scratch_tokens\":[]}]}'
				FROM user WHERE user_name = 'Totpuser';"
			;;
	esac
	: >"$done"
}

# The `dnsbl` configuration's DNS blacklist zone lists 127.0.0.1 through /etc/hosts (PHP resolves with
# gethostbynamel, which reads it): one line for a name under the reserved .test TLD.
dnsbl_host_line='127.0.0.2 1.0.0.127.dnsbl.mwcheck.test'
ensure_dnsbl_host() {
	getent hosts 1.0.0.127.dnsbl.mwcheck.test >/dev/null && return 0
	if [ -w /etc/hosts ]; then
		printf '%s # mwcheck DNSBL test zone (scripts/mediawiki.sh)\n' "$dnsbl_host_line" >>/etc/hosts
		getent hosts 1.0.0.127.dnsbl.mwcheck.test >/dev/null && return 0
	fi
	echo "mediawiki.sh: configuration dnsbl needs the line '$dnsbl_host_line' in /etc/hosts;" \
		"run this once as root, or add it by hand" >&2
	exit 1
}

do_start() {
	# --fresh restarts a running wiki on new data (do_setup stops it); otherwise a running wiki is kept.
	if [ "$fresh" != 1 ] && pid=$(running_pid); then
		echo "already running (pid $pid): $api"
		return 0
	fi
	[ "$config" != dnsbl ] || ensure_dnsbl_host
	do_setup
	do_setup_config
	: >"$dir/outbox.jsonl"
	(
		cd "$mw"
		MW_CONFIG_FILE="$dir/LocalSettings.php" MW_OUTBOX="$dir/outbox.jsonl" MWCHECK_CONFIG="$config" \
			PHP_CLI_SERVER_WORKERS="$workers" \
			setsid php -S "127.0.0.1:$port" -t "$mw" >"$dir/server.log" 2>&1 </dev/null &
		echo $! >"$dir/server.pid"
	)
	for _ in $(seq 1 120); do
		if answers; then
			echo "MediaWiki is up: $api (config $config, data $dir)"
			return 0
		fi
		if ! running_pid >/dev/null; then
			echo "mediawiki.sh: the PHP server exited; see $dir/server.log" >&2
			tail -20 "$dir/server.log" >&2
			exit 1
		fi
		sleep 0.5
	done
	echo "mediawiki.sh: $api did not answer within 60 s; see $dir/server.log" >&2
	exit 1
}

do_stop() {
	if pid=$(running_pid); then
		kill -- "-$pid" 2>/dev/null || kill "$pid"
		for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
		echo "stopped (pid $pid)"
	else
		echo "not running"
	fi
	rm -f "$dir/server.pid"
}

case "$command" in
	install) do_install ;;
	start) do_start ;;
	stop) do_stop ;;
	status) if pid=$(running_pid) && answers; then echo "running (pid $pid): $api"; else echo "not running"; exit 1; fi ;;
	bot-password) do_bot_password ;;
	env) printf 'MW_API=%q\nMW_OUTBOX=%q\n' "$api" "$dir/outbox.jsonl" ;;
	-h|--help|help) usage ;;
	*) echo "mediawiki.sh: unknown command $command" >&2; usage >&2; exit 2 ;;
esac
