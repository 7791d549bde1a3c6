package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.vaelab.loss.Losses;
import org.vaelab.model.Experts;

import java.util.List;

/**
 * MVAE (Wu and Goodman, 2018): the posterior of any subset S of views is the product of its experts
 * with the prior, q_S(z|x_S) ∝ p(z) Π_{v∈S} q_v(z|x_v), and the objective adds the ELBO of the pair to
 * the ELBO of each view alone, each view's terms reconstructing only the views it saw:
 * <pre>
 *   L = Σ_{S ∈ {12, 1, 2}} [ Σ_{v∈S} λ_v·(−log p(x_v|z_S)) + KL(q_S ‖ p) ],   z_S ~ q_S
 * </pre>
 * Cross-generation decodes z ~ q_1 alone, a posterior that never had to explain view 2 in training.
 */
public final class ProductOfExperts implements Posterior {
    private static final List<int[]> SUBSETS = List.of(new int[] {0, 1}, new int[] {0}, new int[] {1});

    /**
     * The product of the experts of {@code subset} with the prior N(0, I) as one more expert
     * ({@link Experts#productOfExperts}): the joint of MVAE and each component of MoPoE.
     */
    public static NDList productOf(NDList[] experts, int[] subset) {
        NDList mus = new NDList();
        NDList logVars = new NDList();
        for (int v : subset) {
            mus.add(experts[v].get(0).expandDims(0));
            logVars.add(experts[v].get(1).expandDims(0));
        }
        NDArray stackedMus = mus.size() == 1 ? mus.get(0) : mus.get(0).concat(mus.get(1), 0);
        NDArray stackedLogVars = logVars.size() == 1 ? logVars.get(0) : logVars.get(0).concat(logVars.get(1), 0);
        return Experts.productOfExperts(stackedMus, stackedLogVars);
    }

    @Override
    public String tag() {
        return "product";
    }

    @Override
    public List<int[]> subsets() {
        return SUBSETS;
    }

    @Override
    public NDList joint(NDList[] experts, int[] subset) {
        return productOf(experts, subset);
    }

    @Override
    public int[] reconstructs(int s) {
        return SUBSETS.get(s);
    }

    @Override
    public boolean averaged() {
        return false;
    }

    /** Each subset's sample against its own product q_S (MVAE's objective is a sum of per-subset bounds). */
    @Override
    public NDArray logDensity(NDArray z, NDList[] experts, List<NDList> joints, int s) {
        return Losses.logNormal(z, joints.get(s).get(0), joints.get(s).get(1));
    }

    /** KL(q_S ‖ p) in closed form: q_S is a Gaussian. */
    @Override
    public NDArray elboKl(MultiViewOutput out, int s) {
        return Losses.gaussianKl(out.subsets().get(s).mu(), out.subsets().get(s).logVar());
    }
}
