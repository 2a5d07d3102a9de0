#!/usr/bin/env bash
# End-to-end comparison of `bin/symbolic proguard retrace` with R8's retrace (8.5.35), both as
# whole processes (JVM start-up included), on the same mapping and frames:
#
#   bash benchmarks/compare-proguard.sh [--mapping FILE] [--frames FILE] [--startup-frames FILE]
#                                       [--runs N] [--corpus DIR]
#
# Defaults: the large corpus mapping (decompressed into benchmarks/target/ once), its 10,000
# frames, and its 1-frame start-up trace; N=5 runs per tool and case, interleaved. Each run is
# timed with GNU time (peak RSS, CPU) and the clock around it (wall seconds, to the millisecond);
# without /usr/bin/time, bash's own timing is used and RSS is reported as n/a. "symbolic
# --cache" uses a binary cache built once before timing.
# Our output is diffed against R8's (MATCH, or MISMATCH with the number of differing lines).
# The table is printed and also written to benchmarks/target/compare-proguard.txt.
set -euo pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/.." && pwd)
target=$here/target
corpus=${SYMBOLIC_CORPUS:-$root/../shared/corpus}
mapping=
frames=
startup_frames=
runs=5
r8_version=8.5.35

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "$1"
}

while [ $# -gt 0 ]; do
  case $1 in
    --mapping) mapping=$2; shift 2 ;;
    --frames) frames=$2; shift 2 ;;
    --startup-frames) startup_frames=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "compare-proguard.sh: unknown argument '$1'" >&2; usage 2 >&2 ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "compare-proguard.sh: --runs needs a positive number" >&2; exit 2 ;; esac

mkdir -p "$target"
corpus=$(cd -P "$corpus" 2>/dev/null && pwd || printf '%s' "$corpus")
large=$corpus/proguard/large
if [ -z "$mapping" ]; then
  mapping=$target/large-mapping.txt
  if [ ! -s "$mapping" ]; then
    if [ ! -f "$large/mapping.txt.xz" ]; then
      echo "compare-proguard.sh: no $large/mapping.txt.xz; pass --mapping FILE --frames FILE" >&2
      exit 1
    fi
    echo "Decompressing $large/mapping.txt.xz into $mapping ..." >&2
    xz -dc "$large/mapping.txt.xz" >"$mapping.tmp" && mv "$mapping.tmp" "$mapping"
  fi
fi
if [ -z "$frames" ]; then
  frames=$large/frames-10000.txt
fi
if [ -z "$startup_frames" ] && [ -f "$large/frames-1.txt" ]; then
  startup_frames=$large/frames-1.txt
fi
for f in "$mapping" "$frames" ${startup_frames:+"$startup_frames"}; do
  [ -f "$f" ] || { echo "compare-proguard.sh: no such file: $f" >&2; exit 1; }
done

# R8, fetched once with the Maven wrapper (from the local repository when it is there).
r8_jar=$target/peer/r8-$r8_version.jar
if [ ! -f "$r8_jar" ]; then
  echo "Fetching com.android.tools:r8:$r8_version into $target/peer ..." >&2
  (cd "$root" && ./mvnw -q -B -N dependency:copy -Dartifact=com.android.tools:r8:$r8_version \
    -DoutputDirectory="$target/peer")
fi

java=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}
java=${java:-java}
# One java binary for both tools, found once: the launcher then starts no readlink of its own.
java=$(command -v "$java")
java=$(readlink -f "$java" 2>/dev/null || printf '%s' "$java")
symbolic=$root/bin/symbolic
export JAVA=$java

# Build (if needed) and warm up the launcher outside the timed runs: the first run after a
# build also records the class-data-sharing archive. The timed runs then skip the launcher's
# check of the jar against the sources (SYMBOLIC_BUILD=0), a walk over the checkout that R8
# does not make.
"$symbolic" --version >/dev/null
export SYMBOLIC_BUILD=0
cache=$target/large-mapping.pgcache
echo "Building the cache $cache ..." >&2
"$symbolic" proguard cache build --mapping "$mapping" --output "$cache"

out=$target/compare-out
mkdir -p "$out"
have_time=0
[ -x /usr/bin/time ] && have_time=1

# run NAME OUTFILE CMD...: one timed run; appends "wall rss cpu" to $out/NAME.times.
run() {
  local name=$1 outfile=$2
  shift 2
  if [ "$have_time" = 1 ]; then
    # GNU time gives RSS and CPU; its wall time has 10 ms steps, too coarse for runs of about
    # 0.1 s, so the wall time is taken around it in nanoseconds (GNU time's own start-up, about
    # a millisecond, is counted for every tool alike).
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -o "$out/time.tmp" -f '%e %M %U %S' "$@" >"$outfile" 2>"$out/$name.err" || {
      echo "compare-proguard.sh: $name failed:" >&2; cat "$out/$name.err" >&2; exit 1; }
    t1=$(date +%s%N)
    awk -v ns=$((t1 - t0)) '{ printf "%.3f %s %.2f\n", ns / 1e9, $2, $3 + $4 }' "$out/time.tmp" \
      >>"$out/$name.times"
  else
    local TIMEFORMAT='%R %U %S' t
    t=$( { time "$@" >"$outfile" 2>"$out/$name.err"; } 2>&1 ) || {
      echo "compare-proguard.sh: $name failed:" >&2; cat "$out/$name.err" >&2; exit 1; }
    echo "$t" | awk '{ printf "%s n/a %.2f\n", $1, $2 + $3 }' >>"$out/$name.times"
  fi
}

# median COLUMN FILE
median() {
  awk -v c="$1" '{ print $c }' "$2" | { grep -v 'n/a' || true; } | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a";
        else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# diffcount A B: the number of differing lines (diff's < and > lines).
diffcount() {
  { diff "$1" "$2" || true; } | { grep -c '^[<>]' || true; }
}

report=$target/compare-proguard.txt
: >"$report"
say() { echo "$@" | tee -a "$report"; }

say "R8 retrace $r8_version vs bin/symbolic proguard retrace; $runs runs each, medians"
say "mapping: $mapping ($(wc -c <"$mapping" | tr -d ' ') bytes)"
say "java:    $("$java" -version 2>&1 | head -1)"
say "machine: $(nproc 2>/dev/null || echo '?') CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
[ "$have_time" = 1 ] || say "(no /usr/bin/time: wall time from bash, RSS n/a)"

compare_case() {
  local label=$1 input=$2 tag=$3 lines
  lines=$(wc -l <"$input" | tr -d ' ')
  rm -f "$out/$tag".*.times
  local i
  for ((i = 1; i <= runs; i++)); do
    run "$tag.r8" "$out/$tag.r8.txt" \
      "$java" -cp "$r8_jar" com.android.tools.r8.retrace.Retrace "$mapping" "$input"
    run "$tag.symbolic" "$out/$tag.symbolic.txt" \
      "$symbolic" proguard retrace --mapping "$mapping" "$input"
    run "$tag.cached" "$out/$tag.cached.txt" \
      "$symbolic" proguard retrace --cache "$cache" "$input"
  done

  local r8_wall r8_rss
  r8_wall=$(median 1 "$out/$tag.r8.times")
  r8_rss=$(median 2 "$out/$tag.r8.times")
  say ""
  say "== $label: $(basename "$input") ($lines lines in, $(wc -l <"$out/$tag.r8.txt" | tr -d ' ') lines out)"
  say "$(printf '%-18s %10s %10s %8s %12s %12s  %s' tool 'wall s' 'RSS MiB' 'cpu s' \
    'R8/ours t' 'ours/R8 RSS' output)"
  local tool name wall rss cpu tratio rratio verdict n
  for tool in r8:R8 symbolic:symbolic cached:'symbolic --cache'; do
    name=${tool#*:}
    tool=${tool%%:*}
    wall=$(median 1 "$out/$tag.$tool.times")
    rss=$(median 2 "$out/$tag.$tool.times")
    cpu=$(median 3 "$out/$tag.$tool.times")
    if [ "$tool" = r8 ]; then
      tratio=-
      rratio=-
      verdict=reference
    else
      tratio=$(awk -v a="$r8_wall" -v b="$wall" 'BEGIN { printf (b > 0 ? "%.2fx" : "n/a"), a / b }')
      if [ "$rss" = n/a ] || [ "$r8_rss" = n/a ]; then
        rratio=n/a
      else
        rratio=$(awk -v a="$rss" -v b="$r8_rss" 'BEGIN { printf "%.2fx", a / b }')
      fi
      n=$(diffcount "$out/$tag.r8.txt" "$out/$tag.$tool.txt")
      if [ "$n" = 0 ]; then verdict=MATCH; else verdict="MISMATCH ($n differing lines)"; fi
    fi
    if [ "$rss" != n/a ]; then
      rss=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
    fi
    say "$(printf '%-18s %10s %10s %8s %12s %12s  %s' "$name" "$wall" "$rss" "$cpu" \
      "$tratio" "$rratio" "$verdict")"
  done
}

compare_case "retrace" "$frames" main
if [ -n "$startup_frames" ]; then
  compare_case "start-up" "$startup_frames" startup
fi
say ""
say "(outputs and per-run times: $out; this table: $report)"
