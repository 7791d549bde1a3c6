package org.vaelab.exercise;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every exercise's tests assert of its checker: the library passes, each typical mistake fails with its own hint, a stub is not done. */
final class Verdicts {
    private Verdicts() {
    }

    static <S> void theLibraryPasses(Checker<S> checker) {
        Outcome outcome = checker.check(checker.reference());
        assertEquals(Outcome.Status.PASSED, outcome.status(), outcome.message());
        assertTrue(outcome.message().startsWith("Exercise " + checker.id() + " passed: your function agrees with "), outcome.message());
    }

    static <S> void everyMistakeFailsWithItsOwnHint(Checker<S> checker) {
        assertTrue(checker.mistakes().size() >= 3, checker.id() + " knows at least three typical mistakes");
        for (Checker.Mistake<S> mistake : checker.mistakes()) {
            Outcome outcome = checker.check(mistake.function());
            assertEquals(Outcome.Status.FAILED, outcome.status(), outcome.message());
            assertTrue(outcome.message().startsWith("Exercise " + checker.id() + " failed: for "), outcome.message());
            assertTrue(outcome.message().endsWith("\nHint: " + mistake.hint()), "expected the hint '" + mistake.hint() + "', got:\n"
                    + outcome.message());
        }
    }

    /** The student edition's stub, as the functional interface the exercise takes: every call throws NotDone. */
    @SuppressWarnings("unchecked")
    static <S> void aStubIsNotDoneYet(Checker<S> checker) {
        Class<?> type = checker.reference().getClass().getInterfaces()[0];
        S stub = (S) Proxy.newProxyInstance(Verdicts.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "stub" : method.getName().equals("hashCode") ? 0 : proxy == args[0];
            }
            throw new Exercise.NotDone();
        });
        Outcome outcome = checker.check(stub);
        assertEquals(Outcome.Status.NOT_DONE, outcome.status(), outcome.message());
        assertTrue(outcome.message().startsWith("Exercise " + checker.id() + " not done yet: "), outcome.message());
    }

    /** The library's answer on the checker's {@code index}-th input, read back as numbers. */
    static <S> double[] libraryAnswer(Checker<S> checker, int index, int part) {
        Checker.Case<S> c = checker.cases().get(index);
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            return c.run().apply(checker.reference(), manager).parts().get(part).values();
        }
    }

    /** Any function's answer on the checker's {@code index}-th input. */
    static <S> Answer answer(Checker<S> checker, S function, int index) {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager()) {
            return checker.cases().get(index).run().apply(function, manager);
        }
    }
}
