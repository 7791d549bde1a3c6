package org.vaelab.model.multiview;

import ai.djl.training.ParameterStore;
import org.vaelab.model.LossTerms;

/**
 * What a two-view VAE minimises, each a class of its own: {@link MultiViewElbo} (the posterior's
 * one-sample ELBO), {@link ImportanceWeighted} (the K-sample bound) and
 * {@link DregImportanceWeighted} (the same bound with doubly reparameterised gradients). The posterior
 * decides the subsets, what each reconstructs and the density its samples are weighed against.
 */
public interface MultiViewObjective {
    MultiViewObjective ELBO = new MultiViewElbo();

    /** The loss terms per pair of a batch; the total is what the optimiser minimises. */
    LossTerms loss(MultiViewBlock block, ParameterStore store, Posterior posterior, Views views, boolean training);

    /** Samples per pair and subset (1 for the ELBO). */
    int samples();

    /** A short tag for model names ("" for the ELBO). */
    String tag();

    /** Everything that determines what it computes, for cache keys. */
    String key();
}
