"""The pytorch/examples vae/main.py recipe, for comparison with lab 02 on the same machine.

784-400-20 MLP with ReLU, Bernoulli decoder on continuous MNIST (pixels / 255), BCE summed over pixels
plus the closed-form KL, batch 128, Adam 1e-3, 10 epochs, one sample of z for the test loss: the same
equations as pytorch/examples, written here from them. It reads MNIST's IDX files directly (no
torchvision) and runs on Debian's python3-torch (apt install python3-torch):

    OMP_NUM_THREADS=1 /usr/bin/python3 environment/reference/pytorch_examples_vae.py SEED [MNIST_DIR] [--lr LR] [--cosine]

--lr and --cosine (the rate falling along half a cosine to 0 over the 10 epochs, set before each step)
run lab 02's second configuration. It prints the test loss after each epoch and the training throughput (test evaluation excluded).
"""
import argparse
import gzip
import math
import time

import numpy as np
import torch
from torch import nn, optim
from torch.nn import functional as F


def images(path):
    with gzip.open(path) as f:
        return torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255.0)


class VAE(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 400)
        self.fc21 = nn.Linear(400, 20)
        self.fc22 = nn.Linear(400, 20)
        self.fc3 = nn.Linear(20, 400)
        self.fc4 = nn.Linear(400, 784)

    def forward(self, x):
        h1 = F.relu(self.fc1(x))
        mu, logvar = self.fc21(h1), self.fc22(h1)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        return torch.sigmoid(self.fc4(F.relu(self.fc3(z)))), mu, logvar


def loss_function(recon_x, x, mu, logvar):
    bce = F.binary_cross_entropy(recon_x, x, reduction='sum')
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('seed', type=int)
    parser.add_argument('root', nargs='?', default='data/mnist')
    parser.add_argument('--lr', type=float, default=1e-3)
    parser.add_argument('--cosine', action='store_true')
    args = parser.parse_args()
    seed, root = args.seed, args.root
    torch.manual_seed(seed)
    torch.set_num_threads(1)
    train = images(root + '/train-images-idx3-ubyte.gz')
    test = images(root + '/t10k-images-idx3-ubyte.gz')
    model = VAE()
    optimizer = optim.Adam(model.parameters(), lr=args.lr)
    epochs, steps_per_epoch, step = 10, math.ceil(len(train) / 128), 0
    for epoch in range(1, epochs + 1):
        model.train()
        started = time.time()
        for batch in torch.randperm(len(train)).split(128):
            x = train[batch]
            if args.cosine:
                for group in optimizer.param_groups:
                    group['lr'] = args.lr * 0.5 * (1 + math.cos(math.pi * step / (epochs * steps_per_epoch)))
            step += 1
            optimizer.zero_grad()
            recon, mu, logvar = model(x)
            loss = loss_function(recon, x, mu, logvar)
            loss.backward()
            optimizer.step()
        seconds = time.time() - started
        model.eval()
        total = 0.0
        with torch.no_grad():
            for x in test.split(128):
                recon, mu, logvar = model(x)
                total += loss_function(recon, x, mu, logvar).item()
        print(f'seed {seed} epoch {epoch}: test loss {total / len(test):.4f}, {len(train) / seconds:,.0f} samples/s',
              flush=True)


if __name__ == '__main__':
    main()
