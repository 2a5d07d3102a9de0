#!/usr/bin/env bash
# End-to-end comparison of `bin/symbolic demangle` with llvm-cxxfilt-19 and GNU c++filt on the
# same file of real symbol names, all three as whole processes reading the names on stdin:
#
#   bash benchmarks/compare-demangle.sh [--names FILE] [--min N] [--runs N]
#
# Without --names, the names are collected into benchmarks/target/demangle-names.txt: every
# `_Z`/`_R` symbol of the shared libraries on this machine (dynamic symbols, from llvm-nm-19),
# then the corpus's real-world names, until there are at least N (default 200,000). The peer
# tools come from Debian (llvm-19, binutils) and are installed with apt-get when missing.
# Prints wall time and peak RSS (medians of --runs, default 3), the ratios, and how many output
# lines agree with llvm-cxxfilt-19 (Itanium, Rust v0) and with c++filt.
set -euo pipefail

here=$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd -P "$here/.." && pwd)
target=$here/target
corpus=${SYMBOLIC_CORPUS:-$root/../shared/corpus}
names=
min=200000
runs=3

while [ $# -gt 0 ]; do
  case $1 in
    --names) names=$2; shift 2 ;;
    --min) min=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare-demangle.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
mkdir -p "$target"

if ! command -v llvm-cxxfilt-19 >/dev/null || ! command -v c++filt >/dev/null \
    || ! command -v llvm-nm-19 >/dev/null; then
  echo "Installing llvm-19 and binutils from Debian ..." >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq llvm-19 binutils >/dev/null
fi

if [ -z "$names" ]; then
  names=$target/demangle-names.txt
  if [ ! -s "$names" ] || [ "$(wc -l <"$names")" -lt "$min" ]; then
    echo "Collecting at least $min symbol names into $names ..." >&2
    # Symbol versions (`@@GLIBCXX_3.4`) are not part of the mangled name.
    {
      find /usr/lib /usr/lib/llvm-19/lib -name '*.so*' -type f 2>/dev/null \
        | xargs -r llvm-nm-19 -D --defined-only --just-symbol-name 2>/dev/null || true
      # Static archives add local symbols: lambdas, anonymous namespaces, clone suffixes.
      find /usr/lib/llvm-19/lib /usr/lib/x86_64-linux-gnu -name '*.a' -type f 2>/dev/null \
        | xargs -r llvm-nm-19 --defined-only --just-symbol-name 2>/dev/null || true
      for f in itanium-real.tsv rust-real.tsv; do
        if [ -f "$corpus/demangle/$f" ]; then grep -v '^#' "$corpus/demangle/$f" | cut -f1; fi
      done
    } | sed 's/@.*//' | grep -E '^(_Z|_R)' | awk '!seen[$0]++' >"$names.tmp" || true
    mv "$names.tmp" "$names"
  fi
fi
count=$(wc -l <"$names")
echo "names: $names ($count lines)"
[ "$count" -ge "$min" ] || echo "warning: fewer than $min names on this machine" >&2

symbolic=$root/bin/symbolic
"$symbolic" --version >/dev/null   # builds the jar outside the timed runs

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run() { # label, output file, command...
  local label=$1 out=$2; shift 2
  local times=$target/compare-demangle-$label.times
  : >"$times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -a -o "$times" -f '%e %M' "$@" <"$names" >"$out"
  done
  printf '%s %s %s\n' "$label" "$(cut -d' ' -f1 "$times" | median)" \
    "$(cut -d' ' -f2 "$times" | median)"
}

llvm_out=$target/demangle-llvm.txt
gnu_out=$target/demangle-gnu.txt
ours_out=$target/demangle-symbolic.txt
results=$( {
  run llvm-cxxfilt-19 "$llvm_out" llvm-cxxfilt-19
  run c++filt "$gnu_out" c++filt
  run symbolic "$ours_out" "$symbolic" demangle
} )
ours_t=$(awk '$1=="symbolic" {print $2}' <<<"$results")
ours_m=$(awk '$1=="symbolic" {print $3}' <<<"$results")
printf '%-18s %8s %10s %12s %12s\n' tool "wall s" "RSS MiB" "tool/ours t" "ours/tool RSS"
while read -r label t m; do
  printf '%-18s %8s %10.0f %12s %12s\n' "$label" "$t" "$(awk "BEGIN {print $m/1024}")" \
    "$(awk "BEGIN {printf \"%.2fx\", $t/$ours_t}")" "$(awk "BEGIN {printf \"%.2fx\", $ours_m/$m}")"
done <<<"$results"
agree_llvm=$(paste -d '\t' "$ours_out" "$llvm_out" | awk -F'\t' '$1==$2' | wc -l)
agree_gnu=$(paste -d '\t' "$ours_out" "$gnu_out" | awk -F'\t' '$1==$2' | wc -l)
echo "output lines equal to llvm-cxxfilt-19: $agree_llvm / $count; to c++filt: $agree_gnu / $count"
echo "(symbolic follows llvm-cxxfilt for Itanium and Rust v0 and c++filt for Rust legacy)"
