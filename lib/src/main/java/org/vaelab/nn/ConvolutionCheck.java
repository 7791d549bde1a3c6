package org.vaelab.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Checks the engine's convolutions against a plain Java computation, forward and backward, at the
 * shapes the workbook's convolutional VAEs use ({@link #WORKBOOK_LAYERS}): every value of y = conv(x, w) + b
 * and of the gradients ∂L/∂x, ∂L/∂w and ∂L/∂b of L = Σ g ⊙ y for a random g, in float32 on the engine and in
 * double precision in Java.
 *
 * <p>Why: the engines' native libraries choose their convolution code by the processor's instruction
 * sets (oneDNN's AVX-512, AVX2 or SSE4.1 kernels; ATen's own vectorised loops), and on some x86
 * processors a vectorised path gave non-finite values where the others trained the same network
 * (docs/ENGINES.md). A result is correct only when it is correct on each processor, so the workbook
 * checks the path this processor takes before it trains: {@code org.vaelab.EngineSettings} runs this
 * check in a fresh JVM and caps the instruction set only where it fails.
 */
public final class ConvolutionCheck {
    /**
     * An error below this fraction of the reference's largest magnitude is float32 rounding: the largest sums
     * (the bias gradient, 128·32·32 = 131,072 terms) measured 1.3·10⁻⁵ on AVX-512, and other processors add in
     * other orders; a wrong kernel is off by far more, or not finite.
     */
    public static final double TOLERANCE = 1e-3;
    /** The batch size of every training run of the workbook, so that the engine picks the kernels it trains with. */
    public static final int BATCH = 128;

    /** One convolution: input channels, output channels, the input's side, the kernel's side, stride and padding. */
    public record Layer(String name, int in, int out, int side, int kernel, int stride, int padding) {
        int outSide() {
            return (side + 2 * padding - kernel) / stride + 1;
        }
    }

    /** The convolutions of {@code Networks}' conv VAE for MNIST (1×28×28) and for colour images (3×32×32). */
    public static final List<Layer> WORKBOOK_LAYERS = List.of(
            new Layer("MNIST encoder conv 1", 1, 32, 28, 4, 2, 1),
            new Layer("MNIST encoder conv 2", 32, 64, 14, 4, 2, 1),
            new Layer("MNIST decoder conv 1", 64, 32, 14, 3, 1, 1),
            new Layer("MNIST decoder conv 2", 32, 1, 28, 3, 1, 1),
            new Layer("colour encoder conv 1", 3, 32, 32, 4, 2, 1),
            new Layer("colour encoder conv 2", 32, 64, 16, 4, 2, 1),
            new Layer("colour decoder conv 1", 64, 32, 16, 3, 1, 1),
            new Layer("colour decoder conv 2", 32, 3, 32, 3, 1, 1));

    /**
     * A convolution's results, flat, in NCHW (and OIHW) order: y computed for inference and y computed for training
     * (the engines may take different kernels), ∂L/∂x, ∂L/∂w, ∂L/∂b.
     */
    public record Results(float[] inference, float[] y, float[] dx, float[] dw, float[] db) {
    }

    /** What computes a convolution and its gradients: the engine, or a stand-in in a test. */
    @FunctionalInterface
    public interface Convolution {
        Results run(Layer layer, int batch, float[] x, float[] w, float[] b, float[] g);
    }

    /** One layer's outcome: the largest error of each result relative to the reference's largest magnitude. */
    public record Outcome(Layer layer, double inference, double y, double dx, double dw, double db) {
        public boolean passed() {
            return inference <= TOLERANCE && y <= TOLERANCE && dx <= TOLERANCE && dw <= TOLERANCE && db <= TOLERANCE;
        }

        /** "colour decoder conv 1 (…): inference 2.1e-07, forward 2.1e-07, ∂L/∂x 3.0e-07, ∂L/∂w not finite (wrong), ∂L/∂b 1.2e-07". */
        public String describe() {
            return String.format(Locale.ROOT, "%s (%d→%d channels, %d×%d kernel, stride %d, on %d×%d): inference %s, forward %s, ∂L/∂x %s, ∂L/∂w %s, ∂L/∂b %s",
                    layer.name(), layer.in(), layer.out(), layer.kernel(), layer.kernel(), layer.stride(), layer.side(), layer.side(),
                    error(inference), error(y), error(dx), error(dw), error(db));
        }

        private static String error(double e) {
            String value = Double.isNaN(e) ? "not finite" : String.format(Locale.ROOT, "%.1e", e);
            return e <= TOLERANCE ? value : value + " (wrong)";
        }
    }

    private ConvolutionCheck() {
    }

    /** Checks every layer of {@link #WORKBOOK_LAYERS} on this JVM's engine, at batch {@value #BATCH}. */
    public static List<Outcome> onEngine() {
        return check(WORKBOOK_LAYERS, BATCH, ConvolutionCheck::engine, 42);
    }

    /** Checks each layer with {@code convolution} against the plain Java computation, on inputs drawn from {@code seed}. */
    public static List<Outcome> check(List<Layer> layers, int batch, Convolution convolution, long seed) {
        List<Outcome> outcomes = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : layers) {
            int o = layer.outSide();
            float[] x = uniform(random, batch * layer.in() * layer.side() * layer.side(), 1);
            float[] w = uniform(random, layer.out() * layer.in() * layer.kernel() * layer.kernel(),
                    (float) Math.sqrt(6.0 / (layer.in() * layer.kernel() * layer.kernel())));
            float[] b = uniform(random, layer.out(), 0.1f);
            float[] g = uniform(random, batch * layer.out() * o * o, 1);
            double[][] reference = reference(layer, batch, x, w, b, g);
            Results got = convolution.run(layer, batch, x, w, b, g);
            outcomes.add(new Outcome(layer, relativeError(got.inference(), reference[0]), relativeError(got.y(), reference[0]), relativeError(got.dx(), reference[1]),
                    relativeError(got.dw(), reference[2]), relativeError(got.db(), reference[3])));
        }
        return outcomes;
    }

    /** The engine's float32 convolution on the CPU (whose instruction sets are in question) and its gradients, as the VAEs' {@code Conv2d} blocks call it. */
    public static Results engine(Layer layer, int batch, float[] x, float[] w, float[] b, float[] g) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray input = manager.create(x, new Shape(batch, layer.in(), layer.side(), layer.side()));
            NDArray weight = manager.create(w, new Shape(layer.out(), layer.in(), layer.kernel(), layer.kernel()));
            NDArray bias = manager.create(b, new Shape(layer.out()));
            int o = layer.outSide();
            NDArray upstream = manager.create(g, new Shape(batch, layer.out(), o, o));
            input.setRequiresGradient(true);
            weight.setRequiresGradient(true);
            bias.setRequiresGradient(true);
            // Inference first (evaluation, reconstructions and judges run without a gradient collector), then training.
            float[] inference = Conv2d.conv2d(input, weight, bias, new Shape(layer.stride(), layer.stride()),
                    new Shape(layer.padding(), layer.padding()), new Shape(1, 1), 1).singletonOrThrow().toFloatArray();
            float[] y;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDList out = Conv2d.conv2d(input, weight, bias, new Shape(layer.stride(), layer.stride()),
                        new Shape(layer.padding(), layer.padding()), new Shape(1, 1), 1);
                NDArray result = out.singletonOrThrow();
                y = result.toType(DataType.FLOAT32, false).toFloatArray();
                collector.backward(result.mul(upstream).sum());
            }
            return new Results(inference, y, input.getGradient().toFloatArray(), weight.getGradient().toFloatArray(),
                    bias.getGradient().toFloatArray());
        }
    }

    /**
     * y = conv(x, w) + b and the gradients of Σ g ⊙ y, in double precision, one output position at a time:
     * y[n,o,i,j] = b[o] + Σ_c,p,q x[n,c,s·i−pad+p, s·j−pad+q] · w[o,c,p,q]; ∂L/∂b[o] = Σ g[n,o,·,·];
     * ∂L/∂w[o,c,p,q] = Σ_n,i,j g[n,o,i,j] · x[n,c,…]; ∂L/∂x[n,c,…] = Σ_o,p,q g[n,o,i,j] · w[o,c,p,q].
     * Each image's sums run in their own task (the two gradients that sum over images are added afterwards, in order).
     */
    static double[][] reference(Layer layer, int batch, float[] x, float[] w, float[] b, float[] g) {
        int c = layer.in(), k = layer.kernel(), s = layer.side(), o = layer.outSide(), out = layer.out();
        int stride = layer.stride(), pad = layer.padding();
        double[] y = new double[batch * out * o * o];
        double[] dx = new double[x.length];
        double[][] dwPerImage = new double[batch][w.length];
        double[][] dbPerImage = new double[batch][out];
        IntStream.range(0, batch).parallel().forEach(n -> {
            double[] dw = dwPerImage[n];
            for (int f = 0; f < out; f++) {
                for (int i = 0; i < o; i++) {
                    for (int j = 0; j < o; j++) {
                        int at = ((n * out + f) * o + i) * o + j;
                        double gradient = g[at];
                        double sum = b[f];
                        dbPerImage[n][f] += gradient;
                        for (int ch = 0; ch < c; ch++) {
                            for (int p = 0; p < k; p++) {
                                int row = stride * i - pad + p;
                                if (row < 0 || row >= s) {
                                    continue;
                                }
                                for (int q = 0; q < k; q++) {
                                    int col = stride * j - pad + q;
                                    if (col < 0 || col >= s) {
                                        continue;
                                    }
                                    int xi = ((n * c + ch) * s + row) * s + col;
                                    int wi = ((f * c + ch) * k + p) * k + q;
                                    sum += x[xi] * (double) w[wi];
                                    dw[wi] += gradient * x[xi];
                                    dx[xi] += gradient * w[wi];
                                }
                            }
                        }
                        y[at] = sum;
                    }
                }
            }
        });
        double[] dw = new double[w.length];
        double[] db = new double[out];
        for (int n = 0; n < batch; n++) {
            for (int i = 0; i < dw.length; i++) {
                dw[i] += dwPerImage[n][i];
            }
            for (int f = 0; f < out; f++) {
                db[f] += dbPerImage[n][f];
            }
        }
        return new double[][] {y, dx, dw, db};
    }

    /** max |got − reference| / max |reference|; NaN where a value is not finite or the sizes differ. */
    static double relativeError(float[] got, double[] reference) {
        if (got.length != reference.length) {
            return Double.NaN;
        }
        double worst = 0;
        double scale = 0;
        for (int i = 0; i < got.length; i++) {
            if (!Float.isFinite(got[i])) {
                return Double.NaN;
            }
            worst = Math.max(worst, Math.abs(got[i] - reference[i]));
            scale = Math.max(scale, Math.abs(reference[i]));
        }
        return worst / Math.max(scale, Double.MIN_NORMAL);
    }

    private static float[] uniform(SplittableRandom random, int n, float bound) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(-bound, bound);
        }
        return values;
    }
}
