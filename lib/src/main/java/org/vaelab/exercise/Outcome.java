package org.vaelab.exercise;

/**
 * The result of one exercise's check. Its message starts with a fixed line, the one grading reads:
 * {@code Exercise 01.1 passed}, {@code Exercise 01.1 failed} or {@code Exercise 01.1 not done yet}.
 */
public record Outcome(String id, Status status, String message) {
    /** The three states of an exercise, as its check's first line names them. */
    public enum Status {
        PASSED("passed"), FAILED("failed"), NOT_DONE("not done yet");

        private final String words;

        Status(String words) {
            this.words = words;
        }

        /** "passed", "failed" or "not done yet": what the check line says. */
        public String words() {
            return words;
        }
    }

    @Override
    public String toString() {
        return message;
    }
}
