package org.vaelab.eval;

/**
 * A linear map between two latent spaces trained apart, fitted by least squares from N pairs of codes (lab 07): with
 * X = [A 1] the source codes and a column of ones (N × (d + 1)) and B the target codes (N × d'),
 * <pre>
 *   W = argmin ‖X W − B‖² + λ ‖W_A‖²  =  (XᵀX + λ D)⁻¹ Xᵀ B,   D = diag(1, …, 1, 0)
 * </pre>
 * The ridge λ (not on the bias row) keeps the solution unique when there are fewer pairs than dimensions (N = 10
 * pairs of 20-d codes). Solved in double precision by Gaussian elimination with partial pivoting.
 */
public final class LatentMap {
    private LatentMap() {
    }

    /** W, (d + 1) × d': rows 0 … d − 1 weigh the source code's dimensions, row d is the bias. */
    public static double[][] fit(double[][] source, double[][] target, double ridge) {
        if (source.length != target.length || source.length == 0) {
            throw new IllegalArgumentException("need as many target codes as source codes, at least one: got " + source.length + " and "
                    + target.length);
        }
        if (!(ridge >= 0)) {
            throw new IllegalArgumentException("the ridge must be 0 or more, got " + ridge);
        }
        int n = source.length;
        int d = source[0].length + 1;
        int out = target[0].length;
        double[][] gram = new double[d][d];
        double[][] right = new double[d][out];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double xa = a < d - 1 ? source[i][a] : 1;
                for (int b = 0; b < d; b++) {
                    gram[a][b] += xa * (b < d - 1 ? source[i][b] : 1);
                }
                for (int c = 0; c < out; c++) {
                    right[a][c] += xa * target[i][c];
                }
            }
        }
        for (int a = 0; a < d - 1; a++) {
            gram[a][a] += ridge;
        }
        return solve(gram, right);
    }

    /** The source codes mapped: [A 1] W, one row per code. */
    public static double[][] apply(double[][] w, double[][] source) {
        int d = w.length - 1;
        int out = w[0].length;
        double[][] mapped = new double[source.length][out];
        for (int i = 0; i < source.length; i++) {
            for (int c = 0; c < out; c++) {
                double sum = w[d][c];
                for (int a = 0; a < d; a++) {
                    sum += source[i][a] * w[a][c];
                }
                mapped[i][c] = sum;
            }
        }
        return mapped;
    }

    /** M⁻¹ R for a square M, by Gaussian elimination with partial pivoting; a singular M is an error that says so. */
    static double[][] solve(double[][] m, double[][] r) {
        int d = m.length;
        int out = r[0].length;
        double[][] a = new double[d][];
        double[][] b = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = m[i].clone();
            b[i] = r[i].clone();
        }
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int row = col + 1; row < d; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                throw new IllegalArgumentException("the least-squares system is singular (fewer independent pairs than dimensions): "
                        + "give a ridge λ > 0");
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            t = b[col];
            b[col] = b[pivot];
            b[pivot] = t;
            for (int row = 0; row < d; row++) {
                if (row == col) {
                    continue;
                }
                double f = a[row][col] / a[col][col];
                if (f == 0) {
                    continue;
                }
                for (int k = col; k < d; k++) {
                    a[row][k] -= f * a[col][k];
                }
                for (int k = 0; k < out; k++) {
                    b[row][k] -= f * b[col][k];
                }
            }
        }
        double[][] x = new double[d][out];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < out; k++) {
                x[i][k] = b[i][k] / a[i][i];
            }
        }
        return x;
    }
}
