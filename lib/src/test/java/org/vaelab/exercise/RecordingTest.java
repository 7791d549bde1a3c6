package org.vaelab.exercise;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorded answers: read back as written, and a damaged or oversized file refused with what is wrong. */
class RecordingTest {
    private static final List<Given> GIVEN = List.of(
            Given.answer(Answer.ofParts(List.of(new Answer.Part("μ", new long[] {2}, new double[] {0.5, Double.NaN}),
                    new Answer.Part("", new long[0], new double[] {0.1})))),
            new Given(Given.Kind.THREW, null, "IllegalArgumentException", "shapes differ"),
            Given.notDone());

    @Test
    void answersReadBackAsWrittenFloatsAndDoublesAlike() throws Exception {
        List<Given> read = Recording.parse(Recording.bytes("02.2", GIVEN), "02.2");
        assertEquals(3, read.size());
        List<Answer.Part> parts = read.get(0).answer().parts();
        assertEquals("μ", parts.get(0).name());
        assertArrayEquals(new long[] {2}, parts.get(0).shape());
        assertArrayEquals(new double[] {0.5, Double.NaN}, parts.get(0).values());
        assertEquals(0.1, parts.get(1).values()[0], 0.0, "0.1 is no float: it is kept as a double");
        assertEquals("IllegalArgumentException (shapes differ)", read.get(1).thrown());
        assertEquals(Given.Kind.NOT_DONE, read.get(2).kind());
    }

    @Test
    void aDamagedRecordingIsRefusedWithWhatIsWrong() throws Exception {
        byte[] bytes = Recording.bytes("02.2", GIVEN);
        Recording.Unreadable cut = assertThrows(Recording.Unreadable.class, () -> Recording.parse(Arrays.copyOf(bytes, bytes.length - 3), "02.2"));
        assertTrue(cut.getMessage().contains("cut short or damaged"), cut.getMessage());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertTrue(assertThrows(Recording.Unreadable.class, () -> Recording.parse(longer, "02.2")).getMessage().contains("bytes follow"));
        assertTrue(assertThrows(Recording.Unreadable.class, () -> Recording.parse(bytes, "02.3")).getMessage()
                .contains("the answers are of exercise 02.2, not 02.3"));
    }

    @Test
    void countsBeyondTheBoundsAreRefusedBeforeAnythingIsAllocated() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeUTF(Recording.MAGIC);
            out.writeInt(Recording.VERSION);
            out.writeUTF("01.1");
            out.writeInt(1);
            out.writeByte(Given.Kind.ANSWER.ordinal());
            out.writeInt(1);
            out.writeUTF("");
            out.writeInt(1);
            out.writeLong(3);
            out.writeBoolean(true);
            out.writeInt(Integer.MAX_VALUE);
        }
        Recording.Unreadable error = assertThrows(Recording.Unreadable.class, () -> Recording.parse(buffer.toByteArray(), "01.1"));
        assertEquals(Integer.MAX_VALUE + " values (at most " + Recording.MAX_VALUES + ")", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Recording.file(java.nio.file.Path.of("."), "../01.1"));
    }
}
