package org.vaelab.exercise;

import ai.djl.ndarray.NDArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grader's judge: verdicts from recorded answers, the same as the notebook's check, and nothing for anything else. */
@Tag("engines")
class JudgeTest {
    @TempDir
    Path answers;

    /** The verdict from the answers after they have been written down and read back. */
    private static <S> Outcome judgedFromTheRecording(Checker<S> checker, S function) throws Exception {
        byte[] bytes = Recording.bytes(checker.id(), checker.give(function));
        return Judge.checker(checker.id()).judge(Recording.parse(bytes, checker.id()));
    }

    @Test
    void everyExerciseOfTheWorkbookHasAJudge() {
        List<String> methods = Arrays.stream(Exercise.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType() == String.class && m.getParameterCount() == 1)
                .map(Method::getName).toList();
        assertEquals(17, Judge.ids().size());
        assertEquals(methods.size(), Judge.ids().size(), "one judge per check method of Exercise: " + methods);
        for (String id : Judge.ids()) {
            assertEquals(id, Judge.checker(id).id());
        }
    }

    @Test
    void theJudgeGivesTheNotebooksVerdictForTheReferenceAndForEveryTypicalMistake() throws Exception {
        for (String id : Judge.ids()) {
            @SuppressWarnings("unchecked")
            Checker<Object> checker = (Checker<Object>) Judge.checker(id);
            assertEquals(checker.check(checker.reference()), judgedFromTheRecording(checker, checker.reference()), id);
            assertEquals(Outcome.Status.PASSED, judgedFromTheRecording(checker, checker.reference()).status(), id);
            for (Checker.Mistake<Object> mistake : checker.mistakes()) {
                Outcome judged = judgedFromTheRecording(checker, mistake.function());
                assertEquals(checker.check(mistake.function()), judged, id + ": " + mistake.hint());
                assertEquals(Outcome.Status.FAILED, judged.status(), id);
            }
        }
    }

    @Test
    void aFunctionThatThrowsOrIsNotDoneIsJudgedAsInTheNotebook() throws Exception {
        @SuppressWarnings("unchecked")
        Checker<Function<NDArray, NDArray>> bound = (Checker<Function<NDArray, NDArray>>) Judge.checker("02.2");
        Function<NDArray, NDArray> throwing = x -> {
            throw new IllegalArgumentException("shapes (3, 4) and (5) do not broadcast");
        };
        Outcome judged = judgedFromTheRecording(bound, throwing);
        assertEquals(bound.check(throwing), judged);
        assertTrue(judged.message().contains("your code threw IllegalArgumentException (shapes (3, 4) and (5) do not broadcast)"), judged.message());
        Function<NDArray, NDArray> stub = x -> {
            throw new Exercise.NotDone();
        };
        assertEquals(Outcome.Status.NOT_DONE, judgedFromTheRecording(bound, stub).status());
        assertEquals(Outcome.Status.FAILED, judgedFromTheRecording(bound, null).status());
    }

    @Test
    void answersThatAreNotTheChecksEarnNothing() throws Exception {
        // No file: no verdict. A file with "passed" in it: unreadable, failed. Another exercise's right answers: failed.
        assertNull(Judge.judge(answers, "01.1"));
        Files.writeString(answers.resolve("01.1.answers"), "Exercise 01.1 passed: your function agrees with Losses.gaussianKl");
        Outcome printed = Judge.judge(answers, "01.1");
        assertEquals(Outcome.Status.FAILED, printed.status());
        assertTrue(printed.message().contains("cannot be read: not a recording of answers"), printed.message());

        @SuppressWarnings("unchecked")
        Checker<Object> other = (Checker<Object>) Judge.checker("01.3");
        Files.write(answers.resolve("01.1.answers"), Recording.bytes("01.3", other.give(other.reference())));
        assertTrue(Judge.judge(answers, "01.1").message().contains("the answers are of exercise 01.3, not 01.1"));

        // The right kind of answers, but of the wrong values: one number changed in the last input.
        @SuppressWarnings("unchecked")
        Checker<Object> kl = (Checker<Object>) Judge.checker("01.1");
        List<Given> given = new java.util.ArrayList<>(kl.give(kl.reference()));
        Answer.Part last = given.get(given.size() - 1).answer().parts().get(0);
        double[] values = last.values().clone();
        values[0] += 1;
        given.set(given.size() - 1, Given.answer(Answer.ofParts(List.of(new Answer.Part(last.name(), last.shape(), values)))));
        Files.write(answers.resolve("01.1.answers"), Recording.bytes("01.1", given));
        assertEquals(Outcome.Status.FAILED, Judge.judge(answers, "01.1").status());

        Files.write(answers.resolve("01.1.answers"), Recording.bytes("01.1", kl.give(kl.reference())));
        assertEquals(Outcome.Status.PASSED, Judge.judge(answers, "01.1").status());
    }

    @Test
    void theVerdictsAreJsonWithEveryExercise() throws Exception {
        @SuppressWarnings("unchecked")
        Checker<Object> kl = (Checker<Object>) Judge.checker("01.1");
        Files.write(answers.resolve("01.1.answers"), Recording.bytes("01.1", kl.give(kl.reference())));
        String json = Judge.verdicts(answers);
        assertTrue(json.contains("\"01.1\": {\"status\": \"passed\", \"message\": \"Exercise 01.1 passed: "), json);
        assertTrue(json.contains("\"07.2\": {\"status\": \"no answer\", \"message\": \"\"}"), json);
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", Judge.quote("a\"b\\c\nd\u0001"));
    }
}
