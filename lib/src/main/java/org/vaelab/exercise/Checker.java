package org.vaelab.exercise;

import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * One exercise's check: the student's function of type S against the library's (the reference) on a list of
 * inputs, each made afresh from a seed for every function, so that nothing a function does to its inputs
 * reaches the next. The first input where the two disagree is named with both answers and a hint: the hint of
 * a known mistake whose answer is the student's, else one read from how the answers differ.
 */
final class Checker<S> {
    /** Runs a function on one input, made in {@code manager}, and reads its answer back. */
    @FunctionalInterface
    interface Run<S> {
        Answer apply(S function, NDManager manager);
    }

    record Case<S>(String input, Run<S> run) {
    }

    record Mistake<S>(S function, String hint) {
    }

    private final String id;
    private final String against;
    private final S reference;
    private final List<Case<S>> cases = new ArrayList<>();
    private final List<Mistake<S>> mistakes = new ArrayList<>();
    private double rtol = 1e-4;
    private double atol = 1e-5;
    private String shapeHint = "";
    private String otherwise = "compare your formula with the one above, term by term.";
    private String zeroHint = "";

    /**
     * @param id        the exercise's number, "01.1"
     * @param against   what the reference is, for the message ("Losses.gaussianKl")
     * @param reference the library's version, of the same type as the student's
     */
    Checker(String id, String against, S reference) {
        this.id = id;
        this.against = against;
        this.reference = reference;
    }

    Checker<S> input(String description, Run<S> run) {
        cases.add(new Case<>(description, run));
        return this;
    }

    /** A typical wrong answer, written as a function, and what to tell a student whose answer is its. */
    Checker<S> mistake(String hint, S function) {
        mistakes.add(new Mistake<>(function, hint));
        return this;
    }

    Checker<S> tolerance(double relative, double absolute) {
        this.rtol = relative;
        this.atol = absolute;
        return this;
    }

    /** What to say when the answer has another shape than the expected one. */
    Checker<S> shapeHint(String hint) {
        this.shapeHint = hint;
        return this;
    }

    /** What to add when a part of the answer is zero everywhere and the expected one is not (a gradient that does not arrive). */
    Checker<S> zeroHint(String hint) {
        this.zeroHint = hint;
        return this;
    }

    /** What to say when nothing more specific is recognised in the answer. */
    Checker<S> otherwise(String hint) {
        this.otherwise = hint;
        return this;
    }

    String id() {
        return id;
    }

    List<Case<S>> cases() {
        return cases;
    }

    List<Mistake<S>> mistakes() {
        return mistakes;
    }

    S reference() {
        return reference;
    }

    /**
     * The check in one place: the student's function run on every input ({@link #give}), then judged ({@link #judge}). When
     * grading ({@link Recording#directory()} set), what it gave is also written down, so that the grader's judge, which
     * runs no student code, can judge it again.
     */
    Outcome check(S student) {
        List<Given> given = give(student);
        Recording.write(id, given);
        return judge(given);
    }

    /** What the function gives on each input in order; it stops after "not done yet". A null function gives one {@link Given#missing()}. */
    List<Given> give(S student) {
        if (student == null) {
            return List.of(Given.missing());
        }
        List<Given> given = new ArrayList<>();
        for (Case<S> c : cases) {
            try {
                given.add(Given.answer(run(student, c)));
            } catch (Exercise.NotDone e) {
                given.add(Given.notDone());
                break;
            } catch (RuntimeException | StackOverflowError e) {
                given.add(Given.threw(e));
            }
        }
        return given;
    }

    /**
     * The verdict on what a function gave, input by input against the reference; an input the reference cannot run on
     * this engine is left out. The first input that disagrees fails the exercise, with both answers and a hint.
     */
    Outcome judge(List<Given> given) {
        if (!given.isEmpty() && given.get(0).kind() == Given.Kind.MISSING) {
            return failed("the function is null.\nHint: assign your lambda to the variable the check names, and run that cell first.");
        }
        int tested = 0;
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case<S> c = cases.get(i);
            Answer expected;
            try {
                expected = run(reference, c);
            } catch (RuntimeException e) {
                continue; // an input this engine cannot represent (an empty array, say) is left out, not held against anyone
            }
            tested++;
            inputs.add(c.input());
            if (i >= given.size()) {
                return failed("no answer for " + c.input() + ": the check's run stopped before this input.");
            }
            Given got = given.get(i);
            switch (got.kind()) {
                case NOT_DONE:
                    return notDone();
                case THREW:
                    return failed("for " + c.input() + ", your code threw " + got.thrown() + ".\nHint: " + hintForException(got));
                case ANSWER:
                    if (!expected.agrees(got.answer(), rtol, atol)) {
                        return failed("for " + c.input() + ", " + difference(expected, got.answer(), rtol, atol) + ".\nHint: "
                                + hint(c, expected, got.answer()));
                    }
                    break;
                default:
                    return failed("no answer for " + c.input() + ".");
            }
        }
        return new Outcome(id, Outcome.Status.PASSED, "Exercise " + id + " passed: your function agrees with " + against + " on "
                + tested + (tested == 1 ? " input:\n" : " inputs:\n") + String.join("; ", inputs) + ".");
    }

    private static <S> Answer run(S function, Case<S> c) {
        try (NDManager manager = NDManager.newBaseManager()) {
            return c.run().apply(function, manager);
        }
    }

    private Outcome notDone() {
        return new Outcome(id, Outcome.Status.NOT_DONE, "Exercise " + id
                + " not done yet: in the cell above, replace throw new Exercise.NotDone(); with your code and run it, then run this check again.");
    }

    private Outcome failed(String what) {
        return new Outcome(id, Outcome.Status.FAILED, "Exercise " + id + " failed: " + what);
    }

    /** "expected …, got …", for the first part that differs beyond the tolerance, and its first value that differs. */
    static String difference(Answer expected, Answer got, double rtol, double atol) {
        if (got.parts().size() != expected.parts().size()) {
            return "expected " + expected.parts().size() + " arrays (" + names(expected) + "), got " + got.parts().size();
        }
        for (int p = 0; p < expected.parts().size(); p++) {
            Answer.Part e = expected.parts().get(p);
            Answer.Part g = got.parts().get(p);
            if (Answer.firstDifference(e, g, rtol, atol) == Answer.NO_DIFFERENCE) {
                continue;
            }
            int at = Answer.firstDifference(e, g, 0, 0);
            String name = e.name().isEmpty() ? "" : e.name() + " ";
            if (at == Answer.SHAPES_DIFFER) {
                return "expected " + (name.isEmpty() ? "" : name + "of ") + "shape " + e.shapeText() + ", got shape " + g.shapeText();
            }
            String text = "expected " + name + Answer.values(e.values(), 6) + ", got " + Answer.values(g.values(), 6);
            if (e.values().length > 6 && at >= 6) {
                text += " (they first differ at element " + at + ": " + Answer.number(e.values()[at]) + " expected, "
                        + Answer.number(g.values()[at]) + " yours)";
            }
            return text;
        }
        return "the answers differ";
    }

    private static String names(Answer answer) {
        return String.join(", ", answer.parts().stream().map(Answer.Part::name).toList());
    }

    private String hint(Case<S> c, Answer expected, Answer got) {
        for (Mistake<S> mistake : mistakes) {
            try {
                Answer wrong = run(mistake.function(), c);
                if (!wrong.agrees(expected, rtol, atol) && wrong.agrees(got, rtol, atol)) {
                    return mistake.hint();
                }
            } catch (RuntimeException e) {
                // a mistake that cannot even run on this input is not the student's
            }
        }
        return generalHint(c, expected, got);
    }

    /** A hint read from the answers alone: shape, NaN or ∞, a factor, a sign, a constant offset. */
    String generalHint(Case<S> c, Answer expected, Answer got) {
        if (got.parts().size() != expected.parts().size()) {
            return "return " + (expected.parts().size() == 1 ? "one array" : "new NDList(" + names(expected) + ")") + ".";
        }
        for (int p = 0; p < expected.parts().size(); p++) {
            Answer.Part e = expected.parts().get(p);
            Answer.Part g = got.parts().get(p);
            int at = Answer.firstDifference(e, g, rtol, atol);
            if (at == Answer.NO_DIFFERENCE) {
                continue;
            }
            String name = e.name().isEmpty() ? "your result" : e.name();
            if (at == Answer.SHAPES_DIFFER) {
                return name + " should have shape " + e.shapeText() + ". " + shapeHint;
            }
            if (got.hasNonFinite() && !expected.hasNonFinite()) {
                return name + " is NaN or infinite where the expected value is finite: for " + c.input()
                        + ", a step of your formula overflows or underflows in float32 (largest float ≈ 3.4·10³⁸, smallest ≈ 1.4·10⁻⁴⁵). "
                        + "Rewrite it so that no intermediate value gets that large or that small.";
            }
            if (allZero(g.values()) && !allZero(e.values()) && !zeroHint.isEmpty()) {
                return name + " is zero everywhere, and the expected one is not: " + zeroHint;
            }
            Double ratio = constantRatio(e.values(), g.values());
            if (ratio != null) {
                if (Math.abs(ratio - 2) < 1e-3) {
                    return name + " is twice the expected value: a factor ½ missing?";
                }
                if (Math.abs(ratio - 0.5) < 1e-3) {
                    return name + " is half the expected value: a factor ½ too many, or a factor 2 missing?";
                }
                if (Math.abs(ratio + 1) < 1e-3) {
                    return name + " has the opposite sign of the expected value: check the signs of the terms.";
                }
                if (e.values().length > 1 && Math.abs(ratio) > 1e-6) {
                    return name + " is " + Answer.number(ratio) + " times the expected value everywhere: a constant factor differs.";
                }
            }
            Double offset = e.values().length > 1 ? constantOffset(e.values(), g.values()) : null;
            if (offset != null) {
                return name + " is off by the same amount, " + Answer.number(offset) + ", everywhere: a constant term differs.";
            }
            return name + " differs from the library's for " + c.input() + ": " + otherwise;
        }
        return otherwise;
    }

    private static boolean allZero(double[] values) {
        for (double v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    private static Double constantRatio(double[] expected, double[] got) {
        Double ratio = null;
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i]) < 1e-12) {
                if (Math.abs(got[i]) > 1e-9) {
                    return null;
                }
                continue;
            }
            double r = got[i] / expected[i];
            if (!Double.isFinite(r) || (ratio != null && Math.abs(r - ratio) > 1e-3 * Math.max(1, Math.abs(ratio)))) {
                return null;
            }
            ratio = r;
        }
        return ratio;
    }

    private static Double constantOffset(double[] expected, double[] got) {
        double offset = got[0] - expected[0];
        if (!Double.isFinite(offset) || expected.length < 2) {
            return null;
        }
        for (int i = 1; i < expected.length; i++) {
            double o = got[i] - expected[i];
            if (Math.abs(o - offset) > 1e-3 * Math.max(1, Math.abs(offset))) {
                return null;
            }
        }
        return offset;
    }

    private String hintForException(Given thrown) {
        String message = thrown.message().toLowerCase(java.util.Locale.ROOT);
        if (message.contains("shape") || message.contains("size") || message.contains("dimension") || message.contains("broadcast")) {
            return "the shapes of two arrays do not fit together: print the shapes (array.getShape()) of what you combine. " + shapeHint;
        }
        if (thrown.exception().equals("NullPointerException")) {
            return "a value is null: return the array you computed.";
        }
        return "run your function by hand on small arrays and look at each step.";
    }
}
