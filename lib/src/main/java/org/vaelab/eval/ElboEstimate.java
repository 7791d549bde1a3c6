package org.vaelab.eval;

/** Averages per image over a dataset: −ELBO (the loss), its reconstruction term and its KL term, in nats. */
public record ElboEstimate(double loss, double reconstruction, double kl, int images) {
    public double elbo() {
        return -loss;
    }
}
