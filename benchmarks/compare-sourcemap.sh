#!/usr/bin/env bash
# Compares the source-map library with the two reference JavaScript libraries on the same large
# map, in one run:
#
#   bash benchmarks/compare-sourcemap.sh [--map FILE[.xz]] [--js FILE[.xz]] [--lookups N] [--runs N]
#
# Default map: the corpus's esbuild-big-bundle (20.6 MB, decompressed into benchmarks/target/).
# Installs source-map@0.7.6 and @jridgewell/trace-mapping@0.3.31 with npm into
# benchmarks/target/node (once), builds benchmarks/target/benchmarks.jar when missing, writes N
# (default 100,000) seeded positions, then measures, as medians of --runs (default 7) after as
# many warm-up runs, each in its own process:
#   - parse+index: the JSON text already in memory to a lookup-ready map;
#   - N lookups (greatest lower bound, the libraries' default);
#   - cache open (Java only: memory-map the binary cache and read its header).
# Prints a table and the ratios (goals: parse+index faster than trace-mapping, lookups at least
# as fast, cache open at least 20x faster than parsing the JSON).
set -euo pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/.." && pwd)
target=$here/target
corpus=${SYMBOLIC_CORPUS:-$root/../shared/corpus}
map=$corpus/sourcemap/maps/esbuild-big-bundle/big.min.js.map.xz
js=$corpus/sourcemap/maps/esbuild-big-bundle/big.min.js.xz
lookups=100000
runs=7

while [ $# -gt 0 ]; do
  case $1 in
    --map) map=$2; js=; shift 2 ;;
    --js) js=$2; shift 2 ;;
    --lookups) lookups=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare-sourcemap.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$target/sourcemap" "$target/node"

# A plain copy of a possibly .xz-compressed file.
plain() {
  local f=$1
  case $f in
    *.xz)
      local out=$target/sourcemap/$(basename "${f%.xz}")
      if [ ! -s "$out" ]; then
        xz -dc "$f" >"$out.tmp" && mv "$out.tmp" "$out"
      fi
      printf '%s' "$out" ;;
    *) printf '%s' "$f" ;;
  esac
}
mapfile=$(plain "$map")
jsfile=
if [ -n "$js" ]; then jsfile=$(plain "$js"); fi

node_dir=$target/node
if [ ! -d "$node_dir/node_modules/source-map" ] \
    || [ ! -d "$node_dir/node_modules/@jridgewell/trace-mapping" ]; then
  echo "Installing source-map@0.7.6 and @jridgewell/trace-mapping@0.3.31 into $node_dir ..." >&2
  (cd "$node_dir" && { [ -f package.json ] || echo '{"private":true}' >package.json; } \
    && npm install --silent --no-audit --no-fund source-map@0.7.6 \
      @jridgewell/trace-mapping@0.3.31 >/dev/null)
fi

jar=$target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "Building $jar ..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl benchmarks -am package)
fi
java=${JAVA:-java}

positions=$target/sourcemap/positions-$lookups.txt
"$java" -cp "$jar" dev.symbolic.benchmarks.SourceMapTiming positions "$mapfile" "$positions" \
  "$lookups"

cat >"$node_dir/bench.js" <<'JS'
'use strict';
// node bench.js LIBRARY MAP POSITIONS RUNS: prints parse_index_ms and lookups_ms (medians).
const fs = require('fs');
const [lib, mapFile, posFile, runsArg] = process.argv.slice(2);
const runs = parseInt(runsArg, 10);
const text = fs.readFileSync(mapFile, 'utf8');
const pos = fs.readFileSync(posFile, 'utf8').trim().split('\n').map((l) => l.split(' ').map(Number));
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
async function main() {
  let parse, lookup;
  if (lib === 'trace-mapping') {
    const { TraceMap, originalPositionFor } = require('@jridgewell/trace-mapping');
    parse = async () => { const m = new TraceMap(text); originalPositionFor(m, { line: 1, column: 0 }); return m; };
    lookup = (m) => { let s = 0; for (const [l, c] of pos) { const r = originalPositionFor(m, { line: l + 1, column: c }); if (r.line !== null) s += r.line; } return s; };
  } else {
    const { SourceMapConsumer } = require('source-map');
    parse = async () => { const m = await new SourceMapConsumer(text); m.originalPositionFor({ line: 1, column: 0 }); return m; };
    lookup = (m) => { let s = 0; for (const [l, c] of pos) { const r = m.originalPositionFor({ line: l + 1, column: c }); if (r.line !== null) s += r.line; } return s; };
  }
  const parseMs = [], lookupMs = [];
  for (let i = 0; i < 2 * runs; i++) {
    const t0 = process.hrtime.bigint();
    const m = await parse();
    const t1 = process.hrtime.bigint();
    lookup(m);
    const t2 = process.hrtime.bigint();
    if (m.destroy) m.destroy();
    if (i >= runs) { parseMs.push(Number(t1 - t0) / 1e6); lookupMs.push(Number(t2 - t1) / 1e6); }
  }
  console.log(`parse_index_ms ${median(parseMs).toFixed(2)}`);
  console.log(`lookups_ms ${median(lookupMs).toFixed(2)}`);
}
main().catch((e) => { console.error(e); process.exit(1); });
JS

echo "map: $mapfile ($(wc -c <"$mapfile") bytes), $lookups lookups, medians of $runs runs"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java_out=$("$java" -Xms1g -cp "$jar" dev.symbolic.benchmarks.SourceMapTiming time "$mapfile" \
  "$positions" "$jsfile" "$runs")
tm_out=$(cd "$node_dir" && node bench.js trace-mapping "$mapfile" "$positions" "$runs")
moz_out=$(cd "$node_dir" && node bench.js mozilla "$mapfile" "$positions" "$runs")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

get() { printf '%s\n' "$1" | awk -v k="$2" '$1 == k { print $2 }'; }
jp=$(get "$java_out" parse_index_ms); jl=$(get "$java_out" lookups_ms)
jo=$(get "$java_out" cache_open_ms); jc=$(get "$java_out" cache_lookups_ms)
tp=$(get "$tm_out" parse_index_ms); tl=$(get "$tm_out" lookups_ms)
mp=$(get "$moz_out" parse_index_ms); ml=$(get "$moz_out" lookups_ms)

printf '\n%-28s %14s %14s %14s\n' "" "parse+index ms" "lookups ms" "cache open ms"
printf '%-28s %14s %14s %14s\n' "symbolic (Java)" "$jp" "$jl" "$jo"
printf '%-28s %14s %14s %14s\n' "symbolic (Java) via cache" "-" "$jc" "$jo"
printf '%-28s %14s %14s %14s\n' "@jridgewell/trace-mapping" "$tp" "$tl" "-"
printf '%-28s %14s %14s %14s\n' "source-map (Mozilla)" "$mp" "$ml" "-"
echo
printf '%s\n' "$java_out" | grep -E '^(segments|scopes_ms|cache_build_ms|cache_bytes|cache_disagreements) ' \
  | sed 's/^/java: /'
echo
awk -v jp="$jp" -v jl="$jl" -v jo="$jo" -v jc="$jc" -v tp="$tp" -v tl="$tl" -v mp="$mp" -v ml="$ml" 'BEGIN {
  printf "parse+index: trace-mapping / Java = %.2fx, Mozilla / Java = %.2fx (goal: > 1)\n", tp / jp, mp / jp
  printf "lookups:     trace-mapping / Java = %.2fx, Mozilla / Java = %.2fx (goal: >= 1)\n", tl / jl, ml / jl
  printf "cache lookups: trace-mapping / Java cache = %.2fx\n", tl / jc
  printf "cache open:  Java parse / open = %.0fx, trace-mapping parse / open = %.0fx (goal: >= 20)\n", jp / jo, tp / jo
}'
