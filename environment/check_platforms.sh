#!/usr/bin/env bash
# Resolves the engines' natives of every platform the workbook supports, from Maven Central into the local
# Maven repository, without running them: each platform's Maven profile (lib/pom.xml) must resolve, and bring
# exactly the native jars the support table in the README promises. Run by ./lab test (CI) on Linux x86-64;
# it downloads about 260 MB the first time.
#
#   environment/check_platforms.sh            every platform
#   environment/check_platforms.sh osx-aarch64 win-x86_64
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# platform -> the native jars its profile must bring (artifact:classifier)
declare -A EXPECTED=(
    [linux-x86_64]="mxnet-native-mkl:linux-x86_64 pytorch-native-cpu:linux-x86_64"
    [linux-aarch64]="pytorch-native-cpu:linux-aarch64"
    [osx-aarch64]="pytorch-native-cpu:osx-aarch64"
    [osx-x86_64]="mxnet-native-mkl:osx-x86_64"
    [win-x86_64]="mxnet-native-mkl:win-x86_64 pytorch-native-cpu:win-x86_64"
)
ALL=(linux-x86_64 linux-aarch64 osx-aarch64 osx-x86_64 win-x86_64)
platforms=("$@")
[ ${#platforms[@]} -eq 0 ] && platforms=("${ALL[@]}")
failed=0
for platform in "${platforms[@]}"; do
    [ -n "${EXPECTED[$platform]:-}" ] || { echo "unknown platform '$platform'; known: ${ALL[*]}" >&2; exit 2; }
    # This platform's profile on, every other platform's off (the one of the building machine turns on by itself).
    profiles=$platform
    for other in "${ALL[@]}"; do [ "$other" = "$platform" ] || profiles+=",!$other"; done
    list=$(mktemp)
    if ! (cd "$ROOT" && mvn -B -q -pl lib -P "$profiles" dependency:resolve -DoutputFile="$list" \
            -DincludeArtifactIds=pytorch-native-cpu,mxnet-native-mkl,pytorch-jni) >"$list.log" 2>&1; then
        echo "FAILED $platform: its natives do not resolve from Maven Central" >&2
        tail -20 "$list.log" >&2
        failed=1
        continue
    fi
    got=$(grep -oE '(pytorch-native-cpu|mxnet-native-mkl):jar:[a-z0-9_-]+' "$list" | sed 's/:jar:/:/' | sort | tr '\n' ' ' | sed 's/ $//')
    if [ "$got" != "${EXPECTED[$platform]}" ]; then
        echo "FAILED $platform: resolved natives '$got', expected '${EXPECTED[$platform]}'" >&2
        failed=1
        continue
    fi
    grep -q "pytorch-jni" "$list" || { echo "FAILED $platform: no pytorch-jni" >&2; failed=1; continue; }
    echo "ok     $platform: $got (+ pytorch-jni)"
    rm -f "$list" "$list.log"
done
exit $failed
