package org.vaelab.eval;

import smile.classification.LogisticRegression;

/**
 * How much of the label a latent code carries linearly: multinomial logistic regression (Smile) fitted
 * on training codes, its accuracy measured on test codes.
 */
public final class LinearProbe {
    private LinearProbe() {
    }

    public static double accuracy(double[][] trainCodes, int[] trainLabels, double[][] testCodes, int[] testLabels) {
        if (trainCodes.length != trainLabels.length || testCodes.length != testLabels.length) {
            throw new IllegalArgumentException("codes and labels differ in number: " + trainCodes.length + "/" + trainLabels.length
                    + " and " + testCodes.length + "/" + testLabels.length);
        }
        LogisticRegression probe = LogisticRegression.fit(trainCodes, trainLabels);
        int correct = 0;
        for (int i = 0; i < testCodes.length; i++) {
            correct += probe.predict(testCodes[i]) == testLabels[i] ? 1 : 0;
        }
        return correct / (double) testCodes.length;
    }
}
