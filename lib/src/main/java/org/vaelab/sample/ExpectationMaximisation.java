package org.vaelab.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** EM for a mixture of full-covariance Gaussians, started from k-means++ and a few k-means steps. */
final class ExpectationMaximisation {
    private static final int MAX_ITERATIONS = 300;
    private static final double TOLERANCE = 1e-7;
    private static final double RIDGE = 1e-6;

    private ExpectationMaximisation() {
    }

    static List<GaussianMixtureSampler.Component> fit(double[][] x, int k, SplittableRandom random) {
        int n = x.length;
        int d = x[0].length;
        double[][] means = kMeans(x, k, random);
        double[][][] covariances = new double[k][][];
        double[] weights = new double[k];
        double[][] overall = covariance(x, mean(x));
        for (int c = 0; c < k; c++) {
            covariances[c] = overall;
            weights[c] = 1.0 / k;
        }
        double[][] r = new double[n][k];
        double previous = Double.NEGATIVE_INFINITY;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            // E-step: responsibilities r_ic ∝ w_c N(x_i; μ_c, Σ_c), in logs.
            double logLikelihood = 0;
            double[][][] factors = new double[k][][];
            double[] logNormalisers = new double[k];
            for (int c = 0; c < k; c++) {
                factors[c] = GaussianMixtureSampler.cholesky(covariances[c], 1);
                double logDet = 0;
                for (int j = 0; j < d; j++) {
                    logDet += 2 * Math.log(factors[c][j][j]);
                }
                logNormalisers[c] = Math.log(weights[c]) - 0.5 * (d * Math.log(2 * Math.PI) + logDet);
            }
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    r[i][c] = logNormalisers[c] - 0.5 * mahalanobis(x[i], means[c], factors[c]);
                    max = Math.max(max, r[i][c]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    r[i][c] = Math.exp(r[i][c] - max);
                    sum += r[i][c];
                }
                for (int c = 0; c < k; c++) {
                    r[i][c] /= sum;
                }
                logLikelihood += max + Math.log(sum);
            }
            // M-step: weights, means and covariances from the responsibilities.
            for (int c = 0; c < k; c++) {
                double total = 0;
                double[] mu = new double[d];
                for (int i = 0; i < n; i++) {
                    total += r[i][c];
                    for (int j = 0; j < d; j++) {
                        mu[j] += r[i][c] * x[i][j];
                    }
                }
                total = Math.max(total, 1e-12);
                for (int j = 0; j < d; j++) {
                    mu[j] /= total;
                }
                double[][] sigma = new double[d][d];
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < d; a++) {
                        double da = x[i][a] - mu[a];
                        for (int b = 0; b <= a; b++) {
                            sigma[a][b] += r[i][c] * da * (x[i][b] - mu[b]);
                        }
                    }
                }
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b <= a; b++) {
                        sigma[a][b] /= total;
                        sigma[b][a] = sigma[a][b];
                    }
                    sigma[a][a] += RIDGE;
                }
                weights[c] = total / n;
                means[c] = mu;
                covariances[c] = sigma;
            }
            if (Math.abs(logLikelihood - previous) <= TOLERANCE * Math.abs(logLikelihood)) {
                break;
            }
            previous = logLikelihood;
        }
        List<GaussianMixtureSampler.Component> components = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            components.add(new GaussianMixtureSampler.Component(weights[c], means[c], covariances[c]));
        }
        return components;
    }

    /** (x − μ)ᵀ Σ⁻¹ (x − μ) through the Cholesky factor L of Σ: ‖L⁻¹(x − μ)‖². */
    private static double mahalanobis(double[] x, double[] mu, double[][] l) {
        int d = x.length;
        double[] y = new double[d];
        double sum = 0;
        for (int i = 0; i < d; i++) {
            double v = x[i] - mu[i];
            for (int j = 0; j < i; j++) {
                v -= l[i][j] * y[j];
            }
            y[i] = v / l[i][i];
            sum += y[i] * y[i];
        }
        return sum;
    }

    /** k-means++ seeding followed by 20 Lloyd steps. */
    private static double[][] kMeans(double[][] x, int k, SplittableRandom random) {
        int n = x.length;
        double[][] centres = new double[k][];
        centres[0] = x[random.nextInt(n)].clone();
        double[] nearest = new double[n];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Double.MAX_VALUE;
                for (int j = 0; j < c; j++) {
                    nearest[i] = Math.min(nearest[i], squared(x[i], centres[j]));
                }
                total += nearest[i];
            }
            double u = random.nextDouble() * total;
            int chosen = 0;
            while (chosen < n - 1 && (u -= nearest[chosen]) > 0) {
                chosen++;
            }
            centres[c] = x[chosen].clone();
        }
        int d = x[0].length;
        for (int step = 0; step < 20; step++) {
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (double[] row : x) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (squared(row, centres[c]) < squared(row, centres[best])) {
                        best = c;
                    }
                }
                counts[best]++;
                for (int j = 0; j < d; j++) {
                    sums[best][j] += row[j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centres[c][j] = sums[c][j] / counts[c];
                    }
                }
            }
        }
        return centres;
    }

    private static double squared(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double v = a[j] - b[j];
            s += v * v;
        }
        return s;
    }

    static double[] mean(double[][] x) {
        double[] mu = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j] / x.length;
            }
        }
        return mu;
    }

    /** The maximum-likelihood covariance (divided by n) with a tiny ridge. */
    static double[][] covariance(double[][] x, double[] mu) {
        int d = mu.length;
        double[][] sigma = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    sigma[a][b] += (row[a] - mu[a]) * (row[b] - mu[b]) / x.length;
                }
            }
        }
        for (int a = 0; a < d; a++) {
            sigma[a][a] += RIDGE;
        }
        return sigma;
    }
}
