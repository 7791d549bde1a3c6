package org.vaelab.kernel;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * JShell's in-process execution, keeping the value object of the last expression so the kernel
 * can render it (JShell itself only hands back a string), and stoppable from another thread.
 *
 * <p>Cells run in this JVM so that images, tables and charts reach the kernel as objects. Stopping
 * is JShell's own mechanism (Thread.stop on JDK 17-19, instrumented loop checks from JDK 22 on);
 * on top of it the running thread is interrupted, so library loops that check the interrupt flag
 * (training, for one) stop on every JDK.
 */
final class CapturingExecutionControl extends LocalExecutionControl {
    /** Marks "this snippet produced no value", as distinct from a null value. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "<no value>";
        }
    };

    private static final Method TRAMPOLINE;

    static {
        try {
            TRAMPOLINE = CapturingExecutionControl.class.getDeclaredMethod("trampoline");
            TRAMPOLINE.setAccessible(true); // invoked reflectively from the jdk.jshell module
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // One cell runs at a time, so one slot for the pending target is enough.
    private static volatile Method pendingTarget;
    private static volatile CapturingExecutionControl pendingOwner;

    private volatile Object lastValue = NO_VALUE;
    private volatile Thread userThread;
    private volatile boolean stopRequested;

    /** Clears what the previous snippet left behind. */
    void beforeSnippet() {
        lastValue = NO_VALUE;
        stopRequested = false;
    }

    Object lastValue() {
        return lastValue;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** Stops the running cell, if any. Safe to call from any thread. */
    void stopUserCode() {
        stopRequested = true;
        Thread running = userThread;
        if (running != null) {
            running.interrupt();
        }
        try {
            stop();
        } catch (ExecutionControl.ExecutionControlException e) {
            // Nothing is running, or the engine is gone: either way there is nothing left to stop.
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        pendingTarget = doitMethod;
        pendingOwner = this;
        return super.invoke(TRAMPOLINE);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            lastValue = field.get(null);
        } catch (ReflectiveOperationException e) {
            // Fall through: JShell's own lookup reports the problem.
        }
        return super.varValue(className, varName);
    }

    /** Runs on JShell's user thread: calls the snippet and keeps its value object. */
    @SuppressWarnings("unused")
    private static Object trampoline() throws Throwable {
        CapturingExecutionControl owner = pendingOwner;
        Method target = pendingTarget;
        owner.userThread = Thread.currentThread();
        try {
            Object value = target.invoke(null);
            owner.lastValue = value;
            return value;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            owner.userThread = null;
            Thread.interrupted(); // an interrupt meant for this cell must not leak into the next
        }
    }

    /** Hands JShell this control and lets the kernel get hold of the same instance. */
    static final class Provider implements ExecutionControlProvider {
        private CapturingExecutionControl created;

        @Override
        public String name() {
            return "vaelab-capturing-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            created = new CapturingExecutionControl();
            return created;
        }

        CapturingExecutionControl created() {
            if (created == null) {
                throw new IllegalStateException("JShell has not created its execution control yet");
            }
            return created;
        }
    }
}
