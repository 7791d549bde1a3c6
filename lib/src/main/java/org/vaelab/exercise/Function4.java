package org.vaelab.exercise;

/** A function of four arguments, for exercises whose answer takes four inputs (java.util.function stops at two). */
@FunctionalInterface
public interface Function4<A, B, C, D, R> {
    R apply(A a, B b, C c, D d);
}
