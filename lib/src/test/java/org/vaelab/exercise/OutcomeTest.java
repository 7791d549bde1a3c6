package org.vaelab.exercise;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An outcome shows as its message, whose first words grading reads. */
class OutcomeTest {
    @Test
    void anOutcomeShowsAsItsMessage() {
        Outcome outcome = new Outcome("01.1", Outcome.Status.FAILED, "Exercise 01.1 failed: for …");
        assertEquals("Exercise 01.1 failed: for …", outcome.toString());
    }

    @Test
    void theStatesAreNamedAsTheCheckLineWritesThem() {
        assertEquals("passed", Outcome.Status.PASSED.words());
        assertEquals("failed", Outcome.Status.FAILED.words());
        assertEquals("not done yet", Outcome.Status.NOT_DONE.words());
    }
}
