package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.vaelab.loss.Losses;
import org.vaelab.model.Experts;

import java.util.List;

import static org.vaelab.nn.Constants.dividedBy;

/**
 * MMVAE (Shi et al., 2019): the posterior is the mixture q(z|x_1, x_2) = ½ (q_1 + q_2), and every
 * expert's sample must reconstruct both views:
 * <pre>
 *   L = ½ Σ_v [ Σ_u λ_u·(−log p(x_u|z_v)) + log q_mix(z_v|x) − log p(z_v) ],   z_v ~ q_v
 * </pre>
 * The mixture's KL has no closed form: it is estimated from the sample z_v, as MMVAE does.
 */
public final class MixtureOfExperts implements Posterior {
    private static final List<int[]> SUBSETS = List.of(new int[] {0}, new int[] {1});

    @Override
    public String tag() {
        return "mixture";
    }

    @Override
    public List<int[]> subsets() {
        return SUBSETS;
    }

    /** A component of the mixture: the expert of the one view in {@code subset}. */
    @Override
    public NDList joint(NDList[] experts, int[] subset) {
        return experts[subset[0]];
    }

    /** The mixture's mean, the mean of the two experts' means. */
    @Override
    public NDArray jointMean(NDList[] experts) {
        return dividedBy(experts[0].get(0).add(experts[1].get(0)), 2);
    }

    /** The mixture ½ (q_1 + q_2), whichever expert drew the sample (MMVAE's "looser" importance weights). */
    @Override
    public NDArray logDensity(NDArray z, NDList[] experts, List<NDList> joints, int s) {
        NDList stacked = MultiViewOutput.stacked(experts);
        return Experts.mixtureLogDensity(z, stacked.get(0), stacked.get(1));
    }

    /** log q_mix(z|x) − log p(z) at the sample: the mixture's KL has no closed form. */
    @Override
    public NDArray elboKl(MultiViewOutput out, int s) {
        NDList stacked = out.stackedExperts();
        NDArray z = out.subsets().get(s).z();
        return Experts.mixtureLogDensity(z, stacked.get(0), stacked.get(1)).sub(Losses.logStandardNormal(z));
    }
}
