package org.vaelab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.vaelab.loss.Losses;

import static org.vaelab.nn.Constants.atLeast;

/**
 * Joint posteriors of a multi-view VAE from its single-view Gaussian experts q_v(z|x_v) = N(μ_v, σ_v²).
 * Experts are stacked along axis 0: μ and log σ² of shape (views, n, latent).
 */
public final class Experts {
    /** log σ² for σ = 10⁻⁶: far below any variance a trained encoder gives, far above float's underflow. */
    static final float MIN_LOG_VARIANCE = (float) (2 * Math.log(1e-6));

    private Experts() {
    }

    /**
     * Product of experts with the prior N(0, I) as one more expert: precisions add,
     * T = 1 + Σ_v σ_v⁻², μ = (Σ_v σ_v⁻² μ_v) / T, σ² = 1 / T. Computed in log-variance:
     * log σ² = −logsumexp(0, −log σ_1², …) and μ = Σ_v exp(log σ² − log σ_v²) μ_v, so tiny or huge variances
     * neither overflow nor underflow (the stable form of MultiVae's and MoPoE's reference code).
     *
     * @return (μ, log σ²) of the joint, shape (n, latent) each
     */
    public static NDList productOfExperts(NDArray mus, NDArray logVars) {
        NDManager manager = mus.getManager();
        Shape one = new Shape(1).addAll(mus.getShape().slice(1));
        NDArray negLogVars = manager.zeros(one).concat(logVars.neg(), 0); // the prior expert: log σ² = 0
        NDArray jointLogVar = Losses.logSumExp(negLogVars, 0).neg();
        // Each expert's share of the joint precision, σ_v⁻² σ² = exp(log σ² − log σ_v²), lies in [0, 1]: formed
        // directly, it never overflows, where σ_v⁻² alone does for log σ_v² < −88 (and ∞ · 0 is NaN).
        NDArray shares = logVars.neg().add(jointLogVar.expandDims(0)).exp();
        NDArray jointMu = shares.mul(mus).sum(new int[] {0});
        return new NDList(jointMu, jointLogVar);
    }

    /**
     * The density of the mixture of experts, (1/V) Σ_v N(z; μ_v, σ_v²), at points z of shape (n, latent),
     * as a log-density of shape (n).
     */
    public static NDArray mixtureLogDensity(NDArray z, NDArray mus, NDArray logVars) {
        long views = mus.getShape().get(0);
        // Each expert is read with σ ≥ 10⁻⁶, as MMVAE's reference code does: an expert whose variance
        // underflows would give its term an infinite gradient, which logsumexp turns into NaN.
        NDArray floored = atLeast(logVars, MIN_LOG_VARIANCE);
        NDArray perExpert = Losses.logNormal(z.expandDims(0), mus, floored); // (views, n)
        return Losses.logSumExp(perExpert, 0).sub(Math.log(views));
    }
}
