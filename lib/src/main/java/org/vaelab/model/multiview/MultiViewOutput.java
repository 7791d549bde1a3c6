package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.List;

/**
 * One forward pass of a {@link MultiViewBlock}, by name: for each subset of views the posterior
 * samples, its (μ, log σ²), the sample z and both views decoded from z; then each view's expert.
 * DJL's blocks return positional lists; this record is the one place that reads and writes them.
 */
public record MultiViewOutput(List<SubsetSample> subsets, NDList[] experts) {
    /** The posterior of one subset of views, its sample, and both views decoded from the sample (raw decoder outputs). */
    public record SubsetSample(NDArray mu, NDArray logVar, NDArray z, NDArray firstDecoded, NDArray secondDecoded) {
        public NDArray decoded(int view) {
            return view == 0 ? firstDecoded : secondDecoded;
        }
    }

    private static final int PER_SUBSET = 5;

    /** The experts (μ_v, log σ_v²) stacked along a new first axis: μ and log σ² of shape (2, n, latent). */
    public NDList stackedExperts() {
        return stacked(experts);
    }

    /** Two experts (μ_v, log σ_v²) stacked along a new first axis: μ and log σ² of shape (2, n, latent). */
    public static NDList stacked(NDList[] experts) {
        NDArray mus = experts[0].get(0).expandDims(0).concat(experts[1].get(0).expandDims(0), 0);
        NDArray logVars = experts[0].get(1).expandDims(0).concat(experts[1].get(1).expandDims(0), 0);
        return new NDList(mus, logVars);
    }

    public static MultiViewOutput of(NDList outputs, int subsets) {
        List<SubsetSample> samples = new ArrayList<>();
        for (int s = 0; s < subsets; s++) {
            int base = s * PER_SUBSET;
            samples.add(new SubsetSample(outputs.get(base), outputs.get(base + 1), outputs.get(base + 2), outputs.get(base + 3),
                    outputs.get(base + 4)));
        }
        int experts = subsets * PER_SUBSET;
        return new MultiViewOutput(samples, new NDList[] {
            new NDList(outputs.get(experts), outputs.get(experts + 1)),
            new NDList(outputs.get(experts + 2), outputs.get(experts + 3))});
    }

    public NDList toList() {
        NDList list = new NDList();
        for (SubsetSample sample : subsets) {
            list.add(sample.mu());
            list.add(sample.logVar());
            list.add(sample.z());
            list.add(sample.firstDecoded());
            list.add(sample.secondDecoded());
        }
        list.addAll(experts[0]);
        list.addAll(experts[1]);
        return list;
    }

    /**
     * The shapes of the arrays that {@link #toList} lays out, for {@code n} pairs: per subset μ, log σ², z (each
     * (n, latent)) and both views decoded; then each view's expert (μ_v, log σ_v², each (n, latent)).
     */
    static Shape[] shapes(long n, int latent, long firstSize, long secondSize, int subsets) {
        Shape code = new Shape(n, latent);
        Shape[] shapes = new Shape[subsets * PER_SUBSET + 4];
        for (int s = 0; s < subsets; s++) {
            int base = s * PER_SUBSET;
            shapes[base] = code;
            shapes[base + 1] = code;
            shapes[base + 2] = code;
            shapes[base + 3] = new Shape(n, firstSize);
            shapes[base + 4] = new Shape(n, secondSize);
        }
        for (int i = shapes.length - 4; i < shapes.length; i++) {
            shapes[i] = code;
        }
        return shapes;
    }
}
