package org.vaelab.model;

import ai.djl.ndarray.NDArray;
import org.vaelab.loss.Losses;

import java.util.Locale;

import static org.vaelab.nn.Constants.times;

/**
 * Zhao et al.'s InfoVAE: the KL term weighted down and the aggregate posterior q(z) pulled to the
 * prior by the maximum mean discrepancy between the batch's codes and as many samples of N(0, I):
 * <pre>
 *   L = −log p_θ(x|z) + (1 − α) · KL(q_φ(z|x) ‖ p(z)) + (α + λ − 1) · MMD(q(z), p(z))
 * </pre>
 * MMD is a property of the whole batch: every image carries it, so the batch mean adds it once.
 */
public record InfoVae(float alpha, float lambda, Losses.MmdKernel kernel, float bandwidth) implements Objective {
    public static final String MMD = "mmd";

    public InfoVae {
        if (!(bandwidth > 0) || !(alpha + lambda - 1 >= 0) || !(alpha <= 1)) {
            throw new IllegalArgumentException("InfoVAE needs α ≤ 1, α + λ ≥ 1 and a positive bandwidth; got α = "
                    + alpha + ", λ = " + lambda + ", bandwidth = " + bandwidth);
        }
    }

    @Override
    public LossTerms loss(VaeOutput out, NDArray reconstruction) {
        NDArray kl = Losses.gaussianKl(out.mu(), out.logVar());
        NDArray prior = out.z().getManager().randomNormal(out.z().getShape());
        NDArray mmd = Losses.mmd(out.z(), prior, kernel, bandwidth);
        NDArray total = reconstruction.add(times(kl, 1 - alpha)).add(times(mmd, alpha + lambda - 1));
        return LossTerms.elbo(reconstruction, kl, total).with(MMD, mmd);
    }

    @Override
    public String tag() {
        return "-info-a" + alpha + "-l" + lambda + "-" + kernel.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String key() {
        return "infovae(alpha=" + alpha + ",lambda=" + lambda + ",kernel=" + kernel + ",bandwidth=" + bandwidth + ")";
    }
}
