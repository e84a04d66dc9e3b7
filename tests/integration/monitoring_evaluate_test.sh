# `esafety monitoring evaluate` on the labelled corpus (issue 22): the lists
# must keep their recall, false-positive and over-block rates, so a list
# change that loses recall fails CI; and removing a list must fail it.
#
# Thresholds: the tune split (the rows the list authors tuned on) is held to
# the issue's targets. The holdout split (never tuned on) is held to a floor
# just under what it measured when it was written: recall 33.0% (31.4% for
# level >= 4), false positives 2.8%, over-blocking 2.8% (data/monitoring/
# corpus/README.md). Raise the floors as the lists improve; the issue's
# targets (95/85/5/1) are not met on unseen wording yet.
source "$(dirname "$0")/lib.sh"
CORPUS="$SOURCE_DIR/data/monitoring/corpus/searches.tsv"
ISSUE_TARGETS=(--min-recall-high 95 --min-recall 85 --max-fp 5 --max-overblock 1)

run 0 "$ESAFETY" monitoring evaluate "$CORPUS" --split tune "${ISSUE_TARGETS[@]}"
contains "$OUT" "All thresholds met." "tune split meets the issue's targets"
matches "$OUT" "disclosure +[0-9]+ of [0-9]+ +100.0%" "every tune disclosure found"
contains "$OUT" "KS2 blocks searches at level 4" "over-blocking uses the demo school's KS2 level"

run 0 "$ESAFETY" monitoring evaluate "$CORPUS" --split holdout \
  --min-recall-high 30 --min-recall 30 --max-fp 5 --max-overblock 3
contains "$OUT" "split holdout" "holdout split measured"
run 1 "$ESAFETY" monitoring evaluate "$CORPUS" --split holdout "${ISSUE_TARGETS[@]}"
contains "$ERR" "FAIL: recall for level >= 4 is" "holdout below the issue's target is named"
contains "$OUT" "MISSES (" "misses listed"

# The same lists copied to a folder evaluate the same; without the
# disclosure list, recall fails and the message names the threshold.
mkdir "$WORK/lists"
cp "$SOURCE_DIR"/data/monitoring/*.list "$WORK/lists/"
run 0 "$ESAFETY" monitoring evaluate "$CORPUS" --split tune --lists "$WORK/lists" "${ISSUE_TARGETS[@]}"
rm "$WORK/lists/disclosure.list"
run 1 "$ESAFETY" monitoring evaluate "$CORPUS" --split tune --lists "$WORK/lists" "${ISSUE_TARGETS[@]}"
contains "$ERR" "FAIL: recall for level >= 4 is" "losing a list fails the level >= 4 recall"
matches "$OUT" "searches.tsv:[0-9]+ \[disclosure 5\] \"my dad hits me\"" "the miss names its corpus line"
# A context line removed: the film is a false positive again, with the list
# line that matched it.
grep -v '^!suicide squad' "$SOURCE_DIR/data/monitoring/self-harm.list" >"$WORK/lists/self-harm.list"
cp "$SOURCE_DIR/data/monitoring/disclosure.list" "$WORK/lists/"
run 0 "$ESAFETY" monitoring evaluate "$CORPUS" --split tune --lists "$WORK/lists" --max-fp 100 --max-overblock 100
matches "$OUT" "\"suicide squad film cast\"" "the film is listed as a false positive"
matches "$OUT" "matched self-harm: $WORK/lists/self-harm.list:[0-9]+ \"suicide\" level 4" "with file:line"

# Bad input: exit 2 with the line.
printf 'text\tlevel\tcategory\tsplit\nkys\t9\tbullying\ttune\n' >"$WORK/bad.tsv"
run 2 "$ESAFETY" monitoring evaluate "$WORK/bad.tsv"
contains "$ERR" "bad.tsv:2: level must be 0 (harmless) to 5, not '9'" "bad corpus row named"
run 2 "$ESAFETY" monitoring evaluate "$CORPUS" --lists "$WORK/nowhere"
finish
