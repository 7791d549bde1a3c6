package org.vaelab.model;

import ai.djl.ndarray.NDArray;
import org.vaelab.loss.Losses;

import static org.vaelab.nn.Constants.times;

/**
 * The centre loss in place of the KL term (lab 04): the posterior mean is pulled to a learned centre
 * c_y of its class, so the classes form separate clusters:
 * <pre>
 *   L = −log p_θ(x|z) + λ · ‖μ_φ(x) − c_y‖²
 * </pre>
 * Without labels (a test set read without them) the centre term cannot be formed, and the total is
 * the reconstruction alone. The KL term is reported beside it, not minimised.
 */
public record CentreLoss(float lambda, int classes) implements Objective {
    public static final String CENTRE = "centre";

    public CentreLoss {
        if (!(lambda > 0) || classes < 2) {
            throw new IllegalArgumentException("the centre loss needs λ > 0 and at least 2 classes; got λ = " + lambda
                    + ", " + classes + " classes");
        }
    }

    @Override
    public LossTerms loss(VaeOutput out, NDArray reconstruction) {
        NDArray kl = Losses.gaussianKl(out.mu(), out.logVar());
        if (out.classCentres() == null) {
            return LossTerms.elbo(reconstruction, kl, reconstruction.duplicate());
        }
        NDArray centre = Losses.centreLoss(out.mu(), out.classCentres());
        return LossTerms.elbo(reconstruction, kl, reconstruction.add(times(centre, lambda))).with(CENTRE, centre);
    }

    @Override
    public int classCentres() {
        return classes;
    }

    @Override
    public String tag() {
        return "-centre-l" + lambda;
    }

    @Override
    public String key() {
        return "centre(lambda=" + lambda + ",classes=" + classes + ")";
    }
}
