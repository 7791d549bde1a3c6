package org.vaelab.model;

import ai.djl.ndarray.NDArray;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model's forward pass gives the trainer, as in Pythae's {@code ModelOutput}: the total the
 * optimiser minimises and the terms it is made of, by name, each one value per example (shape (n)).
 * A VAE's terms are the reconstruction −log p_θ(x|z) and the KL term KL(q_φ(z|x) ‖ p(z)); objectives
 * with more terms (InfoVAE's MMD, the centre loss) name them too; a classifier has its total alone.
 */
public record LossTerms(NDArray total, Map<String, NDArray> terms) {
    public static final String RECONSTRUCTION = "reconstruction";
    public static final String KL = "kl";

    public LossTerms {
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }

    /** A loss with no named terms besides its total. */
    public static LossTerms of(NDArray total) {
        return new LossTerms(total, Map.of());
    }

    /** A VAE's loss: its total, the reconstruction term and the KL term. */
    public static LossTerms elbo(NDArray reconstruction, NDArray kl, NDArray total) {
        Map<String, NDArray> terms = new LinkedHashMap<>();
        terms.put(RECONSTRUCTION, reconstruction);
        terms.put(KL, kl);
        return new LossTerms(total, terms);
    }

    /** The same loss with one more named term. */
    public LossTerms with(String name, NDArray term) {
        Map<String, NDArray> more = new LinkedHashMap<>(terms);
        more.put(name, term);
        return new LossTerms(total, more);
    }

    /** −log p_θ(x|z) per example. */
    public NDArray reconstruction() {
        return term(RECONSTRUCTION);
    }

    /** KL(q_φ(z|x) ‖ p(z)) per example (for a mixture posterior, its one-sample estimate). */
    public NDArray kl() {
        return term(KL);
    }

    public NDArray term(String name) {
        NDArray term = terms.get(name);
        if (term == null) {
            throw new IllegalArgumentException("this loss has no term '" + name + "'; it has " + terms.keySet());
        }
        return term;
    }

    /** The terms by name, then the total under "total", for tables and histories. */
    public Map<String, NDArray> byName() {
        Map<String, NDArray> all = new LinkedHashMap<>(terms);
        all.put("total", total);
        return all;
    }
}
