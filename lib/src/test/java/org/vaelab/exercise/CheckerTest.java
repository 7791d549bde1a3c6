package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The check itself, on a made-up exercise: three times a pair (1, 2), which is (3, 6). */
@Tag("engines")
class CheckerTest {
    private static Checker<Function<NDArray, NDArray>> timesThree() {
        return new Checker<Function<NDArray, NDArray>>("99.1", "three times", x -> x.mul(3))
                .input("the pair (1, 2)", (f, m) -> Answer.of(f.apply(m.create(new float[] {1f, 2f}, new Shape(2)))))
                .shapeHint("Keep the shape of x.")
                .mistake("you added three instead of multiplying by it.", x -> x.add(3));
    }

    private static String check(Function<NDArray, NDArray> f) {
        return timesThree().check(f).message();
    }

    @Test
    void aRightAnswerPassesAndNamesItsInputs() {
        assertEquals("Exercise 99.1 passed: your function agrees with three times on 1 input:\nthe pair (1, 2).", check(x -> x.add(x).add(x)));
    }

    @Test
    void aKnownMistakeGetsItsOwnHint() {
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), expected [3, 6], got [4, 5].\nHint: you added three instead of multiplying by it.",
                check(x -> x.add(3)));
    }

    @Test
    void otherWrongAnswersGetAHintFromHowTheyDiffer() {
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), expected [3, 6], got [6, 12].\n"
                + "Hint: your result is twice the expected value: a factor ½ missing?", check(x -> x.mul(6)));
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), expected [3, 6], got [1.5, 3].\n"
                + "Hint: your result is half the expected value: a factor ½ too many, or a factor 2 missing?", check(x -> x.mul(1.5)));
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), expected [3, 6], got [-3, -6].\n"
                + "Hint: your result has the opposite sign of the expected value: check the signs of the terms.", check(x -> x.mul(-3)));
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), expected [3, 6], got [4, 7].\n"
                + "Hint: your result is off by the same amount, 1, everywhere: a constant term differs.", check(x -> x.mul(3).add(1)));
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), expected [3, 6], got [12, 24].\n"
                + "Hint: your result is 4 times the expected value everywhere: a constant factor differs.", check(x -> x.mul(12)));
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), expected shape (2), got shape () (one number).\n"
                + "Hint: your result should have shape (2). Keep the shape of x.", check(x -> x.mul(3).sum()));
        String nan = check(x -> x.mul(3).add(x.sub(1).log().mul(0)));
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), expected [3, 6], got [NaN, 6].\n"
                + "Hint: your result is NaN or infinite where the expected value is finite: for the pair (1, 2), a step of your formula "
                + "overflows or underflows in float32 (largest float ≈ 3.4·10³⁸, smallest ≈ 1.4·10⁻⁴⁵). Rewrite it so that no "
                + "intermediate value gets that large or that small.", nan);
    }

    @Test
    void aSingleNumberIsNotReadAsAFactorOrAnOffset() {
        Checker<Function<NDArray, NDArray>> sum = new Checker<Function<NDArray, NDArray>>("99.2", "the sum", NDArray::sum)
                .input("the pair (1, 2)", (f, m) -> Answer.of(f.apply(m.create(new float[] {1f, 2f}, new Shape(2)))));
        assertEquals("Exercise 99.2 failed: for the pair (1, 2), expected 3, got 2.\nHint: your result differs from the library's for the "
                + "pair (1, 2): compare your formula with the one above, term by term.", sum.check(x -> x.max()).message());
        assertEquals("Exercise 99.2 failed: for the pair (1, 2), expected 3, got 6.\nHint: your result is twice the expected value: a factor "
                + "½ missing?", sum.check(x -> x.sum().mul(2)).message());
    }

    @Test
    void anInputTheLibraryCannotTakeIsLeftOutAndTheRestIsChecked() {
        Checker<Function<NDArray, NDArray>> checker = timesThree()
                .input("an input the library refuses", (f, m) -> {
                    throw new IllegalStateException("no such input on this engine");
                })
                .otherwise("look again.");
        assertEquals("Exercise 99.1 passed: your function agrees with three times on 1 input:\nthe pair (1, 2).",
                checker.check(x -> x.mul(3)).message());
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), expected [3, 6], got [3, 7].\nHint: your result differs from the "
                + "library's for the pair (1, 2): look again.", checker.check(x -> x.mul(x).add(x).add(1)).message());
    }

    @Test
    void aStubIsNotDoneYetAndAThrowingFunctionFails() {
        assertEquals("Exercise 99.1 not done yet: in the cell above, replace throw new Exercise.NotDone(); with your code and run it, then run this check again.",
                check(x -> {
                    throw new Exercise.NotDone();
                }));
        assertEquals("Exercise 99.1 failed: for the pair (1, 2), your code threw ArithmeticException (/ by zero).\n"
                + "Hint: run your function by hand on small arrays and look at each step.", check(x -> x.mul(1 / (int) (x.getShape().get(0) - 2))));
    }
}
