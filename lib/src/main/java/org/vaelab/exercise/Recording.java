package org.vaelab.exercise;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a student's function gave on a check's inputs, written down while grading: one file per exercise,
 * {@code NN.N.answers}, in the folder that {@code VAELAB_ANSWERS} names. The grader's {@link Judge} reads the files
 * and judges them again in a JVM that runs no student code, so that a verdict depends only on the answers: a
 * printed "passed", an edited check or a redefined name earns nothing. The files are untrusted input, and reading
 * them is bounded ({@value #MAX_BYTES} bytes, {@value #MAX_PARTS} parts, {@value #MAX_VALUES} values).
 *
 * <p>The format (big-endian, {@link DataOutputStream}): the magic {@code "vaelab-answers"}, the version, the exercise
 * id, the number of inputs, then for each input its kind and, for an answer, each part's name, shape and values (as
 * float32 where every value is one, else float64), or, for an exception, its class and message.
 */
final class Recording {
    static final String ENVIRONMENT = "VAELAB_ANSWERS";
    static final String MAGIC = "vaelab-answers";
    static final int VERSION = 1;
    static final long MAX_BYTES = 64L << 20;
    static final int MAX_PARTS = 64;
    static final int MAX_RANK = 8;
    static final int MAX_VALUES = 16_000_000;
    private static final Pattern ID = Pattern.compile("\\d\\d\\.\\d{1,2}");

    private Recording() {
    }

    /** The folder answers are written to while grading, or null (the usual case: nothing is written). */
    static Path directory() {
        String folder = System.getenv(ENVIRONMENT);
        return folder == null || folder.isBlank() ? null : Path.of(folder);
    }

    static Path file(Path directory, String id) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an exercise id: " + id);
        }
        return directory.resolve(id + ".answers");
    }

    /** Writes what was given for exercise {@code id} when grading; does nothing otherwise. A write that fails is reported, not thrown. */
    static void write(String id, List<Given> given) {
        Path directory = directory();
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Path target = file(directory, id);
            Path temporary = Files.createTempFile(directory, id, ".part");
            Files.write(temporary, bytes(id, given));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not record the answers of exercise " + id + " in " + directory + ": " + e.getMessage());
        }
    }

    static byte[] bytes(String id, List<Given> given) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(id);
            out.writeInt(given.size());
            for (Given g : given) {
                out.writeByte(g.kind().ordinal());
                if (g.kind() == Given.Kind.ANSWER) {
                    List<Answer.Part> parts = g.answer().parts();
                    out.writeInt(parts.size());
                    for (Answer.Part part : parts) {
                        writeText(out, part.name());
                        out.writeInt(part.shape().length);
                        for (long dimension : part.shape()) {
                            out.writeLong(dimension);
                        }
                        double[] values = part.values();
                        boolean floats = true;
                        for (double v : values) {
                            floats &= Double.isNaN(v) || (double) (float) v == v;
                        }
                        out.writeBoolean(floats);
                        out.writeInt(values.length);
                        for (double v : values) {
                            if (floats) {
                                out.writeFloat((float) v);
                            } else {
                                out.writeDouble(v);
                            }
                        }
                    }
                } else if (g.kind() == Given.Kind.THREW) {
                    writeText(out, g.exception());
                    writeText(out, g.message());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        // writeUTF holds at most 65,535 bytes: a name or a message longer than a few thousand characters is cut.
        out.writeUTF(text.length() > 4000 ? text.substring(0, 4000) : text);
    }

    /** Thrown for a file that is not a recording of this exercise's answers, with what is wrong. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** The answers recorded for exercise {@code id}, read with every count bounded. */
    static List<Given> read(Path file, String id) throws Unreadable {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
        if (size > MAX_BYTES) {
            throw new Unreadable(file.getFileName() + " holds " + size + " bytes, more than the " + MAX_BYTES + " a check's answers take");
        }
        try {
            return parse(Files.readAllBytes(file), id);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file.getFileName() + ": " + e.getMessage());
        }
    }

    static List<Given> parse(byte[] bytes, String id) throws Unreadable {
        String magic = (char) 0 + "" + (char) MAGIC.length() + MAGIC;
        if (bytes.length < magic.length() || !new String(bytes, 0, magic.length(), java.nio.charset.StandardCharsets.ISO_8859_1).equals(magic)) {
            throw new Unreadable("not a recording of answers (another format or version)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new Unreadable("not a recording of answers (another format or version)");
            }
            String recorded = in.readUTF();
            if (!recorded.equals(id)) {
                throw new Unreadable("the answers are of exercise " + recorded + ", not " + id);
            }
            int count = bounded(in.readInt(), 1000, "inputs");
            List<Given> given = new ArrayList<>(count);
            long values = 0;
            for (int i = 0; i < count; i++) {
                int kind = in.readUnsignedByte();
                if (kind >= Given.Kind.values().length) {
                    throw new Unreadable("input " + (i + 1) + " has an unknown kind " + kind);
                }
                switch (Given.Kind.values()[kind]) {
                    case ANSWER -> {
                        int partCount = bounded(in.readInt(), MAX_PARTS, "parts");
                        List<Answer.Part> parts = new ArrayList<>(partCount);
                        for (int p = 0; p < partCount; p++) {
                            String name = in.readUTF();
                            long[] shape = new long[bounded(in.readInt(), MAX_RANK, "dimensions")];
                            for (int d = 0; d < shape.length; d++) {
                                shape[d] = in.readLong();
                            }
                            boolean floats = in.readBoolean();
                            int n = bounded(in.readInt(), MAX_VALUES, "values");
                            values += n;
                            if (values > MAX_VALUES) {
                                throw new Unreadable("more than " + MAX_VALUES + " values in all");
                            }
                            double[] v = new double[n];
                            for (int k = 0; k < n; k++) {
                                v[k] = floats ? in.readFloat() : in.readDouble();
                            }
                            parts.add(new Answer.Part(name, shape, v));
                        }
                        given.add(Given.answer(Answer.ofParts(parts)));
                    }
                    case NOT_DONE -> given.add(Given.notDone());
                    case MISSING -> given.add(Given.missing());
                    case THREW -> given.add(new Given(Given.Kind.THREW, null, in.readUTF(), in.readUTF()));
                    default -> throw new IllegalStateException();
                }
            }
            if (in.read() != -1) {
                throw new Unreadable("bytes follow the last answer");
            }
            return given;
        } catch (IOException e) {
            throw new Unreadable("the recording is cut short or damaged (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static int bounded(int value, int max, String what) throws Unreadable {
        if (value < 0 || value > max) {
            throw new Unreadable(value + " " + what + " (at most " + max + ")");
        }
        return value;
    }
}
