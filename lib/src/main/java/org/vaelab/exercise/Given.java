package org.vaelab.exercise;

/**
 * What a student's function gave for one input of a check: an answer, "not done yet" (the student edition's stub),
 * what it threw, or no function at all. Plain data, so that it can be written down in the student's run and judged
 * again by the grader, in a JVM that runs no student code.
 *
 * @param kind      which of the four it is
 * @param answer    the answer, for {@link Kind#ANSWER}; null otherwise
 * @param exception the simple name of what was thrown, for {@link Kind#THREW}; "" otherwise
 * @param message   the exception's message (stripped, at most {@value #MAX_MESSAGE} characters), for {@link Kind#THREW}; "" otherwise
 */
record Given(Kind kind, Answer answer, String exception, String message) {
    enum Kind { ANSWER, NOT_DONE, THREW, MISSING }

    static final int MAX_MESSAGE = 2000;

    Given {
        if ((kind == Kind.ANSWER) != (answer != null)) {
            throw new IllegalArgumentException("an answer goes with kind ANSWER, and only there");
        }
        exception = exception == null ? "" : exception;
        message = message == null ? "" : message.strip();
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE);
        }
    }

    static Given answer(Answer answer) {
        return new Given(Kind.ANSWER, answer, "", "");
    }

    static Given notDone() {
        return new Given(Kind.NOT_DONE, null, "", "");
    }

    static Given missing() {
        return new Given(Kind.MISSING, null, "", "");
    }

    static Given threw(Throwable e) {
        return new Given(Kind.THREW, null, e.getClass().getSimpleName(), e.getMessage());
    }

    /** "IllegalArgumentException (its message's first line, at most 200 characters)", as a failed check names it. */
    String thrown() {
        String line = message;
        int end = line.indexOf('\n');
        if (end >= 0) {
            line = line.substring(0, end);
        }
        if (line.length() > 200) {
            line = line.substring(0, 200) + "…";
        }
        return exception + (line.isEmpty() ? "" : " (" + line + ")");
    }
}
