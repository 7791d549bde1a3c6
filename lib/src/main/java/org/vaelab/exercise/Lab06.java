package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.vaelab.loss.Losses;

import java.util.function.BiFunction;

import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.uniform;

/** Lab 06's exercises: the street digits' Gaussian likelihood, the size a convolution leaves, and the Gaussian with σ fitted. */
final class Lab06 {
    private Lab06() {
    }

    // ---- shared ----

    private static Checker.Run<BiFunction<NDArray, NDArray, NDArray>> pixels(float[] mean, float[] x, long n, long d) {
        return (f, m) -> Answer.of(f.apply(array(m, mean, n, d), array(m, x, n, d)));
    }

    // ---- 06.1 ----

    /** The side of a square image after DJL's Conv2d, read from the layer's own shape rule. */
    static Integer convolvedSide(Integer side, Integer kernel, Integer stride, Integer padding) {
        Conv2d conv = Conv2d.builder().setFilters(1).setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding)).build();
        return (int) conv.getOutputShapes(new Shape[] {new Shape(1, 1, side, side)})[0].get(2);
    }

    private static Checker.Run<Function4<Integer, Integer, Integer, Integer, Integer>> layer(int side, int kernel, int stride, int padding) {
        return (f, m) -> Answer.of(f.apply(side, kernel, stride, padding));
    }

    static Checker<Function4<Integer, Integer, Integer, Integer, Integer>> convolvedSize() {
        return new Checker<Function4<Integer, Integer, Integer, Integer, Integer>>("06.1", "DJL's Conv2d", Lab06::convolvedSide)
                .input("a 5×5 kernel with padding 2 that keeps the size: 28, kernel 5, stride 1, padding 2", layer(28, 5, 1, 2))
                .input("lab 06's first MNIST layer: 28, kernel 4, stride 2, padding 1", layer(28, 4, 2, 1))
                .input("its second: 14, kernel 4, stride 2, padding 1", layer(14, 4, 2, 1))
                .input("the street digits' first layer: 32, kernel 4, stride 2, padding 1", layer(32, 4, 2, 1))
                .input("a 3×3 convolution that keeps the size: 7, kernel 3, stride 1, padding 1", layer(7, 3, 1, 1))
                .input("an odd remainder: 5, kernel 4, stride 2, no padding (the last column is dropped)", layer(5, 4, 2, 0))
                .input("a kernel as large as the image: 4, kernel 4, stride 1, no padding", layer(4, 4, 1, 0))
                .tolerance(0, 0)
                .mistake("one position is missing: the first placement of the kernel counts too, so the count is ⌊(n + 2p − k)/s⌋ + 1.",
                        (n, k, s, p) -> (n + 2 * p - k) / s)
                .mistake("padding is added on both sides: n + 2p, not n + p.",
                        (n, k, s, p) -> (n + p - k) / s + 1)
                .mistake("the kernel's size is subtracted before dividing by the stride: ⌊(n + 2p − k)/s⌋ + 1.",
                        (n, k, s, p) -> (n + 2 * p) / s - k + 1)
                .mistake("a kernel that does not fit at the end is not placed: round down, ⌊(n + 2p − k)/s⌋, not up.",
                        (n, k, s, p) -> (n + 2 * p - k + s - 1) / s + 1);
    }

    // ---- 06.2 ----

    static Checker<BiFunction<NDArray, NDArray, NDArray>> gaussianNllOptimalSigma() {
        float[] apart = new float[12];
        float[] target = new float[12];
        for (int j = 0; j < 6; j++) {
            target[j] = 0.5f;
            apart[j] = 0.51f; // the first row nearly right, its σ small
            target[6 + j] = 0.1f;
            apart[6 + j] = 0.9f; // the second far off, its σ large
        }
        double floor = Math.exp(2 * Losses.MIN_LOG_SIGMA);
        return new Checker<BiFunction<NDArray, NDArray, NDArray>>("06.2", "Losses.gaussianNllOptimalSigma", Losses::gaussianNllOptimalSigma)
                .input("a 4×6 batch of means and pixels in [0, 1]", pixels(uniform(96, 24), uniform(97, 24), 4, 6))
                .input("a one-row batch of 3072 values (one 32×32 colour street digit)", pixels(uniform(98, 3072), uniform(99, 3072), 1, 3072))
                .input("two images, one nearly right and one far off: each has its own σ", pixels(apart, target, 2, 6))
                .input("a perfect reconstruction, x = μ: σ stops at its floor e^−6",
                        pixels(new float[] {0.1f, 0.5f, 0.9f, 0f, 1f, 0.3f}, new float[] {0.1f, 0.5f, 0.9f, 0f, 1f, 0.3f}, 2, 3))
                .tolerance(1e-4, 1e-2)
                .shapeHint("One loss per row: σ_i² is the mean over the pixels of row i, .mean(new int[] {1}), shape (n).")
                .mistake("at the fitted σ the squared error is not gone: ‖x − μ‖² / (2σ²) = D/2, so add D/2 beside D/2·log(2πσ²).",
                        (mu, x) -> rowVariance(mu, x, floor).log().mul(0.5 * x.getShape().get(1))
                                .add(0.5 * x.getShape().get(1) * Math.log(2 * Math.PI)))
                .mistake("each image has its own σ: σ_i² is the mean over row i's pixels, not over the whole batch.",
                        (mu, x) -> x.sub(mu).square().mean().maximum(floor).log().mul(0.5 * x.getShape().get(1))
                                .add(x.sub(mu).sum(new int[] {1}).mul(0))
                                .add(0.5 * x.getShape().get(1) * (Math.log(2 * Math.PI) + 1)))
                .mistake("the normaliser is D/2·log(2πσ²), with σ², the variance: D/2·log σ would halve its log.",
                        (mu, x) -> rowVariance(mu, x, floor).sqrt().log().mul(0.5 * x.getShape().get(1))
                                .add(0.5 * x.getShape().get(1) * (Math.log(2 * Math.PI) + 1)))
                .mistake("a perfect reconstruction makes σ² = 0 and its log −∞: keep σ² at least e^−12 (σ ≥ e^−6, Losses.MIN_LOG_SIGMA).",
                        (mu, x) -> rowVariance(mu, x, 1e-30).log().mul(0.5 * x.getShape().get(1))
                                .add(0.5 * x.getShape().get(1) * (Math.log(2 * Math.PI) + 1)));
    }

    /** Each row's mean squared error, at least {@code floor}. */
    private static NDArray rowVariance(NDArray mean, NDArray x, double floor) {
        return x.sub(mean).square().mean(new int[] {1}).maximum(floor);
    }
}
