package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a function gave for one input, read back into plain Java: one or more named parts (an NDList's
 * arrays, or a single number), each with its shape and its values in double precision.
 */
final class Answer {
    /** One array of the answer: its name in messages ("μ", "log σ²", or "" for a lone result), shape and values. */
    record Part(String name, long[] shape, double[] values) {
        boolean isScalar() {
            return values.length == 1;
        }

        String shapeText() {
            if (shape.length == 0) {
                return "() (one number)";
            }
            StringBuilder text = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                text.append(i == 0 ? "" : ", ").append(shape[i]);
            }
            return text.append(")").toString();
        }
    }

    private final List<Part> parts;

    private Answer(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** An answer read back from a recording ({@link Recording}). */
    static Answer ofParts(List<Part> parts) {
        return new Answer(parts);
    }

    static Answer of(NDArray array) {
        return of(new String[] {""}, new NDList(array));
    }

    /** The arrays of a list, named in order; a list of another length is read as it is, its parts named by position. */
    static Answer of(String[] names, NDList list) {
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            parts.add(part(i < names.length ? names[i] : "array " + (i + 1), list.get(i)));
        }
        return new Answer(parts);
    }

    static Answer of(double value) {
        return new Answer(List.of(new Part("", new long[0], new double[] {value})));
    }

    private static Part part(String name, NDArray array) {
        if (array == null) {
            throw new NullPointerException("the result" + (name.isEmpty() ? "" : " " + name) + " is null");
        }
        float[] floats = array.toType(DataType.FLOAT32, false).toFloatArray();
        double[] values = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            values[i] = floats[i];
        }
        return new Part(name, array.getShape().getShape(), values);
    }

    List<Part> parts() {
        return parts;
    }

    /**
     * Whether {@code other} has the same parts, shapes and values within |a − b| ≤ atol + rtol·|a| (this being
     * the expected answer a). A one-element part matches any one-element shape; NaN matches NaN and an infinity
     * the same infinity, so that a wrong answer can be recognised by its NaN.
     */
    boolean agrees(Answer other, double rtol, double atol) {
        if (other.parts.size() != parts.size()) {
            return false;
        }
        for (int p = 0; p < parts.size(); p++) {
            if (firstDifference(parts.get(p), other.parts.get(p), rtol, atol) != NO_DIFFERENCE) {
                return false;
            }
        }
        return true;
    }

    static final int NO_DIFFERENCE = -1;
    static final int SHAPES_DIFFER = -2;

    /** The index of the first value where {@code got} differs from {@code expected}, or NO_DIFFERENCE, or SHAPES_DIFFER. */
    static int firstDifference(Part expected, Part got, double rtol, double atol) {
        boolean bothScalars = expected.isScalar() && got.isScalar();
        if (!bothScalars && !Arrays.equals(expected.shape(), got.shape())) {
            return SHAPES_DIFFER;
        }
        for (int i = 0; i < expected.values().length; i++) {
            if (!close(expected.values()[i], got.values()[i], rtol, atol)) {
                return i;
            }
        }
        return NO_DIFFERENCE;
    }

    static boolean close(double expected, double got, double rtol, double atol) {
        if (Double.isNaN(expected) || Double.isNaN(got)) {
            return Double.isNaN(expected) && Double.isNaN(got);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(got)) {
            return expected == got;
        }
        return Math.abs(got - expected) <= atol + rtol * Math.abs(expected);
    }

    /** At most {@code max} values, as "[0.5, −1.25, …]" ("0.5" for a single number). */
    static String values(double[] values, int max) {
        if (values.length == 1) {
            return number(values[0]);
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < Math.min(max, values.length); i++) {
            text.append(i == 0 ? "" : ", ").append(number(values[i]));
        }
        return text.append(values.length > max ? ", …]" : "]").toString();
    }

    /** Six significant digits, NaN and ∞ by name. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e7) {
            return String.valueOf((long) value);
        }
        String text = String.format(Locale.ROOT, "%.6g", value);
        if (text.contains("e")) {
            return text.replaceFirst("\\.?0+e", "e");
        }
        return text.contains(".") ? text.replaceFirst("\\.?0+$", "") : text;
    }

    /** Whether any value is NaN or infinite. */
    boolean hasNonFinite() {
        return parts.stream().flatMapToDouble(p -> Arrays.stream(p.values())).anyMatch(v -> !Double.isFinite(v));
    }
}
