package org.vaelab.kernel;

import org.vaelab.kernel.runtime.Display;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Lets a library on the kernel's class path update its output lines in place (training progress,
 * say) through this kernel's displays, without the kernel depending on that library.
 *
 * <p>A library takes part with a class that has a nested interface {@code Sink}, with
 * {@code String show(Object value)} and {@code void update(String id, Object value)}, and a static
 * {@code connect(Sink)}. The workbook's {@code org.vaelab.viz.LiveOutput} is such a class; the
 * kernel connects it when it starts, if it is there.
 */
final class LiveOutputHook {
    /** The workbook library's live output lines. */
    static final String WORKBOOK = "org.vaelab.viz.LiveOutput";

    private LiveOutputHook() {
    }

    /**
     * Connects {@code className}, loaded by {@code loader}, to {@link Display}: its sink's
     * {@code show} becomes {@code display(value)}, {@code update} becomes {@code updateDisplay(id, value)}.
     *
     * @return false when no such class is there (the kernel runs without that library)
     * @throws IllegalStateException when the class is there but not shaped as described above
     */
    static boolean connect(String className, ClassLoader loader) {
        Class<?> hook;
        try {
            hook = Class.forName(className, true, loader);
        } catch (ClassNotFoundException absent) {
            return false;
        }
        try {
            Class<?> sinkType = Class.forName(className + "$Sink", false, loader);
            Method connect = hook.getMethod("connect", sinkType);
            Object sink = Proxy.newProxyInstance(loader, new Class<?>[] {sinkType}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "show":
                        return Display.display(args[0]);
                    case "update":
                        Display.updateDisplay((String) args[0], args[1]);
                        return null;
                    case "toString":
                        return "the VAE Lab kernel's displays";
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    default:
                        throw new UnsupportedOperationException(className + ".Sink." + method.getName() + " is not known to this kernel");
                }
            });
            connect.invoke(null, sink);
            return true;
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(className + " has no public interface Sink and static connect(Sink) that the kernel can call", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(className + ".connect failed", e.getCause());
        }
    }
}
