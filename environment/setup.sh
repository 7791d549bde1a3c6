#!/usr/bin/env bash
# Sets VAE Lab up on a fresh machine, and is safe to run again: installs Jupyter when it is missing,
# builds the library and kernel jars, and installs the kernel spec "Java (VAE Lab)". It writes only
# to the project's build folders and the user's Jupyter folder (jupyter kernelspec install --user).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/environment/common.sh"

require_java_and_maven
ensure_jupyter
build_if_stale
engine_env
install_kernelspec
say "ready: kernel '$KERNEL_NAME' ($(java -version 2>&1 | head -1)) installed for $("$(jupyter_python)" -m jupyter --data-dir)"
