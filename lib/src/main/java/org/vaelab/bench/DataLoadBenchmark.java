package org.vaelab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.vaelab.Data;
import org.vaelab.data.ImageSet;
import org.vaelab.data.Split;

import java.util.Arrays;

/**
 * How long loading all of MNIST's training images into one float NDArray takes, and the memory it
 * needs: the IDX read (checksums, gunzip, checks) and the conversion to floats are timed apart,
 * the median of five runs after one warm-up; the peak resident memory is read after the first load
 * (the process's whole peak, engine included) and again at the end. One JSON line comes last.
 */
public final class DataLoadBenchmark {
    private static final int RUNS = 5;

    private DataLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String engine = Engine.getInstance().getEngineName(); // load the natives before timing
        long rssBefore = ProcessMemory.rssMb();
        double[] read = new double[RUNS];
        double[] convert = new double[RUNS];
        long elements = 0;
        long peakFirstLoad = -1;
        for (int run = -1; run < RUNS; run++) {
            long t0 = System.nanoTime();
            ImageSet train = Data.mnist(Split.TRAIN);
            long t1 = System.nanoTime();
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray floats = train.toFloats(manager);
                elements = floats.size();
                // MXNet runs operators asynchronously: reading the last value waits for the conversion.
                floats.get(train.size() - 1).getFloat(783);
                long t2 = System.nanoTime();
                if (run >= 0) {
                    read[run] = (t1 - t0) / 1e9;
                    convert[run] = (t2 - t1) / 1e9;
                } else {
                    peakFirstLoad = ProcessMemory.peakRssMb();
                }
            }
        }
        double readMedian = median(read);
        double convertMedian = median(convert);
        System.out.printf("MNIST train: %d floats; read %.3f s + to NDArray %.3f s = %.3f s (median of %d, %s engine)%n",
                elements, readMedian, convertMedian, readMedian + convertMedian, RUNS, engine);
        System.out.printf("{\"mnist_train_load\":{\"engine\":\"%s\",\"read_s\":%.3f,\"to_ndarray_s\":%.3f,\"total_s\":%.3f,"
                        + "\"rss_before_mb\":%d,\"peak_rss_first_load_mb\":%d,\"peak_rss_mb\":%d,\"heap_max_mb\":%d}}%n",
                engine, readMedian, convertMedian, readMedian + convertMedian, rssBefore, peakFirstLoad, ProcessMemory.peakRssMb(),
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
