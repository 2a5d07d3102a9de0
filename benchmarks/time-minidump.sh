#!/usr/bin/env bash
# Times `bin/symbolic minidump stackwalk` over every minidump of the corpus, each as a whole
# process (JVM start-up included), with the symbol store beside it:
#
#   bash benchmarks/time-minidump.sh [--corpus DIR] [--runs N]
#
# For each .dmp under DIR/minidump (default ../shared/corpus/minidump) prints the median wall
# time and peak RSS of N runs (default 3), the exit status and the number of frames printed;
# text microdumps and invalid dumps are listed with the status they get. If rust-minidump's
# `minidump-stackwalk` is on PATH it is timed on the same dumps and symbols. The table is also
# written to benchmarks/target/time-minidump.txt.
set -euo pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/.." && pwd)
target=$here/target
corpus=${SYMBOLIC_CORPUS:-$root/../shared/corpus}
runs=3

usage() {
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "$1"
}

while [ $# -gt 0 ]; do
  case $1 in
    --corpus) corpus=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "time-minidump.sh: unknown argument '$1'" >&2; usage 2 >&2 ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "time-minidump.sh: --runs needs a positive number" >&2; exit 2 ;; esac
[ -d "$corpus/minidump" ] || { echo "time-minidump.sh: no $corpus/minidump (use --corpus DIR)" >&2; exit 1; }

symbolic=$root/bin/symbolic
"$symbolic" --version >/dev/null # build and record the class-data archive outside the timing
peer=$(command -v minidump-stackwalk || true)
mkdir -p "$target"
report=$target/time-minidump.txt
: >"$report"
say() { echo "$@" | tee -a "$report"; }

# median of the first column of stdin
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a";
      else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# time_runs OUT CMD...: N runs; prints "wall rss status" (medians; status of the last run)
time_runs() {
  local out=$1 status=0 i
  shift
  : >"$target/tm.walls"
  : >"$target/tm.rss"
  for ((i = 1; i <= runs; i++)); do
    status=0
    /usr/bin/time -o "$target/tm.one" -f '%e %M' "$@" >"$out" 2>/dev/null || status=$?
    tail -1 "$target/tm.one" | awk '{ print $1 }' >>"$target/tm.walls"
    tail -1 "$target/tm.one" | awk '{ print $2 }' >>"$target/tm.rss"
  done
  echo "$(median <"$target/tm.walls") $(($(median <"$target/tm.rss" | cut -d. -f1) / 1024)) $status"
}

say "bin/symbolic minidump stackwalk over $corpus/minidump; $runs runs each, medians"
say "machine: $(nproc 2>/dev/null || echo '?') CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
say ""
if [ -n "$peer" ]; then
  say "$(printf '%-58s %8s %8s %6s %7s %10s %8s' dump 'wall s' 'RSS MiB' status frames 'peer s' 'peer/us')"
else
  say "$(printf '%-58s %8s %8s %6s %7s' dump 'wall s' 'RSS MiB' status frames)"
fi
total=0
count=0
while IFS= read -r dmp; do
  rel=${dmp#"$corpus/minidump/"}
  store=$(dirname "$dmp")/symbols
  read -r wall rss status < <(time_runs "$target/tm.out" "$symbolic" minidump stackwalk "$dmp" "$store")
  frames=$(grep -cE '^ *[0-9]+  ' "$target/tm.out" || true)
  total=$(awk -v a="$total" -v b="$wall" 'BEGIN { print a + b }')
  count=$((count + 1))
  if [ -n "$peer" ]; then
    read -r pwall _ _ < <(time_runs "$target/tm.peer" "$peer" "$dmp" "$store")
    ratio=$(awk -v a="$pwall" -v b="$wall" 'BEGIN { printf (b > 0 ? "%.2fx" : "n/a"), a / b }')
    say "$(printf '%-58s %8s %8s %6s %7s %10s %8s' "$rel" "$wall" "$rss" "$status" "$frames" "$pwall" "$ratio")"
  else
    say "$(printf '%-58s %8s %8s %6s %7s' "$rel" "$wall" "$rss" "$status" "$frames")"
  fi
done < <(find "$corpus/minidump" -name '*.dmp' | sort)
say ""
say "$count dumps, $(awk -v t="$total" 'BEGIN { printf "%.2f", t }') s in total (status 1: the dump is rejected as invalid, e.g. a text microdump)"
