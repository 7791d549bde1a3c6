package org.vaelab.exercise;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading answers back, comparing them and writing them in messages. */
@Tag("engines")
class AnswerTest {
    @Test
    void anArrayIsReadBackWithItsShapeAndAListWithItsNames() {
        try (NDManager m = NDManager.newBaseManager()) {
            Answer one = Answer.of(m.create(new float[] {1.5f, -2f, 0.25f, 4f}, new Shape(2, 2)));
            assertArrayEquals(new long[] {2, 2}, one.parts().get(0).shape());
            assertArrayEquals(new double[] {1.5, -2, 0.25, 4}, one.parts().get(0).values());
            Answer two = Answer.of(new String[] {"μ", "log σ²"}, new NDList(m.create(new float[] {1f}), m.create(new float[] {2f, 3f})));
            assertEquals("μ", two.parts().get(0).name());
            assertEquals("log σ²", two.parts().get(1).name());
            assertEquals("(2)", two.parts().get(1).shapeText());
        }
    }

    @Test
    void valuesAgreeWithinTheRelativeAndAbsoluteTolerance() {
        assertTrue(Answer.close(100, 100.005, 1e-4, 0));
        assertFalse(Answer.close(100, 100.02, 1e-4, 0));
        assertTrue(Answer.close(0, 1e-6, 1e-4, 1e-5));
        assertTrue(Answer.close(Double.NaN, Double.NaN, 0, 0));
        assertFalse(Answer.close(1, Double.NaN, 1, 1));
        assertTrue(Answer.close(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0));
        assertFalse(Answer.close(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, 0));
    }

    @Test
    void aSingleNumberMatchesAnyOneElementShapeButOtherShapesDiffer() {
        Answer.Part scalar = new Answer.Part("", new long[0], new double[] {2});
        Answer.Part one = new Answer.Part("", new long[] {1}, new double[] {2});
        Answer.Part row = new Answer.Part("", new long[] {2}, new double[] {2, 3});
        Answer.Part column = new Answer.Part("", new long[] {2, 1}, new double[] {2, 3});
        assertEquals(Answer.NO_DIFFERENCE, Answer.firstDifference(scalar, one, 0, 0));
        assertEquals(Answer.SHAPES_DIFFER, Answer.firstDifference(row, column, 0, 0));
        assertEquals(1, Answer.firstDifference(row, new Answer.Part("", new long[] {2}, new double[] {2, 4}), 0, 0));
        assertEquals("() (one number)", scalar.shapeText());
        assertEquals("(2, 1)", column.shapeText());
    }

    @Test
    void numbersAreWrittenWithSixSignificantDigits() {
        assertEquals("3", Answer.number(3));
        assertEquals("0.5", Answer.number(0.5));
        assertEquals("1.23457", Answer.number(1.2345678));
        assertEquals("-120.665", Answer.number(-120.6654));
        assertEquals("1.07e+13", Answer.number(1.07e13));
        assertEquals("NaN", Answer.number(Double.NaN));
        assertEquals("-∞", Answer.number(Double.NEGATIVE_INFINITY));
        assertEquals("[1, 2, 3, …]", Answer.values(new double[] {1, 2, 3, 4}, 3));
        assertEquals("0.25", Answer.values(new double[] {0.25}, 3));
    }
}
