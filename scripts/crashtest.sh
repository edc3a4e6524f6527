#!/usr/bin/env bash
# Crash convergence: SIGKILL a crawl (of a local replay of the sample news
# site) and an import (of synthetic articles) at a random moment, run the
# same command again, and check that the store and the index agree, that
# no article is stored twice and that every store line parses.
#
#   scripts/crashtest.sh                 # 100 trials of each
#   TRIALS=10 N=1000 scripts/crashtest.sh
#
# Environment: TRIALS (per command, default 100), N (articles to import,
# default 2000), DIR (work folder, default a new temporary one).
set -euo pipefail

TRIALS=${TRIALS:-100}
N=${N:-2000}
GO=${GO:-go}
cd "$(dirname "$0")/.."
DIR=${DIR:-$(mktemp -d /tmp/framescope-crash.XXXXXX)}
mkdir -p "$DIR"
$GO build -o "$DIR/framescope" ./cmd/framescope
$GO build -o "$DIR/crashtest" ./scripts/crashtest
"$DIR/crashtest" jsonl "$N" "$DIR/articles.jsonl"

replay=
stop() { if [ -n "$replay" ]; then kill "$replay" 2>/dev/null || true; wait "$replay" 2>/dev/null || true; fi; }
trap stop EXIT
mkdir -p "$DIR/replay"
"$DIR/crashtest" serve 127.0.0.1:0 "$DIR/replay" >"$DIR/replay.url" &
replay=$!
for _ in $(seq 50); do [ -s "$DIR/replay.url" ] && break; sleep 0.1; done

failures=0
# trial KIND NUMBER MAXDELAY_MS CMD...: runs CMD, kills it after a random
# delay, runs it again to the end and checks the data directory.
trial() {
	local kind=$1 i=$2 max=$3
	shift 3
	local data="$DIR/$kind-data"
	rm -rf "$data"
	mkdir -p "$data"
	cp "$DIR/replay/sources.yaml" "$data/sources.yaml"
	"$@" --data "$data" >/dev/null 2>"$DIR/$kind-killed.log" &
	local pid=$! ms=$((RANDOM % max + 50))
	sleep "$(printf '0.%03d' $((ms % 1000)))"
	sleep $((ms / 1000))
	local killed=0
	if kill -KILL "$pid" 2>/dev/null; then killed=1; fi
	wait "$pid" 2>/dev/null || true
	local rc=0
	"$@" --data "$data" >/dev/null 2>"$DIR/$kind-rerun.log" || rc=$?
	local st
	st=$("$DIR/crashtest" check "$data")
	local indexed
	indexed=$("$DIR/framescope" status --data "$data" --format json | sed -n 's/.*"indexed": *\([0-9]*\).*/\1/p') || indexed=error
	local stored dups bad
	stored=$(sed 's/.*stored=\([0-9]*\).*/\1/' <<<"$st")
	dups=$(sed 's/.*duplicates=\([0-9]*\).*/\1/' <<<"$st")
	bad=$(sed 's/.*unparseable=\([0-9]*\).*/\1/' <<<"$st")
	local ok=ok
	if [ "$stored" != "$indexed" ] || [ "$dups" != 0 ] || [ "$bad" != 0 ] || { [ "$rc" != 0 ] && [ "$rc" != 3 ]; }; then
		ok=FAIL
		failures=$((failures + 1))
		cp -r "$data" "$DIR/$kind-fail-$i"
	fi
	printf '%s %3d: killed after %4d ms: kills=%d stored=%d indexed=%s duplicates=%s unparseable=%s rerun-exit=%d %s\n' \
		"$kind" "$i" "$ms" "$killed" "$stored" "$indexed" "$dups" "$bad" "$rc" "$ok"
}

for i in $(seq "$TRIALS"); do
	trial crawl "$i" 3000 "$DIR/framescope" crawl
done
for i in $(seq "$TRIALS"); do
	trial import "$i" 6000 "$DIR/framescope" import "$DIR/articles.jsonl"
done
echo "crashtest: $((2 * TRIALS)) trials, $failures failed (work folder $DIR)"
[ "$failures" = 0 ]
