package org.vaelab.exercise;

/** A function of three arguments, for exercises whose answer takes three inputs (java.util.function stops at two). */
@FunctionalInterface
public interface Function3<A, B, C, R> {
    R apply(A a, B b, C c);
}
