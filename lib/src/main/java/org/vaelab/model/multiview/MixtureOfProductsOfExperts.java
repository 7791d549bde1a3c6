package org.vaelab.model.multiview;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.vaelab.loss.Losses;
import org.vaelab.model.Experts;

import java.util.List;


/**
 * MoPoE (Sutter et al., 2021): the mixture, over the subsets {1}, {2} and {1, 2}, of each subset's
 * product of experts (with the prior expert, which keeps each product proper); every subset's sample
 * reconstructs both views:
 * <pre>
 *   L = ⅓ Σ_{S ∈ {1, 2, 12}} [ Σ_u λ_u·(−log p(x_u|z_S)) + KL(q_S ‖ p) ],   z_S ~ q_S = p·Π_{v∈S} q_v
 * </pre>
 */
public final class MixtureOfProductsOfExperts implements Posterior {
    private static final List<int[]> SUBSETS = List.of(new int[] {0}, new int[] {1}, new int[] {0, 1});

    @Override
    public String tag() {
        return "mixture-of-products";
    }

    @Override
    public List<int[]> subsets() {
        return SUBSETS;
    }

    @Override
    public NDList joint(NDList[] experts, int[] subset) {
        return ProductOfExperts.productOf(experts, subset);
    }

    /** The mixture ⅓ Σ_S q_S of the three products, whichever component drew the sample. */
    @Override
    public NDArray logDensity(NDArray z, NDList[] experts, List<NDList> joints, int s) {
        NDList mus = new NDList();
        NDList logVars = new NDList();
        for (NDList joint : joints) {
            mus.add(joint.get(0).expandDims(0));
            logVars.add(joint.get(1).expandDims(0));
        }
        return Experts.mixtureLogDensity(z, NDArrays.concat(mus, 0), NDArrays.concat(logVars, 0));
    }

    /** KL(q_S ‖ p) of the component that drew the sample, in closed form (MoPoE's objective). */
    @Override
    public NDArray elboKl(MultiViewOutput out, int s) {
        return Losses.gaussianKl(out.subsets().get(s).mu(), out.subsets().get(s).logVar());
    }
}
