# Shared by ./lab and environment/setup.sh: finding tools, installing what is missing, building.
# Sourced, not run. Expects ROOT (the project folder).

# The installed kernel's class path: the kernel, the library and their dependencies, one version of
# each, in one folder (environment/workbook assembles it; the kernel module itself has no library).
KERNEL_DIR="$ROOT/environment/workbook/target/kernel"
KERNEL_NAME=vaelab-java

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# The Python that runs Jupyter: the project's .venv with JupyterLab (./lab setup installs it there), else a
# Python with Jupyter's execution libraries (Debian's classic Notebook, the fallback where pip cannot install).
jupyter_python() {
    local py
    if [ -x "$ROOT/.venv/bin/python" ] && "$ROOT/.venv/bin/python" -c 'import jupyterlab, nbclient, nbconvert, jupyter_client' >/dev/null 2>&1; then
        echo "$ROOT/.venv/bin/python"; return 0
    fi
    for py in python3 /usr/bin/python3; do
        if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import nbclient, nbconvert, jupyter_client' >/dev/null 2>&1; then
            command -v "$py"; return 0
        fi
    done
    return 1
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# apt-get install the named Debian packages that are not installed yet.
apt_ensure() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

require_java_and_maven() {
    command -v java >/dev/null || die "no java on PATH: install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk)"
    local major
    major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [ "${major%%.*}" -ge 17 ] 2>/dev/null || die "java on PATH is version $major; VAE Lab needs 17 or newer"
    command -v mvn >/dev/null || die "no mvn on PATH: install Apache Maven (Debian: apt-get install maven)"
}

# Jupyter to run and export notebooks: JupyterLab 4 from pip in the project's .venv, on every system. Where pip
# cannot install it (no network to PyPI or a mirror), Debian's classic Notebook, which is past its end of life, and
# a line saying so.
ensure_jupyter() {
    if [ -x "$ROOT/.venv/bin/python" ] && "$ROOT/.venv/bin/python" -c 'import jupyterlab, nbclient, nbconvert, jupyter_client' >/dev/null 2>&1; then
        [ -f /usr/share/javascript/mathjax/MathJax.js ] || { command -v apt-get >/dev/null && apt_ensure libjs-mathjax || true; }
        return 0
    fi
    # The system's Python where there is one (Debian's), so that the environment does not hang on a user's pyenv.
    local base=python3
    [ -x /usr/bin/python3 ] && base=/usr/bin/python3
    command -v "$base" >/dev/null || { command -v apt-get >/dev/null && apt_ensure python3; } \
        || die "no Python 3: install it (macOS: brew install python; Windows: use WSL 2 with Ubuntu, see the README)"
    # Debian's Python makes virtual environments only with its venv package.
    if ! "$base" -c 'import ensurepip, venv' >/dev/null 2>&1 && command -v apt-get >/dev/null; then
        apt_ensure python3-venv || true
    fi
    say "installing JupyterLab with pip into $ROOT/.venv"
    if { [ -x "$ROOT/.venv/bin/python" ] || "$base" -m venv "$ROOT/.venv"; } >&2 \
        && "$ROOT/.venv/bin/python" -m pip install -qq --retries 1 jupyterlab nbclient nbconvert >&2; then
        [ -f /usr/share/javascript/mathjax/MathJax.js ] || { command -v apt-get >/dev/null && apt_ensure libjs-mathjax || true; }
        return 0
    fi
    if command -v apt-get >/dev/null; then
        say "note: pip could not install JupyterLab into $ROOT/.venv (no network to PyPI?); falling back to Debian's classic"
        say "      Notebook 6, past its end of life. Run ./lab setup again with network to get JupyterLab."
        apt_ensure jupyter-notebook python3-nbconvert python3-nbclient python3-jupyter-client libjs-mathjax
    else
        die "could not install JupyterLab with pip into $ROOT/.venv (no network to PyPI?): install it there yourself ($ROOT/.venv/bin/python -m pip install jupyterlab) and run this again"
    fi
    jupyter_python >/dev/null || die "Jupyter was installed but nbclient/nbconvert cannot be imported"
}

# Rebuild the library and kernel jars and the kernel folder when a source or POM is newer than the kernel jar there.
build_if_stale() {
    local jar="$KERNEL_DIR/vaelab-kernel-0.1.0.jar"
    if [ -f "$jar" ] && [ -z "$(find "$ROOT/pom.xml" "$ROOT/lib" "$ROOT/environment/kernel" "$ROOT/environment/workbook" \
            -path '*/target' -prune -o -newer "$jar" -type f -print -quit)" ]; then
        return 0
    fi
    say "building the library and the kernel (mvn package)"
    (cd "$ROOT" && mvn -q -B -DskipTests clean package) >&2
}

# Exports what the engines' native libraries need on this processor for correct convolutions: nothing where
# their own choice of instruction set is correct, else a cap on it (org.vaelab.EngineSettings, docs/ENGINES.md).
# Measured once per processor and engine version (about 40 s), then read from .cache/engine-settings.env.
engine_env() {
    local exports
    mkdir -p "$ROOT/.cache"
    exports=$(DJL_CACHE_DIR="$ROOT/.cache/djl" ENGINE_CACHE_DIR="$ROOT/.cache/djl" OMP_WAIT_POLICY=PASSIVE \
        java -Xmx512m -Djava.awt.headless=true -cp "$KERNEL_DIR/*" org.vaelab.EngineSettings env "$ROOT/.cache/engine-settings.env") \
        || die "the engine check failed (above); the convolutional labs cannot train correctly on this machine"
    eval "$exports"
}

# Install the kernel spec "Java (VAE Lab)" into the user's Jupyter folder (replacing an older one).
install_kernelspec() {
    local tmp
    tmp=$(mktemp -d)
    java -Dvaelab.home="$ROOT" -cp "$KERNEL_DIR/*" org.vaelab.kernel.KernelSpec "$tmp/$KERNEL_NAME" >/dev/null
    "$(jupyter_python)" -c 'import sys; from jupyter_client.kernelspec import KernelSpecManager as M
print(M().install_kernel_spec(sys.argv[1], sys.argv[2], user=True))' "$tmp/$KERNEL_NAME" "$KERNEL_NAME" >/dev/null
    rm -rf "$tmp"
}

# The dataset folder: VAELAB_DATA if set, else data/ in the project, unless that is empty and a
# course machine provides a datasets folder beside the project.
default_data_dir() {
    if [ -n "${VAELAB_DATA:-}" ]; then echo "$VAELAB_DATA"; return; fi
    # "Empty" counts files only: a download that failed offline leaves its folder behind.
    if [ -z "$(find "$ROOT/data" -type f ! -name README.md 2>/dev/null | head -1)" ] && [ -d "$ROOT/../shared/datasets" ]; then
        (cd "$ROOT/../shared/datasets" && pwd); return
    fi
    echo "$ROOT/data"
}

# Arguments for env(1) that set OpenMP's waiting for a run on $1 threads. One thread: sleep between
# operators (spinning threads collapse throughput on a busy 2-core machine). More: spin briefly first,
# as waking a sleeping thread for every small operator costs more than it saves (PyTorch, 2 threads,
# MLP VAE: 13k samples/s sleeping, 23-25k spinning 30,000 rounds).
omp_env() {
    if [ "${1:-1}" -gt 1 ]; then
        printf '%s\n' -u OMP_WAIT_POLICY GOMP_SPINCOUNT=30000
    else
        printf '%s\n' OMP_WAIT_POLICY=PASSIVE
    fi
}
