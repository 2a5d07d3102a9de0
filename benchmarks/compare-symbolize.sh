#!/usr/bin/env bash
# End-to-end comparison of `bin/symbolic symbolize` with llvm-symbolizer-19 and GNU addr2line -fi,
# all as whole processes (start-up included), on the same binary and addresses:
#
#   bash benchmarks/compare-symbolize.sh [--binary FILE] [--addresses FILE] [--runs N]
#                                        [--style LLVM|GNU|JSON] [--corpus DIR]
#
# Defaults: the corpus's 40 MB C++ binary large-cpp-gcc-O2-dwarf5 (decompressed into
# benchmarks/target/ once) and its 10,000 benchmark addresses, read from stdin by every tool;
# N=5 runs per tool, interleaved; --output-style=LLVM. Each run is timed with GNU time (wall
# seconds, peak RSS). Our output is diffed against llvm-symbolizer's (MATCH, or MISMATCH with the
# number of differing lines); addr2line prints its own format and is timed only (skipped if
# absent). A second table times the first address alone (start-up: the JVM and first-use work
# against llvm's). The tables are also written to benchmarks/target/compare-symbolize.txt.
set -euo pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/.." && pwd)
target=$here/target
corpus=${SYMBOLIC_CORPUS:-$root/../shared/corpus}
binary=
addresses=
runs=5
style=LLVM

usage() {
  sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "$1"
}

while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --addresses) addresses=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --style) style=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "compare-symbolize.sh: unknown argument '$1'" >&2; usage 2 >&2 ;;
  esac
done
case $runs in ''|*[!0-9]*|0) echo "compare-symbolize.sh: --runs needs a positive number" >&2; exit 2 ;; esac

llvm=$(command -v llvm-symbolizer-19 || command -v llvm-symbolizer || true)
[ -n "$llvm" ] || { echo "compare-symbolize.sh: llvm-symbolizer-19 not found (apt-get install llvm-19)" >&2; exit 1; }

addr2line=$(command -v addr2line || true)

mkdir -p "$target"
generated=$corpus/debuginfo/generated
if [ -z "$binary" ]; then
  binary=$target/large-cpp-gcc-O2-dwarf5
  if [ ! -s "$binary" ]; then
    xz=$generated/binaries/large-cpp-gcc-O2-dwarf5.xz
    [ -f "$xz" ] || { echo "compare-symbolize.sh: no $xz; pass --binary FILE --addresses FILE" >&2; exit 1; }
    echo "Decompressing $xz into $binary ..." >&2
    xz -dc "$xz" >"$binary.tmp" && mv "$binary.tmp" "$binary"
  fi
  addresses=${addresses:-$generated/bench/large-cpp-gcc-O2-dwarf5.bench-addresses.txt}
fi
for f in "$binary" "$addresses"; do
  [ -f "$f" ] || { echo "compare-symbolize.sh: no such file: $f" >&2; exit 1; }
done

symbolic=$root/bin/symbolic
"$symbolic" --version >/dev/null # build and record the class-data archive outside the timing

out=$target/compare-symbolize-out
mkdir -p "$out"
rm -f "$out"/*.times
have_time=0
[ -x /usr/bin/time ] && have_time=1

# run NAME OUTFILE CMD...: one timed run reading $input; appends "wall rss cpu".
input=$addresses
run() {
  local name=$1 outfile=$2
  shift 2
  if [ "$have_time" = 1 ]; then
    /usr/bin/time -o "$out/time.tmp" -f '%e %M %U %S' "$@" <"$input" >"$outfile" 2>"$out/$name.err" || {
      echo "compare-symbolize.sh: $name failed:" >&2; cat "$out/$name.err" >&2; exit 1; }
    awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$out/time.tmp" >>"$out/$name.times"
  else
    local TIMEFORMAT='%R %U %S' t
    t=$( { time "$@" <"$input" >"$outfile" 2>"$out/$name.err"; } 2>&1 ) || {
      echo "compare-symbolize.sh: $name failed:" >&2; cat "$out/$name.err" >&2; exit 1; }
    echo "$t" | awk '{ printf "%s n/a %.2f\n", $1, $2 + $3 }' >>"$out/$name.times"
  fi
}

median() {
  awk -v c="$1" '{ print $c }' "$2" | { grep -v 'n/a' || true; } | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a";
        else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

report=$target/compare-symbolize.txt
: >"$report"
say() { echo "$@" | tee -a "$report"; }

say "$("$llvm" --version | grep -m1 -i version)${addr2line:+, $("$addr2line" --version | head -1)} vs bin/symbolic symbolize; $runs runs each, medians"
say "binary:    $binary ($(wc -c <"$binary" | tr -d ' ') bytes)"
say "addresses: $addresses ($(wc -l <"$addresses" | tr -d ' '))   style: $style"
say "machine:   $(nproc 2>/dev/null || echo '?') CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

for ((i = 1; i <= runs; i++)); do
  run llvm "$out/llvm.txt" "$llvm" --obj="$binary" --output-style="$style"
  run symbolic "$out/symbolic.txt" "$symbolic" symbolize --obj="$binary" --output-style="$style"
  [ -z "$addr2line" ] || run addr2line "$out/addr2line.txt" "$addr2line" -f -i -e "$binary"
done
tools="llvm${addr2line:+ addr2line} symbolic"

llvm_wall=$(median 1 "$out/llvm.times")
llvm_rss=$(median 2 "$out/llvm.times")
say ""
say "$(printf '%-20s %10s %10s %8s %14s %14s  %s' tool 'wall s' 'RSS MiB' 'cpu s' 'llvm/tool t' 'tool/llvm RSS' output)"
for tool in $tools; do
  wall=$(median 1 "$out/$tool.times")
  rss=$(median 2 "$out/$tool.times")
  cpu=$(median 3 "$out/$tool.times")
  if [ "$tool" = llvm ]; then
    tratio=-; rratio=-; verdict=reference
  else
    tratio=$(awk -v a="$llvm_wall" -v b="$wall" 'BEGIN { printf (b > 0 ? "%.2fx" : "n/a"), a / b }')
    if [ "$rss" = n/a ] || [ "$llvm_rss" = n/a ]; then rratio=n/a
    else rratio=$(awk -v a="$rss" -v b="$llvm_rss" 'BEGIN { printf "%.2fx", a / b }'); fi
  fi
  if [ "$tool" = addr2line ]; then
    verdict="(own format, not compared)"
  elif [ "$tool" = symbolic ]; then
    n=$({ diff "$out/llvm.txt" "$out/symbolic.txt" || true; } | { grep -c '^[<>]' || true; })
    if [ "$n" = 0 ]; then verdict=MATCH; else verdict="MISMATCH ($n differing lines)"; fi
  fi
  [ "$rss" = n/a ] || rss=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
  say "$(printf '%-20s %10s %10s %8s %14s %14s  %s' "$tool" "$wall" "$rss" "$cpu" "$tratio" "$rratio" "$verdict")"
done

# Start-up: the first address alone, where the JVM and first-use work dominate.
input=$out/first-address.txt
head -n 1 "$addresses" >"$input"
for ((i = 1; i <= runs; i++)); do
  run llvm-one "$out/llvm-one.txt" "$llvm" --obj="$binary" --output-style="$style"
  run symbolic-one "$out/symbolic-one.txt" "$symbolic" symbolize --obj="$binary" \
    --output-style="$style"
done
one_wall=$(median 1 "$out/llvm-one.times")
say ""
say "== start-up: the first address alone"
for tool in llvm-one symbolic-one; do
  wall=$(median 1 "$out/$tool.times")
  rss=$(median 2 "$out/$tool.times")
  [ "$rss" = n/a ] || rss=$(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }')
  tratio=$(awk -v a="$one_wall" -v b="$wall" 'BEGIN { printf (b > 0 ? "%.2fx" : "n/a"), a / b }')
  say "$(printf '%-20s %10s %10s %8s %14s' "${tool%-one}" "$wall" "$rss" "$(median 3 "$out/$tool.times")" "$tratio")"
done
say ""
say "(outputs and per-run times: $out; this table: $report)"
