#!/usr/bin/env bash
# ./lab image: the class image (environment/container/Containerfile), built with docker or podman, and served.
#
#   ./lab image [--models] [--mode full|smoke] [--models-from DIR] [--edition both|student] [--tag NAME]
#       builds the image NAME (default localhost/vaelab:latest; with --models, localhost/vaelab:models): the workbook,
#       JupyterLab, the kernel and the datasets; with --models also the models that the last ./lab report of that mode
#       trained or loaded (listed in DIR/models-used/MODE/, DIR being the project's .cache unless --models-from says).
#   ./lab image --run [--tag NAME] [--home DIR] [--port 8888] [--token T] [-- COMMAND ...]
#       serves the image's JupyterLab (NAME: localhost/vaelab:models where it exists, else localhost/vaelab:latest) on 127.0.0.1:PORT with a token, the container without any network (JupyterLab
#       listens on a socket in a folder shared with this machine; a relay on loopback forwards to it). --home keeps
#       the user's home in DIR. With a COMMAND (vaelab-report --smoke 00 02), runs it in the container instead.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
source "$ROOT/environment/common.sh"

CONTEXT="$ROOT/.cache/image"
tag="" models=0 mode=full models_from="$ROOT/.cache" edition=both run=0 home="" port=8888 token="" command=()
while [ $# -gt 0 ]; do
    case "$1" in
        --models) models=1 ;;
        --mode) [ $# -ge 2 ] || die "--mode needs full or smoke"; mode=$2; shift ;;
        --models-from) [ $# -ge 2 ] || die "--models-from needs a folder"; models_from=$2; shift ;;
        --edition) [ $# -ge 2 ] || die "--edition needs both or student"; edition=$2; shift ;;
        --tag) [ $# -ge 2 ] || die "--tag needs a name"; tag=$2; shift ;;
        --run) run=1 ;;
        --home) [ $# -ge 2 ] || die "--home needs a folder"; home=$2; shift ;;
        --port) [ $# -ge 2 ] || die "--port needs a number"; port=$2; shift ;;
        --token) [ $# -ge 2 ] || die "--token needs a value"; token=$2; shift ;;
        --) shift; command=("$@"); break ;;
        *) die "unknown argument '$1'; use ./lab image [--models] [--mode full|smoke] [--tag NAME] or ./lab image --run [--tag NAME]" ;;
    esac
    shift
done
case "$mode" in full|smoke) ;; *) die "--mode is '$mode'; use full or smoke" ;; esac
case "$edition" in both|student) ;; *) die "--edition is '$edition'; use both or student" ;; esac
given_tag=$tag
[ -n "$tag" ] || { [ $models -eq 1 ] && tag=localhost/vaelab:models || tag=localhost/vaelab:latest; }

# ---- the container engine: a working Docker, else podman (installed from Debian's packages where missing) ----
ENGINE=()
pick_engine() {
    if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
        ENGINE=(docker); return
    fi
    if ! command -v podman >/dev/null && command -v apt-get >/dev/null; then
        apt_ensure podman runc
    fi
    command -v podman >/dev/null || die "neither a running Docker nor podman: install one (Debian: apt-get install podman)"
    ENGINE=(podman)
    # On cgroups v1 or hybrid machines (these course machines), Debian's crun cannot start a container (it is refused
    # setrlimit): runc with cgroupfs can, given no default ulimits to raise.
    if [ "$(podman info --format '{{.Host.CgroupsVersion}}' 2>/dev/null)" = "v1" ]; then
        command -v runc >/dev/null || { command -v apt-get >/dev/null && apt_ensure runc; }
        mkdir -p "$ROOT/.cache"
        printf '[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = "cgroupfs"\nruntime = "runc"\n' \
            >"$ROOT/.cache/containers.conf"
        export CONTAINERS_CONF="$ROOT/.cache/containers.conf"
    fi
}

# ---- the base: Debian 12 from a registry, else made here with debootstrap from Debian's packages ----
base_image() {
    local base=${VAELAB_IMAGE_BASE:-docker.io/library/debian:bookworm-slim}
    if "${ENGINE[@]}" image inspect "$base" >/dev/null 2>&1 || timeout 120 "${ENGINE[@]}" pull -q "$base" >/dev/null 2>&1; then
        echo "$base"; return
    fi
    local local_base=localhost/vaelab-base:bookworm
    if ! "${ENGINE[@]}" image inspect "$local_base" >/dev/null 2>&1; then
        say "no registry answers for $base: making a Debian 12 base with debootstrap (about a minute)"
        [ "$(id -u)" -eq 0 ] || die "debootstrap needs root; or set VAELAB_IMAGE_BASE to a Debian 12 image you have"
        command -v debootstrap >/dev/null || apt_ensure debootstrap
        local rootfs
        rootfs=$(mktemp -d "$ROOT/.cache/rootfs.XXXXXX")
        debootstrap --variant=minbase bookworm "$rootfs" "${VAELAB_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >&2 \
            || { rm -rf "$rootfs"; die "debootstrap failed (above): no Debian mirror reachable? set VAELAB_DEBIAN_MIRROR"; }
        rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
        tar -C "$rootfs" -c . | "${ENGINE[@]}" import - "$local_base" >/dev/null
        rm -rf "$rootfs"
    fi
    echo "$local_base"
}

# ---- the build folder: wheels, jars, scripts, notebooks, datasets, models ----
# JupyterLab's wheels for the image's Python (Debian 12: CPython 3.11) and this machine's architecture, fetched by
# this machine's pip (its index or mirror); JupyterHub's where the index has it (JupyterHub and Binder need it).
wheels() {
    local dir="$CONTEXT/wheels" py arch
    py=$(jupyter_python) || die "no Python with pip: run ./lab setup first"
    arch=$(uname -m)
    # Debian 12's glibc is 2.36: every manylinux wheel up to that runs there.
    local target=(--only-binary=:all: --python-version 3.11 --implementation cp --abi cp311 --platform "manylinux2014_$arch") glibc
    for glibc in $(seq 17 36); do target+=(--platform "manylinux_2_${glibc}_$arch"); done
    # Notebook 7 too: Binder starts "jupyter notebook"; nbclient and nbconvert run vaelab-report inside.
    local wanted="jupyterlab>=4,<5 notebook>=7 nbclient nbconvert"
    if [ ! -f "$dir/requirements.txt" ] || [ "$(sed -n 1p "$dir/requirements.txt")" != "# $wanted $arch" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        say "fetching JupyterLab's wheels for the image"
        # shellcheck disable=SC2086
        "$py" -m pip download -qq --retries 1 -d "$dir" "${target[@]}" $wanted >&2 || die "pip could not fetch JupyterLab's wheels (above)"
        { echo "# $wanted $arch"; printf '%s\n' $wanted; } >"$dir/requirements.txt"
        if "$py" -m pip download -qq --retries 1 -d "$dir" "${target[@]}" jupyterhub >/dev/null 2>&1; then
            echo jupyterhub >>"$dir/requirements.txt"
        else
            say "note: pip cannot fetch jupyterhub here: the image runs JupyterLab on its own, and JupyterHub and Binder"
            say "      need it (jupyterhub-singleuser): build it where pip reaches PyPI (docs/CLASSROOM.md)"
        fi
    fi
}

context() {
    local data kernel_dir=$KERNEL_DIR
    mkdir -p "$CONTEXT"
    cp "$ROOT/environment/container/Containerfile" "$CONTEXT/Containerfile"
    wheels
    # The kernel's folder, the scripts run inside, the notebooks.
    rm -rf "$CONTEXT/vaelab" && mkdir -p "$CONTEXT/vaelab/environment" "$CONTEXT/vaelab/home"
    cp -R "$kernel_dir" "$CONTEXT/vaelab/kernel"
    (cd "$ROOT/lib/target/classpath" && ls *.jar) >"$CONTEXT/vaelab/lib-classpath.txt"
    while read -r jar; do
        cmp -s "$ROOT/lib/target/classpath/$jar" "$kernel_dir/$jar" \
            || die "lib/target/classpath/$jar differs from the kernel folder's: rebuild (mvn package)"
    done <"$CONTEXT/vaelab/lib-classpath.txt"
    cp "$ROOT/environment/container/start.sh" "$ROOT/environment/container/report.sh" "$CONTEXT/vaelab/"
    cp "$ROOT"/environment/{run_notebooks,atomic,report_index}.py "$CONTEXT/vaelab/environment/"
    if [ "$edition" = both ]; then
        mkdir -p "$CONTEXT/vaelab/home/notebooks"
        cp "$ROOT"/notebooks/*.ipynb "$ROOT"/notebooks/vaelab.jsh "$CONTEXT/vaelab/home/notebooks/"
    fi
    python3 "$ROOT/environment/editions.py" student "$CONTEXT/vaelab/home/student" >/dev/null
    [ "$edition" = student ] && mv "$CONTEXT/vaelab/home/student" "$CONTEXT/vaelab/home/notebooks"
    # The datasets: fetched where missing and verified against their published checksums, then copied.
    data=$(default_data_dir)
    VAELAB_DATA=$data java -Xmx2g -Djava.awt.headless=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$kernel_dir/*" org.vaelab.Data >&2 \
        || die "the image needs MNIST, Fashion-MNIST and CIFAR-10 in $data (above): run this with network, or set VAELAB_DATA"
    rm -rf "$CONTEXT/data" && mkdir -p "$CONTEXT/data"
    local set
    for set in mnist fashion-mnist cifar-10; do
        cp -R "$data/$set" "$CONTEXT/data/"
    done
    # The models: each listed folder of the report's notebooks, from the checkpoints and classifiers.
    rm -rf "$CONTEXT/models" && mkdir -p "$CONTEXT/models"
    if [ $models -eq 1 ]; then
        local lists="$models_from/models-used/$mode" entry count=0
        compgen -G "$lists/*.txt" >/dev/null \
            || die "no list of a $mode report's models in $lists: run ./lab report$([ "$mode" = smoke ] && echo " --smoke") first"
        while read -r entry; do
            [ -n "$entry" ] || continue
            case "$entry" in /*|*..*) die "$lists lists '$entry', not a folder of $models_from" ;; esac
            [ -d "$models_from/$entry" ] || die "$lists lists $entry, which is not in $models_from: run ./lab report again"
            mkdir -p "$CONTEXT/models/$(dirname "$entry")"
            cp -R "$models_from/$entry" "$CONTEXT/models/$entry"
            count=$((count + 1))
        done < <(cat "$lists"/*.txt | sort -u)
        # Checkpoints are written private (0700 folders); in the image they belong to root and are read by jovyan.
        chmod -R a+rX "$CONTEXT/models"
        say "models of the $mode report: $count folders, $(du -sh "$CONTEXT/models" | cut -f1)"
    fi
}

build() {
    require_java_and_maven
    build_if_stale
    pick_engine
    local base started target=workbook
    [ $models -eq 1 ] && target=models
    base=$(base_image)
    context
    started=$(date +%s)
    local network=()
    # podman's build reaches Debian's packages (for a base without the JDK) through the host's network.
    [ "${ENGINE[0]}" = podman ] && network=(--network host)
    "${ENGINE[@]}" build ${network[@]+"${network[@]}"} --build-arg "BASE=$base" --target "$target" -t "$tag" \
        -f "$CONTEXT/Containerfile" "$CONTEXT" >&2
    say "built $tag in $(( $(date +%s) - started )) s: $("${ENGINE[@]}" image inspect --format '{{.Size}}' "$tag" \
        | awk '{printf "%.0f MB", $1 / 1e6}')"
}

serve() {
    pick_engine
    # Unless named, the image with the models where there is one.
    if [ -z "$given_tag" ] && "${ENGINE[@]}" image inspect localhost/vaelab:models >/dev/null 2>&1; then
        tag=localhost/vaelab:models
    fi
    "${ENGINE[@]}" image inspect "$tag" >/dev/null 2>&1 || die "no image $tag: build it with ./lab image first"
    local options=() name="vaelab-$$" socket_dir variable
    # The workbook's settings given here reach the notebooks (VAELAB_MODE=smoke, a seed, an engine, no shipped models).
    for variable in VAELAB_MODE VAELAB_SEED VAELAB_ENGINE VAELAB_MODELS VAELAB_THREADS; do
        [ -n "${!variable:-}" ] && options+=(-e "$variable=${!variable}")
    done
    if [ -n "$home" ]; then
        mkdir -p "$home"
        home=$(cd "$home" && pwd)
        # The container's user is uid 1000: the folder must be its.
        [ "$(id -u)" -eq 0 ] && chown 1000:1000 "$home"
        options+=(-v "$home:/home/jovyan")
    fi
    if [ ${#command[@]} -gt 0 ]; then
        exec "${ENGINE[@]}" run --rm --network none --name "$name" ${options[@]+"${options[@]}"} "$tag" "${command[@]}"
    fi
    socket_dir=$(mktemp -d "${TMPDIR:-/tmp}/vaelab-socket.XXXXXX")
    chmod 0777 "$socket_dir"
    [ -n "$token" ] || token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
    trap '"${ENGINE[@]}" rm -f "$name" >/dev/null 2>&1 || true; rm -rf "$socket_dir"' EXIT
    "${ENGINE[@]}" run -d --rm --network none --name "$name" ${options[@]+"${options[@]}"} -v "$socket_dir:/run/vaelab" "$tag" \
        jupyter lab --no-browser --ServerApp.sock=/run/vaelab/jupyter.sock --ServerApp.sock_mode=0666 \
        --ServerApp.token="$token" --ServerApp.root_dir=/home/jovyan/vaelab >/dev/null
    say "JupyterLab in $tag, the container without network: http://127.0.0.1:$port/lab?token=$token"
    python3 "$ROOT/environment/container/relay.py" "127.0.0.1:$port" "$socket_dir/jupyter.sock" &
    local relay=$!
    trap 'kill $relay 2>/dev/null; "${ENGINE[@]}" rm -f "$name" >/dev/null 2>&1 || true; rm -rf "$socket_dir"' EXIT INT TERM
    "${ENGINE[@]}" logs -f "$name" &
    wait $relay
}

if [ $run -eq 1 ]; then serve; else build; fi
