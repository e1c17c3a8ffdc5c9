#!/usr/bin/env bash
# Starts and stops real MediaWiki wikis on loopback for mwcheck's conformance runs, in two versions side by side:
#
#   1.43 (LTS, the default)  Debian 13 (trixie)'s `mediawiki` + `mediawiki-classes` packages, fetched with a private
#                            apt source list for trixie and trixie-security (on the Debian mirror this machine's own
#                            apt sources name; signatures checked against debian-archive-keyring) and unpacked into
#                            a tree of its own, $MWCHECK_PREFIX/mediawiki-1.43 (default /opt/mwcheck). The system's
#                            apt lists stay Debian 12's and dpkg installs nothing of it; only php-gmp is added.
#   1.39                     Debian 12's `mediawiki` package, installed with apt-get (/usr/share/mediawiki).
#
# Each wiki uses SQLite and PHP's built-in server, configured by scripts/mediawiki/profile.php (no throttles, mail
# captured to an outbox file) and optionally by a named configuration (scripts/mediawiki/configs/NAME.php; its
# `// mwcheck-versions: …` header line, if any, lists the versions it applies to), with a bot password for the Admin
# account. Several wikis, of either version, can run side by side, each with its own --dir and --port; a data dir
# records the version that set it up.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
configs_dir="$here/mediawiki/configs"
all_versions=(1.39 1.43)
# Where 1.43 goes: its tree, and the private apt state for trixie.
prefix=${MWCHECK_PREFIX:-/opt/mwcheck}

usage() {
	cat <<'EOF'
Usage: scripts/mediawiki.sh COMMAND [options]

Commands:
  install   install MediaWiki --version V (1.43 or 1.39; `--version all` or `--all`: both) and the PHP packages
            it needs (as root). 1.39 is Debian 12's mediawiki package (/usr/share/mediawiki); 1.43 is Debian 13's,
            downloaded through a private trixie apt list and unpacked into $MWCHECK_PREFIX/mediawiki-1.43
            (default /opt/mwcheck). Quick and harmless when already installed.
  start     set up the wiki if needed, start it in the background and wait until api.php answers
  stop      stop the wiki started with the same --dir (whatever its version)
  status    say whether it runs
  env       print MW_API=…, MW_OUTBOX=… and MW_VERSION=… for the wiki with this --dir/--port (eval-able)
  bot-password  create Admin's bot password in the wiki with this --dir if it lacks it (start does this for
            new wikis; for wikis set up before it did)
  configs   list the named configurations, each with the versions it applies to (NAME<TAB>VERSIONS); with
            --version V, only the names of those that apply to V, `default` first
  config-versions NAME  print the versions (space-separated) that the configuration NAME applies to

Options:
  --version V     MediaWiki version: 1.43 (default) or 1.39; with install also `all`
  --all           with install: both versions (same as --version all)
  --port N        port on 127.0.0.1 (default 8080)
  --dir DIR       where the database, settings, outbox and log live (default .mwcheck/mediawiki-VERSION-PORT).
                  DIR records the version that set it up: stop, status, env and bot-password use that version,
                  and start refuses a DIR set up by another version (unless --fresh)
  --config NAME   named configuration from scripts/mediawiki/configs/NAME.php (default: default); start exits
                  with status 3 when NAME does not apply to the version (its `// mwcheck-versions:` line)
  --fresh         with start: delete DIR first, so the wiki starts with no accounts but Admin
  --workers N     PHP built-in server workers (default 4)

Admin account: Admin / Adminpass-12345 (a throw-away test wiki on loopback only).
Its bot password: Admin@mwcheck / mwcheckbotpassword0123456789abcd, grant `basic` (mwcheck's --bot-user and
--bot-password defaults; the built-in mock has the same one).

Examples:
  sudo scripts/mediawiki.sh install --version all
  scripts/mediawiki.sh start --fresh                               # 1.43 on port 8080
  scripts/mediawiki.sh start --version 1.39 --port 8039 --fresh
  eval "$(scripts/mediawiki.sh env)"; cargo run -- run --target "$MW_API" --outbox "$MW_OUTBOX"
  scripts/mediawiki.sh stop; scripts/mediawiki.sh stop --version 1.39 --port 8039
  for c in $(scripts/mediawiki.sh configs --version 1.39); do …; done
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
version=1.43
version_given=0
positional=()
while [ $# -gt 0 ]; do
	case "$1" in
		--version) version=$2; version_given=1; shift 2 ;;
		--all) version=all; version_given=1; shift ;;
		--port) port=$2; shift 2 ;;
		--dir) dir=$2; shift 2 ;;
		--config) config=$2; shift 2 ;;
		--fresh) fresh=1; shift ;;
		--workers) workers=$2; shift 2 ;;
		-h|--help) usage; exit 0 ;;
		-*) echo "mediawiki.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
		*) positional+=("$1"); shift ;;
	esac
done
case "$version" in
	1.39|1.43) ;;
	all) [ "$command" = install ] || { echo "mediawiki.sh: --version all is for install only" >&2; exit 2; } ;;
	*) echo "mediawiki.sh: unknown --version $version (1.43 or 1.39)" >&2; exit 2 ;;
esac
if [ ${#positional[@]} -gt 0 ]; then
	if [ "$command" = config-versions ] && [ ${#positional[@]} -eq 1 ]; then
		config=${positional[0]}
	else
		echo "mediawiki.sh: unexpected argument ${positional[0]}" >&2
		exit 2
	fi
fi

api="http://127.0.0.1:$port/api.php"
admin_password='Adminpass-12345'
# Bot passwords are 32+ characters of [0-9a-w]; the mock's WikiConfig seeds the same one.
bot_app_id=mwcheck
bot_password='mwcheckbotpassword0123456789abcd'
bot_grants=basic

# The MediaWiki tree of a version.
tree_of() {
	case "$1" in
		1.39) echo /usr/share/mediawiki ;;
		1.43) echo "$prefix/mediawiki-1.43" ;;
	esac
}

# ---------------------------------------------------------------------------------------------------------------
# Named configurations and the versions they apply to.

# The versions the configuration $1 applies to, space-separated: its `// mwcheck-versions: V…` header line, or all.
config_versions() {
	local name=$1 file line
	if [ "$name" = default ]; then
		echo "${all_versions[*]}"
		return 0
	fi
	file="$configs_dir/$(basename "$name").php"
	[ -f "$file" ] || { echo "mediawiki.sh: no configuration $name (no $file)" >&2; exit 2; }
	line=$(sed -n 's|^// *mwcheck-versions: *||p' "$file" | head -1)
	if [ -z "$line" ]; then
		echo "${all_versions[*]}"
	else
		echo "$line" | tr -s ', ' '  ' | sed 's/ *$//'
	fi
}

config_applies() { # NAME VERSION
	local v
	for v in $(config_versions "$1"); do
		[ "$v" = "$2" ] && return 0
	done
	return 1
}

do_configs() {
	local file name names=(default)
	for file in "$configs_dir"/*.php; do
		name=$(basename "$file")
		names+=("${name%.php}")
	done
	for name in "${names[@]}"; do
		if [ "$version_given" = 1 ]; then
			! config_applies "$name" "$version" || echo "$name"
		else
			printf '%s\t%s\n' "$name" "$(config_versions "$name")"
		fi
	done
}

# ---------------------------------------------------------------------------------------------------------------
# Installation.

need_root() {
	[ "$(id -u)" = 0 ] && return 0
	echo "mediawiki.sh: installing needs root (sudo scripts/mediawiki.sh install …)" >&2
	exit 1
}

apt_updated=0
# Installs those of the given Debian 12 packages that are missing (apt-get update only if one is).
apt_install() {
	local p missing=()
	for p in "$@"; do
		dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	need_root
	export DEBIAN_FRONTEND=noninteractive
	if [ "$apt_updated" = 0 ]; then
		apt-get update -qq
		apt_updated=1
	fi
	echo "apt-get install ${missing[*]}"
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Whether PHP's CLI has all these extensions.
php_has() {
	local ext
	for ext in "$@"; do
		php -r "exit(extension_loaded('$ext') ? 0 : 1);" 2>/dev/null || return 1
	done
}

php_packages=(php-cli php-sqlite3 php-apcu php-intl php-mbstring php-xml curl)

install_139() {
	local mw
	mw=$(tree_of 1.39)
	if [ -f "$mw/api.php" ] && php_has pdo_sqlite intl mbstring xml; then
		echo "mediawiki 1.39 is installed: $(dpkg-query -W -f='${Version}' mediawiki 2>/dev/null) ($mw)"
		return 0
	fi
	apt_install mediawiki "${php_packages[@]}"
	echo "installed mediawiki 1.39: $(dpkg-query -W -f='${Version}' mediawiki) ($mw)"
}

os_codename() {
	sed -n 's/^VERSION_CODENAME=["'"'"']\{0,1\}\([a-z]*\).*/\1/p' /etc/os-release
}

# The URIs of the Debian archive and of the Debian security archive that this machine's own apt sources name
# (deb822 *.sources and one-line *.list files), as "main URI" and "security URI" lines.
debian_mirrors() {
	local codename f files=()
	codename=$(os_codename)
	[ -n "$codename" ] || { echo "mediawiki.sh: no VERSION_CODENAME in /etc/os-release" >&2; exit 1; }
	shopt -s nullglob
	files=(/etc/apt/sources.list.d/*.sources)
	[ ${#files[@]} -eq 0 ] || awk -v cn="$codename" '
		function flush(   n, i, s, u) {
			if (types ~ /(^| )deb( |$)/ && uris != "" && enabled !~ /^[Nn][Oo]$/) {
				split(uris, u, " ")
				n = split(suites, s, " ")
				for (i = 1; i <= n; i++) {
					if (s[i] == cn) print "main", u[1]
					if (s[i] == cn "-security" || s[i] == cn "/updates") print "security", u[1]
				}
			}
			types = uris = suites = enabled = ""
		}
		FNR == 1 { flush() }
		/^[ \t]*#/ { next }
		/^[ \t]*$/ { flush(); next }
		{
			key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
			if (key == "types") types = $0
			else if (key == "uris") uris = $0
			else if (key == "suites") suites = $0
			else if (key == "enabled") enabled = $0
		}
		END { flush() }' "${files[@]}"
	files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list)
	shopt -u nullglob
	for f in "${files[@]}"; do
		[ -f "$f" ] || continue
		awk -v cn="$codename" '
			$1 == "deb" {
				i = 2
				if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
				if ($(i + 1) == cn) print "main", $i
				if ($(i + 1) == cn "-security" || $(i + 1) == cn "/updates") print "security", $i
			}' "$f"
	done
}

install_143() {
	local tree stamp
	tree=$(tree_of 1.43)
	stamp="$tree/.mwcheck-installed"
	if [ -f "$stamp" ] && [ -f "$tree/api.php" ] && php_has pdo_sqlite intl mbstring xml gmp; then
		echo "mediawiki 1.43 is installed: $(cat "$stamp") ($tree)"
		return 0
	fi
	need_root
	apt_install "${php_packages[@]}" php-gmp

	# Signatures: the trixie keys that Debian 12's debian-archive-keyring ships (2023.3+deb12u2 and later).
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	if [ ! -f "$keyring" ] || [ ! -f /usr/share/keyrings/debian-archive-trixie-automatic.gpg ]; then
		echo "mediawiki.sh: this machine's debian-archive-keyring has no Debian 13 (trixie) keys, so the trixie" \
			"packages cannot be verified; update it first (apt-get update && apt-get install debian-archive-keyring)" >&2
		exit 1
	fi
	local mirrors main security
	mirrors=$(debian_mirrors)
	main=$(awk '$1 == "main" { print $2; exit }' <<<"$mirrors")
	security=$(awk '$1 == "security" { print $2; exit }' <<<"$mirrors")
	[ -n "$main" ] || {
		echo "mediawiki.sh: found no Debian archive for $(os_codename) in /etc/apt/sources.list*" >&2
		exit 1
	}
	[ -n "$security" ] || echo "mediawiki.sh: warning: no Debian security archive in this machine's apt sources;" \
		"using trixie main only (an older 1.43 point release)" >&2

	# A private apt state for trixie: its own source list, lists and cache, used only through these options.
	local aptdir="$prefix/apt-trixie"
	mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial"
	{
		echo "# mwcheck (scripts/mediawiki.sh): Debian 13 for MediaWiki 1.43 only; not one of the system's sources."
		echo "deb [signed-by=$keyring] ${main%/} trixie main"
		[ -z "$security" ] || echo "deb [signed-by=$keyring] ${security%/} trixie-security main"
	} >"$aptdir/sources.list"
	local apt_opts=(
		-o "Dir::Etc::SourceList=$aptdir/sources.list" -o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$aptdir/lists" -o "Dir::Cache=$aptdir/cache"
		-o Acquire::Languages=none
	)
	echo "fetching the trixie package lists from ${main%/} (private apt state in $aptdir)"
	apt-get "${apt_opts[@]}" -qq update || {
		echo "mediawiki.sh: fetching the trixie lists failed (network, or signatures that debian-archive-keyring" \
			"cannot verify); nothing was changed" >&2
		exit 1
	}
	local candidate
	candidate=$(apt-cache "${apt_opts[@]}" policy mediawiki | awk '/Candidate:/ { print $2 }')
	case "$candidate" in
		1:1.43.*) ;;
		*)
			echo "mediawiki.sh: the trixie lists offer no mediawiki 1.43 (candidate: ${candidate:-none});" \
				"see 'apt-get ${apt_opts[*]} update'" >&2
			exit 1
			;;
	esac

	local work
	work=$(mktemp -d "$prefix/.install-1.43.XXXXXX")
	# apt downloads as the _apt user where it can.
	! id _apt >/dev/null 2>&1 || chown _apt "$work"
	(cd "$work" && apt-get "${apt_opts[@]}" -qq download "mediawiki=$candidate" "mediawiki-classes=$candidate") || {
		rm -rf "$work"
		echo "mediawiki.sh: apt-get download of mediawiki $candidate failed" >&2
		exit 1
	}
	local deb
	mkdir "$work/root"
	for deb in "$work"/*.deb; do
		dpkg-deb -x "$deb" "$work/root"
	done
	local new="$work/root/usr/share/mediawiki"
	if [ ! -f "$new/api.php" ] || [ ! -d "$new/extensions-core" ]; then
		rm -rf "$work"
		echo "mediawiki.sh: the packages hold no usr/share/mediawiki with api.php and extensions-core" >&2
		exit 1
	fi
	# The package points these into /var/lib/mediawiki (which belongs to the 1.39 package here): make them the
	# tree's own, with extensions/NAME -> ../extensions-core/NAME as Debian's /var/lib/mediawiki/extensions does.
	rm -f "$new/extensions" "$new/config" "$new/images" "$new/LocalSettings.php"
	mkdir "$new/extensions" "$new/config" "$new/images"
	local ext
	for ext in "$new"/extensions-core/*/; do
		ext=$(basename "$ext")
		ln -s "../extensions-core/$ext" "$new/extensions/$ext"
	done
	cp -a "$work/root/var/lib/mediawiki/images/." "$new/images/" 2>/dev/null || true
	local outside
	outside=$(find "$new" -type l -lname '/*' -printf '%P -> %l\n' | head -5)
	[ -z "$outside" ] || {
		rm -rf "$work"
		echo "mediawiki.sh: the 1.43 tree still has links out of it: $outside" >&2
		exit 1
	}
	echo "$candidate" >"$new/.mwcheck-installed"
	rm -rf "$tree.old"
	[ ! -e "$tree" ] || mv "$tree" "$tree.old"
	mv "$new" "$tree"
	rm -rf "$work" "$tree.old"
	echo "installed mediawiki 1.43: $candidate ($tree)"
}

do_install() {
	case "$version" in
		1.39) install_139 ;;
		1.43) install_143 ;;
		all) install_139; install_143 ;;
	esac
}

# ---------------------------------------------------------------------------------------------------------------
# One wiki: its data dir and version.

# The version a data dir was set up by: DIR/mw-version, or 1.39 for a wiki set up before versions were recorded.
dir_version() {
	if [ -f "$dir/mw-version" ]; then
		cat "$dir/mw-version"
	elif [ -f "$dir/LocalSettings.php" ]; then
		echo 1.39
	fi
}

setup_dir() {
	[ -n "$dir" ] || dir="$top/.mwcheck/mediawiki-$version-$port"
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	local recorded
	recorded=$(dir_version)
	if [ -n "$recorded" ] && [ "$recorded" != "$version" ]; then
		if [ "$command" = start ] && [ "$fresh" = 1 ]; then
			: # do_setup deletes it
		elif [ "$command" = start ] || { [ "$version_given" = 1 ] && [ "$command" != stop ]; }; then
			echo "mediawiki.sh: $dir holds a MediaWiki $recorded wiki, not $version; use --version $recorded," \
				"another --dir, or --fresh to replace it" >&2
			exit 1
		else
			version=$recorded
		fi
	fi
	mw=$(tree_of "$version")
}

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

need_tree() {
	[ -f "$mw/maintenance/install.php" ] || {
		echo "mediawiki.sh: MediaWiki $version is not installed ($mw is missing);" \
			"run 'scripts/mediawiki.sh install --version $version' first (as root)" >&2
		exit 1
	}
}

do_setup() {
	if [ "$fresh" = 1 ]; then
		do_stop >/dev/null 2>&1 || true
		rm -rf "$dir"
		mkdir -p "$dir"
	fi
	[ -f "$dir/LocalSettings.php" ] && return 0
	need_tree
	rm -rf "$dir/db"
	mkdir -p "$dir/db"
	(cd "$mw" && php maintenance/install.php --dbtype sqlite --dbpath "$dir/db" --dbname my_wiki \
		--server "http://127.0.0.1:$port" --scriptpath "" --confpath "$dir" --lang en \
		--pass "$admin_password" TestWiki Admin) >"$dir/install.log" 2>&1 || {
		echo "mediawiki.sh: install.php ($version) failed; see $dir/install.log" >&2
		tail -20 "$dir/install.log" >&2
		rm -f "$dir/LocalSettings.php"
		exit 1
	}
	printf '\nrequire %s;\n' "'$here/mediawiki/profile.php'" >>"$dir/LocalSettings.php"
	echo "$version" >"$dir/mw-version"
	do_bot_password >>"$dir/install.log"
}

# There is no API to make a bot password: createBotPassword.php writes the row. An existing one is kept.
do_bot_password() {
	[ -f "$dir/LocalSettings.php" ] || { echo "mediawiki.sh: no wiki in $dir" >&2; exit 1; }
	need_tree
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

# The TOTP key mwcheck's oathauth scenarios (and the mock) use for Totpuser; no recovery codes.
totp_key='{"secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","scratch_tokens":[]}'

# What a named configuration needs in the database, once per --dir: extension tables (update.php) and fixed
# accounts that no API can set up (OATHAuth enrolment).
do_setup_config() {
	local done="$dir/setup-$config.done"
	[ -f "$done" ] && return 0
	case "$config" in
		oathauth)
			maintenance update.php --quick
			maintenance createAndPromote.php Totpuser 'Totp-pass-12345'
			case "$version" in
				1.39)
					# One row per user: oathauth_users(id, module, data) with the module's key list.
					maintenance sql.php --query "INSERT INTO oathauth_users (id, module, data)
						SELECT user_id, 'totp', '{\"keys\":[$totp_key]}'
						FROM user WHERE user_name = 'Totpuser';"
					;;
				*)
					# One row per key: oathauth_devices, typed through oathauth_types (which OATHAuth fills
					# lazily; the unique index on oat_name makes this insert safe either way).
					maintenance sql.php --query "INSERT OR IGNORE INTO oathauth_types (oat_name) VALUES ('totp');"
					maintenance sql.php --query "INSERT INTO oathauth_devices (oad_user, oad_type, oad_created, oad_data)
						SELECT user_id, (SELECT oat_id FROM oathauth_types WHERE oat_name = 'totp'),
							strftime('%Y%m%d%H%M%S', 'now'), '$totp_key'
						FROM user WHERE user_name = 'Totpuser';"
					;;
			esac
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

# Before anything else: an unknown configuration is an error (status 2), and one that does not apply to this
# version is a skip (status 3).
require_config() {
	if [ "$config" != default ] && [ ! -f "$configs_dir/$(basename "$config").php" ]; then
		echo "mediawiki.sh: no configuration $config (no $configs_dir/$config.php)" >&2
		exit 2
	fi
}

check_config() {
	require_config
	if ! config_applies "$config" "$version"; then
		echo "mediawiki.sh: configuration $config does not apply to MediaWiki $version" \
			"(it applies to: $(config_versions "$config"))" >&2
		exit 3
	fi
}

do_start() {
	# --fresh restarts a running wiki on new data (do_setup stops it); otherwise a running wiki is kept.
	if [ "$fresh" != 1 ] && pid=$(running_pid); then
		echo "already running (pid $pid): $api (MediaWiki $version)"
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
			echo "MediaWiki $version is up: $api (config $config, data $dir)"
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
	configs) do_configs ;;
	config-versions) require_config; config_versions "$config" ;;
	start) check_config; setup_dir; do_start ;;
	stop) setup_dir; do_stop ;;
	status)
		setup_dir
		if pid=$(running_pid) && answers; then echo "running (pid $pid): $api (MediaWiki $version)"; else echo "not running"; exit 1; fi
		;;
	bot-password) setup_dir; do_bot_password ;;
	env) setup_dir; printf 'MW_API=%q\nMW_OUTBOX=%q\nMW_VERSION=%q\n' "$api" "$dir/outbox.jsonl" "$version" ;;
	-h|--help|help) usage ;;
	*) echo "mediawiki.sh: unknown command $command" >&2; usage >&2; exit 2 ;;
esac
