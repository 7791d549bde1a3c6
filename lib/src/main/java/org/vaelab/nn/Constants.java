package org.vaelab.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant, safe inside a gradient collector on both engines.
 *
 * <p>Why not {@code x.mul(0.5)}: DJL's PyTorch engine (0.35.1) turns the number into a tensor over
 * a Java direct buffer and closes that tensor right after the operation. Autograd still holds it for
 * the backward pass of a product, quotient, power or maximum, and once the garbage collector has
 * freed the buffer, the backward pass reads freed memory: in a probe, 199 of 200 gradients of
 * x · 0.5 were wrong after a collection, and seeded PyTorch runs drifted apart. Here, on PyTorch, the
 * constant is made by the engine itself ({@code full}), so PyTorch owns its memory; the product is
 * the same, bit for bit. MXNet passes constants to its operators by value, so there the plain
 * operation is kept, with the number as given.
 */
public final class Constants {
    private Constants() {
    }

    /** x · c */
    public static NDArray times(NDArray x, Number c) {
        return needsOwnedConstant(x) ? x.mul(constant(x, c)) : x.mul(c);
    }

    /** x / c */
    public static NDArray dividedBy(NDArray x, Number c) {
        return needsOwnedConstant(x) ? x.div(constant(x, c)) : x.div(c);
    }

    /** max(x, c), element by element */
    public static NDArray atLeast(NDArray x, Number c) {
        return needsOwnedConstant(x) ? x.maximum(constant(x, c)) : x.maximum(c);
    }

    /** x^c, element by element */
    public static NDArray power(NDArray x, Number c) {
        return needsOwnedConstant(x) ? x.pow(constant(x, c)) : x.pow(c);
    }

    private static boolean needsOwnedConstant(NDArray x) {
        return "PyTorch".equals(x.getManager().getEngine().getEngineName());
    }

    /** A 0-d array of x's type, made by the engine and freed with x's manager. */
    private static NDArray constant(NDArray x, Number c) {
        return x.getManager().full(new Shape(), c.floatValue(), x.getDataType());
    }
}
