package org.vaelab.sample;

import ai.djl.engine.Engine;

/**
 * The one owner of the engine's random generator: the library sets the engine's global seed here and
 * nowhere else. The engine has one generator for every ε of the reparameterisation, every prior
 * sample and every weight drawn at initialisation, so whoever draws must first say from which seed.
 *
 * <p>Training draws each epoch's noise from {@link #forEpoch}, a seed of its own derived from the run's
 * seed and the epoch's number: an evaluation between two epochs can draw what it likes, the next
 * epoch starts afresh from its own seed, and a run resumed from epoch k's checkpoint draws exactly
 * what the uninterrupted run drew. Java-side randomness (shuffles, pair choices) uses
 * {@link java.util.SplittableRandom} from seeds derived the same way, and never touches the engine.
 */
public final class Noise {
    private Noise() {
    }

    /** Seeds the engine's generator: what is drawn next on any array of the engine follows from {@code seed}. */
    public static void seedEngine(long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
    }

    /** The seed of epoch {@code epoch}'s noise (ε of the reparameterisation, prior samples) in a run seeded {@code seed}. */
    public static long forEpoch(long seed, int epoch) {
        return derive(seed, 0x5EED_E90C_0000L + epoch);
    }

    /**
     * A seed for one purpose of a run, well apart from {@code seed} and from every other {@code stream}:
     * SplitMix64's finaliser over the pair, reduced to the 31 bits every engine accepts.
     */
    public static long derive(long seed, long stream) {
        return mix(seed, stream) & 0x7FFF_FFFFL;
    }

    /** SplitMix64's mixing of two numbers, so that nearby seeds, epochs and batches give unrelated streams. */
    public static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
