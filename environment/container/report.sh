#!/bin/sh
# vaelab-report [--smoke|--full] [NN ...]: runs the workbook's notebooks (all, or those named by number) headless,
# inside the image, as ./lab report does: the HTML reports in ~/vaelab/figures, each kernel's peak memory in its line.
set -eu
mode=full
numbers=""
for arg in "$@"; do
    case "$arg" in
        --smoke) mode=smoke ;;
        --full) mode=full ;;
        -*) echo "error: unknown option $arg; use vaelab-report [--smoke|--full] [NN ...]" >&2; exit 2 ;;
        *) numbers="$numbers $arg" ;;
    esac
done
workbook="$HOME/vaelab"
set --
for notebook in "$workbook"/notebooks/[0-9][0-9]-*.ipynb; do
    number=$(basename "$notebook" | cut -c1-2)
    if [ -z "$numbers" ] || echo " $numbers " | grep -q " $number "; then
        set -- "$@" "$notebook"
    fi
done
[ $# -gt 0 ] || { echo "error: no notebook numbered$numbers in $workbook/notebooks" >&2; exit 2; }
export VAELAB_MODE=$mode OMP_WAIT_POLICY=PASSIVE PYDEVD_DISABLE_FILE_VALIDATION=1
exec python /opt/vaelab/environment/run_notebooks.py --out "$workbook/figures" \
    --models-used "$workbook/.cache/models-used/$mode" "$@"
