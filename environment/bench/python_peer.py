#!/usr/bin/python3
"""The Python peer of `./lab bench`: the workbook's VAEs trained by PyTorch in Python on the same machine.

`./lab bench` trains the 784-400-20 MLP VAE on each Java engine (org.vaelab.bench.TrainingBenchmark).
This script trains the same networks on the same data with the same loss and optimiser in plain
PyTorch, so the Java figures can be read against what PyTorch itself reaches here. It measures, per
model: samples per second of training (forward, loss, backward, Adam, and making each batch from the
stored bytes; the test evaluation after each epoch is outside the timing), the median over the
epochs, as TrainingBenchmark reports it; the resident memory after each epoch (VmRSS) and at its
peak (VmHWM), in MiB as org.vaelab.bench.ProcessMemory reads them.

The models, as lib/src/main/java/org/vaelab/model builds them (Networks, VaeBlock, VaeConfig, Likelihood,
Elbo, loss/Losses) and lab 07 / lab 06's SVHN view train them:

  mlp   VaeConfig.mlp(400, 20).relu(), TrainingBenchmark's model: x (n, 784) -> Linear(400), ReLU ->
        one Linear(40) split into mu | log sigma^2 (VaeBlock's single Gaussian head); z = mu + exp(logvar/2)*eps;
        decoder Linear(400), ReLU, Linear(784) giving logits. Loss per image: Bernoulli NLL from logits,
        sum_j softplus(l_j) - x_j l_j (= BCE with logits, summed over pixels), plus the closed-form KL
        -1/2 sum(1 + logvar - mu^2 - exp logvar). MNIST train, 60,000 images, pixels / 255.
  conv  VaeConfig.conv(3, 32, 32, 256, 20).gaussian() (conv sets ReLU): x (n, 3072) reshaped to (n, 3, 32, 32),
        Conv2d(3->32, 4x4, stride 2, pad 1), ReLU, Conv2d(32->64, 4x4, stride 2, pad 1), ReLU, flatten,
        Linear(256), ReLU, one Linear(40) split into mu | logvar; decoder Linear(256), ReLU, Linear(64*8*8),
        ReLU, reshape (64, 8, 8), nearest upsample x2, Conv2d(64->32, 3x3, pad 1), ReLU, upsample x2,
        Conv2d(32->3, 3x3, pad 1), flatten. Loss per image: unit-variance Gaussian NLL
        1/2 ||x - mu||^2 + D/2 log 2 pi (D = 3072) plus the same KL. CIFAR-10's data_batch_1.bin, 10,000
        images, pixels / 255, kept channel-first (R, G, B planes) as org.vaelab.data.Cifar10 keeps them.

Both: batch 128, the loss the mean over the batch of the per-image totals (TrainingLoop.step backpropagates
terms.total().mean()), Adam 1e-3 (beta 0.9, 0.999, eps 1e-8), PyTorch's default initialisation (which
org.vaelab.nn.Initialisation reproduces on DJL), a fresh shuffle each epoch, and the last, smaller batch
KEPT, as org.vaelab.data.Batches makes it (469 batches of MNIST, the last of 96; 79 of CIFAR, the last of 16).
The images stay bytes and each batch becomes floats / 255 when it is made, as ImageSet.toFloats does.
After each epoch the model is evaluated (one z per image, no gradients) on the first 1,000 test images
(MNIST t10k; CIFAR-10 test_batch.bin), as TrainingBenchmark does for the MLP, when those files are there.

Run it with Debian's PyTorch (apt-get install python3-torch python3-numpy), with the OpenMP settings
`./lab bench` gives the Java engine of the same thread count (environment/common.sh, omp_env):

    env -u OMP_WAIT_POLICY GOMP_SPINCOUNT=30000 /usr/bin/python3 environment/bench/python_peer.py --threads 2
    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 environment/bench/python_peer.py --threads 1

Debian's python3-torch does its matrix products with whatever libblas.so.3 Debian's alternatives
select. With only libblas3 (netlib's reference BLAS, one thread, unoptimised) installed, the MLP trains
more than ten times slower than with OpenBLAS (about 1,000 against 15,000-25,000 samples/s on a 2-core
machine), and the figure says nothing about PyTorch: install libopenblas0-openmp (OpenMP, like torch's
own threads), or, without changing the system's choice, unpack it (apt-get download
libopenblas0-openmp; dpkg -x *.deb DIR) and run with
LD_LIBRARY_PATH=DIR/usr/lib/x86_64-linux-gnu/openblas-openmp. The JSON names the BLAS the process
loaded ("blas"), and a warning goes to stderr when it is the reference one. Convolutions go to oneDNN
(libdnnl), whichever BLAS is chosen.

    options: --threads N (default 2)  --epochs N (default 3)  --models mlp,conv  --data DIR
             (default $VAELAB_DATA, else data/ in the working folder; it reads DIR/mnist/*-idx3-ubyte.gz and
             DIR/cifar-10/cifar-10-batches-bin/*.bin)

It prints one line per epoch and per model, and as its last line one JSON object:
    {"python_peer": {"torch": ..., "threads": N, "mlp": {"samples_per_s": ..., "peak_rss_mb": ...,
     "rss_mb_per_epoch": [...], "step_ms": ..., ...}, "conv": {...}}}
For the MLP it adds what the step's eleven matrix products and one Adam update take on their own
("matrix_products_ms", "adam_ms"), as TrainingBenchmark does on the Java engine: no training loop can make a
step shorter than their sum.
The peak is the whole process's (one process trains all the models asked for, in the order given).
"""
import argparse
import gzip
import json
import math
import os
import re
import subprocess
import sys
import time

import numpy as np
import torch
from torch import nn, optim
from torch.nn import functional as F

BATCH = 128
LOG_2PI = math.log(2 * math.pi)


def idx_images(path):
    """An IDX image file as uint8 rows (n, 784), as environment/reference/pytorch_examples_vae.py reads it."""
    with gzip.open(path) as f:
        return torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).copy())


def cifar_images(path):
    """A CIFAR-10 .bin batch as uint8 rows (n, 3072): each 3,073-byte record less its label byte (R, G, B planes)."""
    records = np.fromfile(path, np.uint8).reshape(-1, 3073)
    return torch.from_numpy(records[:, 1:].copy())


def rss_mb(field):
    """VmRSS or VmHWM of this process in MiB, as org.vaelab.bench.ProcessMemory reads it; -1 if unreadable."""
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return -1


class Reshape(nn.Module):
    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(-1, *self.shape)


class Upsample(nn.Module):
    """Nearest-neighbour x2, Networks.upsample()'s repeat(2, axis 2).repeat(2, axis 3)."""

    def forward(self, x):
        return F.interpolate(x, scale_factor=2, mode='nearest')


class VAE(nn.Module):
    """VaeBlock: encoder body, one Gaussian head Linear(2 * latent) split in mu | logvar, decoder."""

    def __init__(self, body, hidden, latent, decoder, likelihood):
        super().__init__()
        self.body = body
        self.head = nn.Linear(hidden, 2 * latent)
        self.decoder = decoder
        self.likelihood = likelihood

    def forward(self, x):
        mu, logvar = self.head(self.body(x)).chunk(2, dim=1)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decoder(z), mu, logvar

    def loss(self, x):
        """The negative ELBO per image (shape (n,)): −log p(x|z) + KL(q(z|x) ‖ N(0, I)), Losses' equations."""
        decoded, mu, logvar = self(x)
        if self.likelihood == 'bernoulli':
            # softplus(l) − x·l summed over pixels: BCE with logits.
            reconstruction = F.binary_cross_entropy_with_logits(decoded, x, reduction='none').sum(1)
        else:
            reconstruction = 0.5 * (x - decoded).square().sum(1) + 0.5 * x.shape[1] * LOG_2PI
        kl = -0.5 * (1 + logvar - mu.square() - logvar.exp()).sum(1)
        return reconstruction + kl


def mlp_vae(inputs=784, hidden=400, latent=20):
    """VaeConfig.mlp(400, 20).relu(): TrainingBenchmark's model."""
    body = nn.Sequential(nn.Linear(inputs, hidden), nn.ReLU())
    decoder = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, inputs))
    return VAE(body, hidden, latent, decoder, 'bernoulli')


def conv_vae(channels=3, height=32, width=32, hidden=256, latent=20):
    """VaeConfig.conv(3, 32, 32, 256, 20).gaussian(): Networks' convolutional encoder and decoder, ReLU."""
    h, w = height // 4, width // 4
    body = nn.Sequential(
        Reshape(channels, height, width),
        nn.Conv2d(channels, 32, 4, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(32, 64, 4, stride=2, padding=1), nn.ReLU(),
        nn.Flatten(),
        nn.Linear(64 * h * w, hidden), nn.ReLU())
    decoder = nn.Sequential(
        nn.Linear(latent, hidden), nn.ReLU(),
        nn.Linear(hidden, 64 * h * w), nn.ReLU(),
        Reshape(64, h, w),
        Upsample(), nn.Conv2d(64, 32, 3, padding=1), nn.ReLU(),
        Upsample(), nn.Conv2d(32, channels, 3, padding=1),
        nn.Flatten())
    return VAE(body, hidden, latent, decoder, 'gaussian')


def load(model_name, data):
    """(model, training bytes, test bytes or None) for a model's name."""
    if model_name == 'mlp':
        root = os.path.join(data, 'mnist')
        train, test = idx_images(os.path.join(root, 'train-images-idx3-ubyte.gz')), os.path.join(root, 't10k-images-idx3-ubyte.gz')
        return mlp_vae(), train, idx_images(test)[:1000] if os.path.isfile(test) else None
    if model_name == 'conv':
        root = os.path.join(data, 'cifar-10', 'cifar-10-batches-bin')
        train, test = cifar_images(os.path.join(root, 'data_batch_1.bin')), os.path.join(root, 'test_batch.bin')
        return conv_vae(), train, cifar_images(test)[:1000] if os.path.isfile(test) else None
    raise SystemExit(f"unknown model '{model_name}': give mlp, conv or both (--models mlp,conv)")


def floats(raw):
    return raw.float().div_(255.0)


def bench(model_name, data, epochs):
    model, train, test = load(model_name, data)
    optimizer = optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    rates, rss, train_losses, test_losses = [], [], [], []
    for epoch in range(1, epochs + 1):
        model.train()
        total = torch.zeros(())
        started = time.perf_counter()
        for batch in torch.randperm(len(train)).split(BATCH):  # the last, smaller batch kept, as Batches does
            x = floats(train[batch])
            optimizer.zero_grad(set_to_none=True)
            per_image = model.loss(x)
            per_image.mean().backward()
            optimizer.step()
            total += per_image.detach().sum()
        train_loss = total.item() / len(train)  # inside the timing: it waits for the last step
        seconds = time.perf_counter() - started
        rates.append(len(train) / seconds)
        rss.append(rss_mb('VmRSS:'))
        train_losses.append(round(train_loss, 3))
        line = f'{model_name}: epoch {epoch}/{epochs}, train loss {train_loss:.2f}'
        if test is not None:
            model.eval()
            with torch.no_grad():
                test_loss = sum(model.loss(floats(x)).sum().item() for x in test.split(BATCH)) / len(test)
            test_losses.append(round(test_loss, 3))
            line += f', test loss {test_loss:.2f} (first {len(test)} test images)'
        print(f'{line}, {seconds:.1f} s, {rates[-1]:,.0f} samples/s, RSS {rss[-1]} MB', flush=True)
    rate = sorted(rates)[len(rates) // 2]  # TrainingBenchmark's median: the upper middle of an even count
    result = {'samples_per_s': round(rate), 'samples_per_s_per_epoch': [round(r) for r in rates],
              'peak_rss_mb': rss_mb('VmHWM:'), 'rss_mb_per_epoch': rss,
              'train_loss_per_epoch': train_losses, 'test_loss_per_epoch': test_losses,
              'train_images': len(train), 'batch_size': BATCH, 'step_ms': round(1e3 * BATCH / rate, 3)}
    if model_name == 'mlp':
        result.update(mlp_step_floor())
    print(f'{model_name} (PyTorch {torch.__version__} in Python, {torch.get_num_threads()} threads): '
          f'{rate:,.0f} samples/s (median epoch); RSS after each epoch {rss} MB, peak {result["peak_rss_mb"]} MB', flush=True)
    return result


MLP_LAYERS = [(400, 784), (40, 400), (400, 20), (784, 400)]


def best_ms(call):
    """The fastest mean time of one call, in ms, over 5 rounds of 100 calls after 20 to warm up (as TrainingBenchmark)."""
    for _ in range(20):
        call()
    best = float('inf')
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(100):
            call()
        best = min(best, (time.perf_counter() - started) / 100 * 1e3)
    return best


def mlp_step_floor():
    """TrainingBenchmark.mlpStepFloor in Python: the MLP step's eleven matrix products on random arrays of its
    shapes, and one Adam step (torch.optim.Adam, as bench() uses it) over parameters of its shapes."""
    x = torch.rand(BATCH, 784)
    weights = [torch.randn(*layer) * 0.05 for layer in MLP_LAYERS]
    biases = [torch.zeros(layer[0]) for layer in MLP_LAYERS]
    inputs = [x] + [torch.rand(BATCH, layer[1]) for layer in MLP_LAYERS[1:]]
    grads = [torch.rand(BATCH, layer[0]) for layer in MLP_LAYERS]

    def products():
        for i in range(len(MLP_LAYERS)):
            nn.functional.linear(inputs[i], weights[i], biases[i])
            grads[i].t() @ inputs[i]
            if i > 0:
                grads[i] @ weights[i]
    with torch.no_grad():
        products_ms = best_ms(products)
    parameters = [nn.Parameter(t.clone()) for t in weights + biases]
    for p in parameters:
        p.grad = torch.full_like(p, 1e-3)
    adam = optim.Adam(parameters, lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    return {'matrix_products_ms': round(products_ms, 3), 'adam_ms': round(best_ms(adam.step), 3)}


def blas_library():
    """The BLAS this process loaded (Debian's torch takes whatever libblas.so.3 the alternatives system points to)."""
    torch.ones(64, 64) @ torch.ones(64, 64)  # a product, so that the library is mapped by now
    try:
        with open('/proc/self/maps') as f:
            paths = {line.split()[-1] for line in f if '/' in line}
    except OSError:
        return None
    found = sorted(p for p in paths if re.search(r'blas|mkl', os.path.basename(p)))
    return ', '.join(found) or None


def debian_package():
    try:
        return subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'python3-torch'],
                              capture_output=True, text=True, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def main():
    parser = argparse.ArgumentParser(description='PyTorch-in-Python peer of ./lab bench (see the module docstring)')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--epochs', type=int, default=3)
    parser.add_argument('--models', default='mlp,conv', help='comma-separated: mlp, conv')
    parser.add_argument('--data', default=os.environ.get('VAELAB_DATA') or 'data')
    args = parser.parse_args()
    if args.threads < 1 or args.epochs < 1:
        raise SystemExit('--threads and --epochs must be at least 1')
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(1)
    blas = blas_library()
    if blas and 'openblas' not in blas and 'mkl' not in blas:
        print(f'warning: PyTorch runs its matrix products on {blas}, netlib\'s reference BLAS (one thread, unoptimised):'
              ' the figures are not PyTorch\'s; apt-get install libopenblas0-openmp, or point LD_LIBRARY_PATH at its'
              ' /usr/lib/x86_64-linux-gnu/openblas-openmp', file=sys.stderr, flush=True)
    out = {'torch': torch.__version__, 'debian_package': debian_package(), 'blas': blas,
           'threads': torch.get_num_threads(), 'epochs': args.epochs}
    for name in [m.strip() for m in args.models.split(',') if m.strip()]:
        out[name] = bench(name, args.data, args.epochs)
    print(json.dumps({'python_peer': out}), flush=True)


if __name__ == '__main__':
    main()
