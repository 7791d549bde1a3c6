package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.vaelab.eval.Separation;
import org.vaelab.loss.Losses;


import static org.vaelab.exercise.Inputs.array;
import static org.vaelab.exercise.Inputs.matrix;
import static org.vaelab.exercise.Inputs.rows;
import static org.vaelab.exercise.Inputs.normal;

/** Lab 04's exercises: the centre loss, and the class separation B/W of a latent space. */
final class Lab04 {
    private Lab04() {
    }

    // ---- 04.1 ----

    private static NDArray libraryLoss(NDArray mu, NDArray centres, int[] labels) {
        return Losses.centreLoss(mu, centres.get(new NDIndex("{}", mu.getManager().create(labels))));
    }

    private static Checker.Run<Function3<NDArray, NDArray, int[], NDArray>> codes(float[] mu, long n, long d, float[] centres, long classes,
                                                                                   int[] labels) {
        return (f, m) -> Answer.of(f.apply(array(m, mu, n, d), array(m, centres, classes, d), labels.clone()));
    }

    private static Checker.Run<Function3<NDArray, NDArray, int[], NDArray>> codes(long seed, long n, long d, long classes, int[] labels) {
        return codes(normal(seed, (int) (n * d), 0, 2), n, d, normal(seed + 1, (int) (classes * d), 0, 2), classes, labels);
    }

    static Checker<Function3<NDArray, NDArray, int[], NDArray>> centreLoss() {
        float[] centres = normal(131, 12, 0, 2);
        float[] atCentres = {centres[6], centres[7], centres[0], centres[1], centres[6], centres[7]};
        return new Checker<Function3<NDArray, NDArray, int[], NDArray>>("04.1", "Losses.centreLoss", Lab04::libraryLoss)
                .input("8 codes of 6 dimensions and 10 class centres, labels drawn at random", codes(121, 8, 6, 10, Inputs.labels(123, 8, 10)))
                .input("10 codes labelled 9, 8, …, 0", codes(124, 10, 3, 10, new int[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}))
                .input("a one-row batch, label 7", codes(126, 1, 6, 10, new int[] {7}))
                .input("every code of class 2", codes(128, 5, 4, 10, new int[] {2, 2, 2, 2, 2}))
                .input("codes exactly at their class centres (loss 0)", codes(atCentres, 3, 2, centres, 6, new int[] {3, 0, 3}))
                .shapeHint("One loss per row: sum the squared differences over the latent dimensions, .sum(new int[] {1}), shape (n).")
                .mistake("each code is pulled to the centre of its own class, centres[labels[i]], not to centres[i].",
                        (mu, c, labels) -> {
                            int[] byRow = new int[labels.length];
                            java.util.Arrays.setAll(byRow, i -> i % (int) c.getShape().get(0));
                            return libraryLoss(mu, c, byRow);
                        })
                .mistake("the centre loss is the squared distance ‖μ − c_y‖²: no square root.",
                        (mu, c, labels) -> libraryLoss(mu, c, labels).sqrt())
                .mistake("sum over the latent dimensions: a mean divides by their number.",
                        (mu, c, labels) -> libraryLoss(mu, c, labels).div(mu.getShape().get(1)))
                .mistake("the difference is squared before the sum: Σ_i (μ_i − c_{y,i})², not (Σ_i (μ_i − c_{y,i}))².",
                        (mu, c, labels) -> mu.sub(c.get(new NDIndex("{}", mu.getManager().create(labels)))).sum(new int[] {1}).square());
    }

    // ---- 04.2 ----

    /** The library's B/W (Separation.ratio) from the codes, each code's class mean and the class means. */
    private static NDArray libraryRatio(NDArray codes, NDArray own, NDArray means) {
        return codes.getManager().create((float) Separation.ratio(rows(codes), rows(own), rows(means)));
    }

    /** B/W in NDArrays with one step changed, for the mistakes: the centre from all codes, norms for squared norms, B summed. */
    private static NDArray ratio(NDArray codes, NDArray own, NDArray means, boolean centreOfAllCodes, boolean unsquared, boolean summed) {
        NDArray centre = (centreOfAllCodes ? codes : means).mean(new int[] {0}, true);
        NDArray between = means.sub(centre).square().sum(new int[] {1});
        NDArray within = codes.sub(own).square().sum(new int[] {1});
        if (unsquared) {
            between = between.sqrt();
            within = within.sqrt();
        }
        return (summed ? between.sum() : between.mean()).div(within.mean());
    }

    /** Codes in clusters, one per class: class k's centre drawn from N(0, 3²), codes around it N(0, 1). */
    private static double[][] clustered(long seed, int[] labels, int d, double scale) {
        float[] centres = normal(seed, 10 * d, 0, 3);
        float[] noise = normal(seed + 1, labels.length * d, 0, 1);
        double[][] codes = new double[labels.length][d];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < d; j++) {
                codes[i][j] = scale * (centres[labels[i] * d + j] + noise[i * d + j]);
            }
        }
        return codes;
    }

    private static Checker.Run<Function3<NDArray, NDArray, NDArray, NDArray>> latent(double[][] codes, int[] labels) {
        Separation.Means means = Separation.means(codes, labels, 10);
        return (f, m) -> Answer.of(f.apply(matrix(m, codes), matrix(m, means.own()), matrix(m, means.present())));
    }

    static Checker<Function3<NDArray, NDArray, NDArray, NDArray>> classSeparation() {
        int[] uneven = new int[60];
        for (int i = 0; i < uneven.length; i++) {
            uneven[i] = i < 50 ? 0 : i < 55 ? 1 : 2;
        }
        int[] tenClasses = Inputs.labels(141, 200, 10);
        int[] three = Inputs.labels(143, 30, 3);
        int[] sparse = three.clone();
        for (int i = 0; i < sparse.length; i++) {
            sparse[i] = new int[] {0, 3, 7}[sparse[i]];
        }
        int[] single = {0, 0, 0, 1, 1, 1, 2};
        return new Checker<Function3<NDArray, NDArray, NDArray, NDArray>>("04.2", "Separation.ratio", Lab04::libraryRatio)
                .input("six codes of three classes in the plane: (0, 0), (2, 0) | (10, 0), (12, 0) | (0, 10), (2, 10)",
                        latent(new double[][] {{0, 0}, {2, 0}, {10, 0}, {12, 0}, {0, 10}, {2, 10}}, new int[] {0, 0, 1, 1, 2, 2}))
                .input("200 codes of 6 dimensions in 10 clusters", latent(clustered(145, tenClasses, 6, 1), tenClasses))
                .input("classes of 50, 5 and 5 codes", latent(clustered(147, uneven, 3, 1), uneven))
                .input("only the classes 0, 3 and 7 present (3 class means)", latent(clustered(149, sparse, 4, 1), sparse))
                .input("a class with a single code", latent(clustered(151, single, 2, 1), single))
                .input("the 200 codes above scaled by 100 (B/W must not change)", latent(clustered(145, tenClasses, 6, 100), tenClasses))
                .tolerance(1e-4, 1e-6)
                .shapeHint("B/W is one number: B and W are each a mean of squared distances, .mean() of one value per class or per code.")
                .mistake("that is W/B; the separation is the spread between the class means over the spread within the classes, B/W.",
                        (codes, own, means) -> ratio(codes, own, means, false, false, false).pow(-1))
                .mistake("μ̄ in B is the mean of the class means, not the mean of all codes (they differ when the classes have different sizes).",
                        (codes, own, means) -> ratio(codes, own, means, true, false, false))
                .mistake("B and W are means of squared distances ‖·‖², without the square root.",
                        (codes, own, means) -> ratio(codes, own, means, false, true, false))
                .mistake("B is the mean over the K classes, (1/K) Σ_k, not their sum.",
                        (codes, own, means) -> ratio(codes, own, means, false, false, true));
    }
}
