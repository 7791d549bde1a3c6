package org.vaelab.viz;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Makes the workbook look the same in every Jupyter kernel of the IJava family: this project's kernel,
 * IJava and JJava. Each notebook's first cell ({@code %load vaelab.jsh}) calls {@link #connect()}, which
 * finds the kernel running the cells and, through that kernel's own display API:
 * <ul>
 *   <li>registers the workbook's renderers with the kernel's renderer: XChart charts as PNG pictures,
 *       Tablesaw tables as HTML tables ({@link TableHtml});</li>
 *   <li>connects {@link LiveOutput} to the kernel's {@code display} and {@code updateDisplay}, so training
 *       progress is one line rewritten in place.</li>
 * </ul>
 * The three kernels share IJava's display design (a {@code Renderer} with {@code createRegistration},
 * {@code RenderFunction}, {@code RenderContext.renderIfRequested}, {@code MIMEType.parse}) under different
 * package names, so the library reaches them by reflection and depends on none of them. In a plain JVM (a
 * test, a benchmark) nothing is found and progress stays plain printed lines.
 */
public final class NotebookKernel {
    /** Longer tables are cut in the notebook, with a note saying how many rows were left out. */
    public static final int MAX_TABLE_ROWS = 60;

    /** Where a kernel keeps its renderer and its display functions. */
    record Known(String name, String kernelClass, String kernelGetter, String displayClass) {
    }

    /** In the order tried: the first whose kernel is running wins. */
    static final List<Known> KNOWN = List.of(
            new Known("VAE Lab", "org.vaelab.kernel.runtime.Display", null, "org.vaelab.kernel.runtime.Display"),
            new Known("JJava", "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel",
                    "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics"),
            new Known("IJava", "io.github.spencerpark.ijava.IJava", "getKernelInstance", "io.github.spencerpark.ijava.runtime.Display"));

    private static volatile String connected;

    private NotebookKernel() {
    }

    /**
     * Connects the workbook to the kernel running this JVM's cells, once (a void call, so that a notebook
     * cell ending in it shows nothing); {@link #name()} then tells which kernel it found.
     */
    public static void connect() {
        find();
    }

    /** The kernel running this JVM's cells: "VAE Lab", "JJava" or "IJava"; null where none runs. Connects it first. */
    public static String name() {
        return find();
    }

    private static synchronized String find() {
        if (connected != null) {
            return connected;
        }
        ClassLoader loader = NotebookKernel.class.getClassLoader();
        for (Known kernel : KNOWN) {
            Object renderer = renderer(kernel, loader);
            if (renderer != null) {
                register(renderer);
                Class<?> display = load(kernel.displayClass(), loader);
                if (display == null) {
                    throw new IllegalStateException(kernel.name() + "'s display functions (" + kernel.displayClass() + ") are missing");
                }
                LiveOutput.connect(sink(display, kernel.name()));
                connected = kernel.name();
                return connected;
            }
        }
        return null;
    }

    /** The renderer of {@code kernel} when it is running in this JVM, else null. */
    static Object renderer(Known kernel, ClassLoader loader) {
        Class<?> type = load(kernel.kernelClass(), loader);
        if (type == null) {
            return null;
        }
        if (kernel.kernelGetter() == null) { // this project's kernel hands out its renderer itself
            return call(type, "renderer", new Class<?>[0], null);
        }
        Object instance = call(type, kernel.kernelGetter(), new Class<?>[0], null);
        return instance == null ? null : call(instance.getClass(), "getRenderer", new Class<?>[0], instance);
    }

    /** Registers charts (PNG) and tables (HTML, plain text as well) with an IJava-family {@code Renderer}. */
    static void register(Object renderer) {
        registration(renderer, Chart.class, List.of("image/png"), List.of("text/plain"), (mime, chart) ->
                mime.equals("image/png") ? png(chart)
                        : chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\" " + chart.getWidth() + "x" + chart.getHeight());
        registration(renderer, Table.class, List.of("text/html"), List.of("text/plain"), (mime, table) ->
                mime.equals("text/html") ? TableHtml.of(table, MAX_TABLE_ROWS) : table.printAll());
    }

    /** A chart as the base64 PNG a notebook's image/png output holds. */
    public static String png(Chart<?, ?> chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart \"" + chart.getTitle() + "\" as PNG", e);
        }
    }

    /** What one of the workbook's types looks like as a given MIME type. */
    interface Rendering<T> {
        String as(String mimeType, T value);
    }

    private static <T> void registration(Object renderer, Class<T> type, List<String> preferred, List<String> supported,
                                         Rendering<T> rendering) {
        ClassLoader kernelLoader = renderer.getClass().getClassLoader();
        String displayPackage = renderer.getClass().getPackageName();
        Class<?> mimeType = load(displayPackage + ".mime.MIMEType", kernelLoader);
        Class<?> function = load(displayPackage + ".RenderFunction", kernelLoader);
        Class<?> context = load(displayPackage + ".RenderContext", kernelLoader);
        if (mimeType == null || function == null || context == null) {
            throw new IllegalStateException("the kernel's renderer " + renderer.getClass().getName() + " is not IJava's design");
        }
        Method renderIfRequested = method(context, "renderIfRequested", mimeType, Supplier.class);
        Object registration = call(renderer.getClass(), "createRegistration", new Class<?>[] {Class.class}, renderer, type);
        Class<?> mimeArray = mimeTypes(mimeType, List.of()).getClass();
        registration = call(registration.getClass(), "preferring", new Class<?>[] {mimeArray}, registration, (Object) mimeTypes(mimeType, preferred));
        registration = call(registration.getClass(), "supporting", new Class<?>[] {mimeArray}, registration, (Object) mimeTypes(mimeType, supported));
        List<String> all = new java.util.ArrayList<>(preferred);
        all.addAll(supported);
        Object[] mimes = mimeTypes(mimeType, all);
        Object renderFunction = Proxy.newProxyInstance(kernelLoader, new Class<?>[] {function}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "render" -> {
                    T value = type.cast(args[0]);
                    for (int i = 0; i < all.size(); i++) {
                        String name = all.get(i);
                        Supplier<Object> text = () -> rendering.as(name, value);
                        renderIfRequested.invoke(args[1], mimes[i], text);
                    }
                    return null;
                }
                case "toString" -> {
                    return "VAE Lab's rendering of " + type.getSimpleName();
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                default -> throw new UnsupportedOperationException(method.getName());
            }
        });
        call(registration.getClass(), "register", new Class<?>[] {function}, registration, renderFunction);
    }

    private static Object[] mimeTypes(Class<?> mimeType, List<String> names) {
        Object[] array = (Object[]) Array.newInstance(mimeType, names.size());
        for (int i = 0; i < names.size(); i++) {
            array[i] = call(mimeType, "parse", new Class<?>[] {String.class}, null, names.get(i));
        }
        return array;
    }

    /** LiveOutput's sink over a kernel's static {@code display(Object, String...)} and {@code updateDisplay(String, Object, String...)}. */
    static LiveOutput.Sink sink(Class<?> display, String kernel) {
        Method show = method(display, "display", Object.class, String[].class);
        Method update = method(display, "updateDisplay", String.class, Object.class, String[].class);
        return new LiveOutput.Sink() {
            @Override
            public String show(Object value) {
                return (String) invoke(show, null, value, new String[0]);
            }

            @Override
            public void update(String id, Object value) {
                invoke(update, null, id, value, new String[0]);
            }

            @Override
            public String toString() {
                return kernel + "'s displays";
            }
        };
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no " + name + " as IJava's display API has it", e);
        }
    }

    private static Object call(Class<?> type, String name, Class<?>[] parameters, Object target, Object... args) {
        return invoke(method(type, name, parameters), target, args);
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            method.setAccessible(true);
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(method + " failed", cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        }
    }
}
