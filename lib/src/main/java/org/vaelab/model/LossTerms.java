package org.vaelab.model;

import ai.djl.ndarray.NDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loss of a batch by name, each per image (shape (n)): reconstruction −log p_θ(x|z), the KL
 * term KL(q_φ(z|x) ‖ p(z)), and the total the optimiser minimises (reconstruction + β·KL; the
 * negative ELBO when β = 1). Objectives with more terms (InfoVAE's MMD, a scalar for the batch)
 * name them in {@code extra}.
 */
public record LossTerms(NDArray reconstruction, NDArray kl, NDArray total, Map<String, NDArray> extra) {
    public LossTerms(NDArray reconstruction, NDArray kl, NDArray total) {
        this(reconstruction, kl, total, Map.of());
    }

    /** The terms by name, for tables and histories. */
    public Map<String, NDArray> byName() {
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put("reconstruction", reconstruction);
        terms.put("kl", kl);
        terms.putAll(extra);
        terms.put("total", total);
        return terms;
    }
}
