package org.workbook.kernel.eval;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * JShell's execution engine for the kernel: snippets run in this JVM (so their
 * values are real objects the renderers can draw) on the {@link CellRunner}'s
 * stoppable thread. The value of the last snippet and the real exception it
 * threw are kept for the evaluator, which JShell itself would only give as
 * strings. Classes whose shape is unchanged are redefined in place by the
 * {@link Redefiner}, so state computed from them survives.
 */
final class CellExecutionControl extends DirectExecutionControl {
    private final CellClassLoader classes;
    private final CellRunner runner;
    private final Redefiner redefiner;
    private volatile Object lastValue;
    private volatile Throwable lastError;
    private volatile boolean lastStopped;
    private volatile boolean lastStillRunning;

    CellExecutionControl(CellClassLoader classes, CellRunner runner, Redefiner redefiner) {
        super(classes);
        this.classes = classes;
        this.runner = runner;
        this.redefiner = redefiner;
    }

    /** Hands this (already built) control to {@code JShell.builder().executionEngine}. */
    ExecutionControlProvider provider() {
        CellExecutionControl self = this;
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "workbook-cells";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return self;
            }
        };
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        lastValue = null;
        lastError = null;
        lastStopped = false;
        lastStillRunning = false;
        ClassLoader cells = classes.classLoader();
        try {
            lastValue = runner.run(() -> {
                Thread.currentThread().setContextClassLoader(cells);
                return doit.invoke(null);
            });
        } catch (CellRunner.Stopped e) {
            lastStopped = true;
            lastStillRunning = !e.ended();
            throw new ExecutionControl.StoppedException();
        } catch (InvocationTargetException e) {
            lastError = e.getCause();
            throw e;
        } catch (Exception e) {
            lastError = e;
            throw e;
        } catch (Throwable t) {
            lastError = t;
            throw new InvocationTargetException(t);
        }
        // JShell's value strings are never shown (the kernel renders the object),
        // so skip toString(), which can be slow on big objects.
        return "";
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        redefiner.redefine(cbcs, this::findClass);
        classesRedefined(cbcs);
    }

    @Override
    public void stop() {
        runner.stop();
    }

    /** The value the last snippet produced (then forgets it, so it can be collected). */
    Object takeValue() {
        Object v = lastValue;
        lastValue = null;
        return v;
    }

    /** What the last snippet threw, or null (then forgets it). */
    Throwable takeError() {
        Throwable t = lastError;
        lastError = null;
        return t;
    }

    boolean lastWasStopped() {
        return lastStopped;
    }

    /** The last snippet was stopped, but its thread did not end (it is left running). */
    boolean lastStillRunning() {
        return lastStillRunning;
    }
}
