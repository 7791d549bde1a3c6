package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.vaelab.loss.Gaussian;
import org.vaelab.loss.Losses;

import java.util.ArrayList;
import java.util.List;

/**
 * K importance samples per pair and subset of a batch, and their log weights: what {@link ImportanceWeighted} and
 * {@link DregImportanceWeighted} share. Rows go pair by pair (pair i's K samples are rows iK … iK + K − 1, as
 * {@code repeat(0, K)} makes them), and the K·n samples of a subset go through each decoder as one batch.
 * With private latents (MMVAE+), subset s = {v} also draws view v's private code w from q_v(w|x_v) and the other
 * view's from the auxiliary prior N(0, I).
 */
final class ImportanceSamples {
    /** One subset's samples: the shared codes z, and with private latents the view's own w and the other view's w̃ (else null). */
    record Sample(NDArray z, NDArray w, NDArray auxiliary) {
        /** The same values without gradient. */
        Sample detached() {
            return new Sample(z.stopGradient(), w == null ? null : w.stopGradient(), auxiliary);
        }

        /**
         * The same values, passing {@code share} (one value per row, no gradient) times the gradient on to the encoders:
         * z' = share · z + (1 − share) · z̄, z̄ without gradient (DReG's weighting of each sample's path).
         */
        Sample passing(NDArray share) {
            return new Sample(scaled(z, share), w == null ? null : scaled(w, share), auxiliary);
        }

        private static NDArray scaled(NDArray values, NDArray share) {
            return values.mul(share).add(values.stopGradient().mul(share.neg().add(1)));
        }
    }

    /** What the samples are weighed against: each view's expert, each subset's joint, each view's private expert (or null). */
    record Density(NDList[] experts, List<NDList> joints, NDList[] privates) {
        /** q's parameters without gradient: the score-function term that DReG leaves out. */
        Density detached() {
            List<NDList> fixedJoints = new ArrayList<>();
            for (NDList joint : joints) {
                fixedJoints.add(detachedParams(joint));
            }
            return new Density(new NDList[] {detachedParams(experts[0]), detachedParams(experts[1])}, fixedJoints,
                    privates == null ? null : new NDList[] {detachedParams(privates[0]), detachedParams(privates[1])});
        }

        private static NDList detachedParams(NDList params) {
            return new NDList(params.get(0).stopGradient(), params.get(1).stopGradient());
        }
    }

    /** log w per sample, and its parts: the weighted reconstruction −Σ λ log p(x|z) and the sampled log q − log p. */
    record Weights(NDArray logWeights, NDArray reconstruction, NDArray kl) {
    }

    private final MultiViewBlock block;
    private final ParameterStore store;
    private final Posterior posterior;
    private final Views views;
    private final boolean training;
    private final NDArray[] tiledX;
    private final Density density;
    private final List<Sample> samples;
    private final int k;
    private final long n;

    private ImportanceSamples(MultiViewBlock block, ParameterStore store, Posterior posterior, Views views, boolean training,
                              NDArray[] tiledX, Density density, List<Sample> samples, int k, long n) {
        this.block = block;
        this.store = store;
        this.posterior = posterior;
        this.views = views;
        this.training = training;
        this.tiledX = tiledX;
        this.density = density;
        this.samples = samples;
        this.k = k;
        this.n = n;
    }

    /** Encodes the batch and draws K samples per pair for each of the posterior's subsets. */
    static ImportanceSamples draw(MultiViewBlock block, ParameterStore store, Posterior posterior, Views views, int k, boolean training) {
        NDArray[] x = views.x();
        int own = posterior.privateLatent();
        NDList[] all = {block.experts(store, 0, x[0], training), block.experts(store, 1, x[1], training)};
        NDList[] experts = {new NDList(all[0].get(0), all[0].get(1)), new NDList(all[1].get(0), all[1].get(1))};
        NDList[] privates = own == 0 ? null
                : new NDList[] {repeated(new NDList(all[0].get(2), all[0].get(3)), k), repeated(new NDList(all[1].get(2), all[1].get(3)), k)};
        List<NDList> joints = new ArrayList<>();
        for (int[] subset : posterior.subsets()) {
            joints.add(repeated(posterior.joint(experts, subset), k));
        }
        List<Sample> samples = new ArrayList<>();
        for (int s = 0; s < joints.size(); s++) {
            NDArray z = Gaussian.reparameterize(joints.get(s).get(0), joints.get(s).get(1));
            NDArray w = null;
            NDArray auxiliary = null;
            if (own > 0) {
                NDList mine = privates[posterior.subsets().get(s)[0]];
                w = Gaussian.reparameterize(mine.get(0), mine.get(1));
                auxiliary = x[0].getManager().randomNormal(new Shape(mine.get(0).getShape().get(0), own));
            }
            samples.add(new Sample(z, w, auxiliary));
        }
        return new ImportanceSamples(block, store, posterior, views, training, new NDArray[] {x[0].repeat(0, k), x[1].repeat(0, k)},
                new Density(new NDList[] {repeated(experts[0], k), repeated(experts[1], k)}, joints, privates), samples, k,
                x[0].getShape().get(0));
    }

    /** How many subsets were sampled. */
    int subsets() {
        return samples.size();
    }

    /** Subset s's samples as drawn. */
    Sample sample(int s) {
        return samples.get(s);
    }

    /** The density the samples were drawn from. */
    Density density() {
        return density;
    }

    /** log w of {@code sample}, drawn for subset s, decoded here and weighed against {@code against}. */
    Weights logWeights(int s, Sample sample, Density against) {
        int v = posterior.subsets().get(s)[0];
        NDArray zs = sample.z();
        NDArray reconstruction = null;
        for (int u : posterior.reconstructs(s)) {
            NDArray code = sample.w() == null ? zs : zs.concat(u == v ? sample.w() : sample.auxiliary(), 1);
            NDArray nll = views.weightedNll(u, block.decode(store, u, code, training), tiledX[u]);
            reconstruction = reconstruction == null ? nll : reconstruction.add(nll);
        }
        NDArray kl = posterior.logDensity(zs, against.experts(), against.joints(), s).sub(Losses.logStandardNormal(zs));
        if (sample.w() != null) {
            kl = kl.add(Losses.logNormal(sample.w(), against.privates()[v].get(0), against.privates()[v].get(1)))
                    .sub(Losses.logStandardNormal(sample.w()));
        }
        return new Weights(reconstruction.add(kl).neg(), reconstruction, kl);
    }

    /** K·n values, pair by pair, as (n, K). */
    NDArray perPair(NDArray values) {
        return values.reshape(n, k);
    }

    private static NDList repeated(NDList params, int k) {
        return new NDList(params.get(0).repeat(0, k), params.get(1).repeat(0, k));
    }
}
