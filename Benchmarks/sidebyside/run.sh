#!/usr/bin/env bash
# Side-by-side speed: pare against the peers and a floor, in one run, on the same input.
#
# Usage (from anywhere; paths are resolved against the repository root):
#   Benchmarks/sidebyside/run.sh [-i INPUT.jsonl[.gz]] [-r REPEAT] [-w WORKDIR]
#                                [-j N] [-R RUNS] [-P PEER_RUNS] [-p JUSTEXT_PAGES]
#   PARE=/path/to/pare Benchmarks/sidebyside/run.sh ...
#
#   -i  pages with a "text" field (default ../shared/eval/wcxb-dev.jsonl.gz from the repo root)
#   -r  repeat the pages this many times to make a bigger corpus (default 1)
#   -w  work directory (default /tmp/pare-sbs): corpus.{jsonl,z,txt}, venv/, floor, results.md
#   -j  workers for the parallel pare runs (default: nproc)
#   -R  runs of each pare / floor / wc command; the median wall time is reported (default 3)
#   -P  runs of each peer (default 1)
#   -p  jusText runs on the first P pages only, MB/s scaled by the bytes it processed (default 200)
#   PARE  the pare binary (default .build/release/pare in the repo root); build one with
#         swift build -c release --scratch-path .build-sbs  →  PARE=.build-sbs/release/pare
#
# Times, each a fresh process on the same corpus:
#   1 floor.c: memchr line split + one anchored caseless PCRE2-JIT pattern per line (1 core)
#   2 wc -l
#   3 pare -j 1 -q -z corpus.z     4 pare -j N -q -z corpus.z
#   5 pare -j 1 -q corpus.jsonl    6 pare -j N -q corpus.jsonl
#   7 datatrove C4QualityFilter, one Python process (cleaning loop alone, and whole process)
#   8 jusText, each line a <p>, English stoplist, one process, first P pages (loop and process)
# Prints a table (MB of page text, seconds, MB/s, MB/s per core, ratio to the floor) and
# the ratios (pare -j1 vs each peer, -jN/-j1 scaling, JSONL/text), and writes the same as a
# markdown table to WORKDIR/results.md. The venv (pinned datatrove, jusText) is created once
# in WORKDIR/venv and reused; the corpus is rebuilt only when the input or -r changes.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
INPUT="$ROOT/../shared/eval/wcxb-dev.jsonl.gz"
REPEAT=1
WORK=/tmp/pare-sbs
JOBS=$(nproc)
RUNS=3
PEER_RUNS=1
JUSTEXT_PAGES=200
PARE=${PARE:-$ROOT/.build/release/pare}

# Versions that work together (lxml ≥ 5.2 moved lxml.html.clean, which jusText imports, into
# lxml_html_clean; datatrove's C4 filter imports `regex`, from its optional "processing" extra).
PEER_PACKAGES=(datatrove==0.10.1 justext==3.0.2 lxml==6.1.3 lxml_html_clean==0.4.6 regex==2026.11.19)

die() { echo "run.sh: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

while getopts "i:r:w:j:R:P:p:h" opt; do
    case $opt in
        i) INPUT=$OPTARG ;;
        r) REPEAT=$OPTARG ;;
        w) WORK=$OPTARG ;;
        j) JOBS=$OPTARG ;;
        R) RUNS=$OPTARG ;;
        P) PEER_RUNS=$OPTARG ;;
        p) JUSTEXT_PAGES=$OPTARG ;;
        *) usage ;;
    esac
done
shift $((OPTIND - 1))
[[ $# -eq 0 ]] || usage
for n in "$REPEAT" "$JOBS" "$RUNS" "$PEER_RUNS" "$JUSTEXT_PAGES"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "counts must be positive integers (got '$n')"
done

# Relative PARE and INPUT paths are taken from the repository root.
[[ $PARE = /* ]] || PARE=$ROOT/$PARE
[[ $INPUT = /* || -e $INPUT ]] || INPUT=$ROOT/$INPUT
[[ -f $INPUT ]] || die "input not found: $INPUT (pass one with -i)"
[[ -x $PARE ]] || die "pare binary not found or not executable: $PARE
  build one:  (cd $ROOT && swift build -c release --scratch-path .build-sbs)
  then:       PARE=$ROOT/.build-sbs/release/pare $0"
"$PARE" --version >/dev/null 2>&1 || die "$PARE does not run ('$PARE --version' failed)"
for tool in python3 cc wc; do
    command -v "$tool" >/dev/null || die "$tool is needed"
done

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
echo "== pare side by side: $(date '+%Y-%m-%d %H:%M'), $(nproc) cores, load:$(uptime | sed 's/.*load average://')"
echo "   pare: $PARE ($("$PARE" --version 2>&1))"

# Corpus
python3 "$HERE/prepare.py" "$INPUT" "$WORK" --repeat "$REPEAT"

# Floor program
if [[ ! -x $WORK/floor || $HERE/floor.c -nt $WORK/floor ]]; then
    cc -O2 -o "$WORK/floor" "$HERE/floor.c" -lpcre2-8 \
        || die "could not compile floor.c (needs libpcre2-dev)"
fi

# Peers' venv
VENV=$WORK/venv
if [[ ! -x $VENV/bin/python ]] || ! "$VENV/bin/python" -c 'import datatrove, justext, regex, lxml_html_clean' 2>/dev/null; then
    echo "venv: installing ${PEER_PACKAGES[*]} into $VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed (install python3-venv)"
    "$VENV/bin/pip" install -q --disable-pip-version-check "${PEER_PACKAGES[@]}" \
        || die "pip install into $VENV failed"
fi
"$VENV/bin/python" - <<'EOF' || die "the peers do not import in $VENV (remove it to rebuild)"
from datatrove.pipeline.filters import C4QualityFilter
import justext
justext.get_stoplist("English")
EOF

python3 "$HERE/bench.py" --work "$WORK" --pare "$PARE" --python "$VENV/bin/python" \
    --floor "$WORK/floor" --jobs "$JOBS" --runs "$RUNS" --peer-runs "$PEER_RUNS" \
    --justext-pages "$JUSTEXT_PAGES"
echo "== done, load:$(uptime | sed 's/.*load average://')"
