package org.vaelab.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The grader's judge: the verdict on each exercise from the answers a student's run recorded ({@link Recording}),
 * decided here, in a JVM that runs no student code, by the same {@link Checker} the notebook's check cell uses. A
 * verdict therefore depends only on what the student's function computed: printing "passed", editing or deleting a
 * check cell, shadowing a name the check uses or filtering the output earns nothing.
 *
 * <p>{@code java org.vaelab.exercise.Judge --list} prints the exercise ids;
 * {@code java org.vaelab.exercise.Judge ANSWERS_DIR VERDICTS_JSON ...} judges each folder of answers and writes,
 * for every exercise, {@code {"status": "passed" | "failed" | "not done yet" | "no answer", "message": ...}}.
 */
public final class Judge {
    /** Status of an exercise whose run recorded no answers. */
    public static final String NO_ANSWER = "no answer";

    private static final Map<String, Supplier<Checker<?>>> CHECKERS = new LinkedHashMap<>();

    static {
        CHECKERS.put("01.1", Lab01::kl);
        CHECKERS.put("01.2", Lab01::reparameterisation);
        CHECKERS.put("01.3", Lab01::bernoulli);
        CHECKERS.put("01.4", Lab01::productOfExperts);
        CHECKERS.put("02.1", Lab02::vaeNegativeElbo);
        CHECKERS.put("02.2", Lab02::iwaeBound);
        CHECKERS.put("02.3", Lab02::cosineLearningRate);
        CHECKERS.put("03.1", Lab03::latentVariances);
        CHECKERS.put("03.2", Lab03::mmd);
        CHECKERS.put("04.1", Lab04::centreLoss);
        CHECKERS.put("04.2", Lab04::classSeparation);
        CHECKERS.put("05.1", Lab05::subsetPosteriors);
        CHECKERS.put("05.2", Lab05::laplaceNll);
        CHECKERS.put("06.1", Lab06::convolvedSize);
        CHECKERS.put("06.2", Lab06::gaussianNllOptimalSigma);
        CHECKERS.put("07.1", Lab07::fineTuningLoss);
        CHECKERS.put("07.2", Lab07::linearMap);
    }

    private Judge() {
    }

    /** The ids of the exercises the judge knows, in order. */
    public static List<String> ids() {
        return List.copyOf(CHECKERS.keySet());
    }

    /** The checker of exercise {@code id}; its id is checked against the registry's. */
    static Checker<?> checker(String id) {
        Supplier<Checker<?>> supplier = CHECKERS.get(id);
        if (supplier == null) {
            throw new IllegalArgumentException("no exercise " + id + "; the exercises are " + ids());
        }
        Checker<?> checker = supplier.get();
        if (!checker.id().equals(id)) {
            throw new IllegalStateException("the checker registered as " + id + " is exercise " + checker.id());
        }
        return checker;
    }

    /** The verdict on exercise {@code id} from the folder of recorded answers; null when there is no file ({@link #verdicts} says {@link #NO_ANSWER}). */
    public static Outcome judge(Path answers, String id) {
        Path file = Recording.file(answers, id);
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            return checker(id).judge(Recording.read(file, id));
        } catch (Recording.Unreadable e) {
            return new Outcome(id, Outcome.Status.FAILED, "Exercise " + id + " failed: its recorded answers cannot be read: " + e.getMessage());
        }
    }

    /** Every exercise's verdict from one folder of answers, as JSON. */
    static String verdicts(Path answers) {
        StringBuilder json = new StringBuilder("{");
        for (String id : CHECKERS.keySet()) {
            Outcome outcome = judge(answers, id);
            json.append(json.length() > 1 ? ",\n " : "\n ").append(quote(id)).append(": {\"status\": ")
                    .append(quote(outcome == null ? NO_ANSWER : outcome.status().words())).append(", \"message\": ")
                    .append(quote(outcome == null ? "" : outcome.message())).append('}');
        }
        return json.append("\n}\n").toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--list")) {
            System.out.println(String.join(" ", ids()));
            return;
        }
        if (args.length == 0 || args.length % 2 != 0) {
            System.err.println("usage: Judge --list | Judge ANSWERS_DIR VERDICTS_JSON [ANSWERS_DIR VERDICTS_JSON ...]");
            System.exit(2);
        }
        for (int i = 0; i < args.length; i += 2) {
            Path target = Path.of(args[i + 1]);
            try {
                Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "verdicts", ".part");
                Files.writeString(temporary, verdicts(Path.of(args[i])), StandardCharsets.UTF_8);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + target, e);
            }
        }
    }
}
