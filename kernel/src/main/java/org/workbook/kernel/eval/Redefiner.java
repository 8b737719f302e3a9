package org.workbook.kernel.eval;

import org.workbook.kernel.agent.RedefineAgent;

import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;

import java.lang.instrument.ClassDefinition;
import java.lang.instrument.Instrumentation;

/**
 * Replaces the bytecode of already-loaded cell classes in place, through the
 * instrumentation agent. JShell asks for this when a method or class is
 * redefined: if it works, the class keeps its identity and its static fields,
 * so variables computed earlier keep their values. The JVM refuses changes of
 * shape (a field or method added, removed, or retyped); then this throws and
 * JShell falls back to replacing the class, which resets its dependents.
 */
final class Redefiner {
    @FunctionalInterface
    interface ClassFinder {
        Class<?> find(String name) throws ClassNotFoundException;
    }

    private final boolean enabled;

    Redefiner(boolean enabled) {
        this.enabled = enabled;
    }

    void redefine(ClassBytecodes[] cbcs, ClassFinder finder) throws ClassInstallException, NotImplementedException {
        Instrumentation inst = enabled ? RedefineAgent.instrumentation() : null;
        if (inst == null || !inst.isRedefineClassesSupported()) {
            throw new NotImplementedException("in-place redefinition needs the kernel's instrumentation agent");
        }
        ClassDefinition[] defs = new ClassDefinition[cbcs.length];
        try {
            for (int i = 0; i < cbcs.length; i++) {
                defs[i] = new ClassDefinition(finder.find(cbcs[i].name()), Instrumented.bytes(cbcs[i]));
            }
            inst.redefineClasses(defs);
        } catch (ClassNotFoundException | RuntimeException | LinkageError | java.lang.instrument.UnmodifiableClassException e) {
            throw new ClassInstallException("shape changed, class replaced: " + e.getMessage(), new boolean[cbcs.length]);
        }
    }
}
