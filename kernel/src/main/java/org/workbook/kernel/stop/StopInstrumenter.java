package org.workbook.kernel.stop;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashSet;
import java.util.Set;

/**
 * Rewrites the classes JShell compiles from cells so they can be stopped
 * without {@code Thread.stop} (gone since JDK 20): a call to
 * {@link StopSignal#poll()} (free while nothing is stopped) goes at every method entry, before every backward
 * jump (each loop iteration) and at the start of every typed catch handler
 * (so a {@code catch (Throwable t)} rethrows the stop at once).
 *
 * <p>Calls to {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} are sent to
 * {@link Exits}, so the kernel can refuse them (a notebook's kernel ending with no message).
 *
 * <p>The call takes and leaves nothing on the operand stack and adds no
 * branch, so the existing stack map frames stay valid and nothing has to be
 * recomputed (which would need to load the cell's other classes mid-load).
 */
public final class StopInstrumenter {
    static final String OWNER = "org/workbook/kernel/stop/StopSignal";

    private StopInstrumenter() { }

    /** The newest class file version this ASM reads (Java 26). */
    static final int NEWEST_MAJOR = Opcodes.V26 & 0xFFFF;

    /** The class {@code bytes} with stop polls inserted. */
    public static byte[] instrument(byte[] bytes) {
        int major = ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
        if (major <= NEWEST_MAJOR) {
            return rewrite(bytes);
        }
        // A JDK newer than this ASM: JShell's cells use no construct the polls care about
        // that is new, so read the class as the newest version ASM knows and put the real
        // version back. Without this, a new JDK would have no stop button at all.
        byte[] older = bytes.clone();
        older[6] = (byte) (NEWEST_MAJOR >> 8);
        older[7] = (byte) NEWEST_MAJOR;
        byte[] out = rewrite(older);
        out[6] = bytes[6];
        out[7] = bytes[7];
        return out;
    }

    private static byte[] rewrite(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        // Passing the reader lets ASM copy untouched methods as they are.
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new Polls(super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Inserts the polls into one method. */
    private static final class Polls extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();
        private final Set<Label> handlers = new HashSet<>();
        /** A handler's label was just visited: poll before its first instruction (after its frame). */
        private boolean atHandler;

        Polls(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        private void poll() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "poll", "()V", false);
        }

        private void before() {
            if (atHandler) {
                atHandler = false;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, OWNER, "pollCaught", "()V", false);
            }
        }

        private boolean backward(Label target) {
            return seen.contains(target);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            poll();
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            // Only typed handlers (what a student writes) get a poll. A catch-any handler
            // (finally, synchronized, try-with-resources) rethrows by itself, and javac
            // makes some cover their own first instructions: a throw there would loop forever.
            if (type != null) {
                handlers.add(handler);
            }
            super.visitTryCatchBlock(start, end, handler, type);
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            if (handlers.contains(label)) {
                atHandler = true;
            }
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            before();
            if (backward(label)) {
                poll();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            before();
            if (anyBackward(dflt, labels)) {
                poll();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            before();
            if (anyBackward(dflt, labels)) {
                poll();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anyBackward(Label dflt, Label[] labels) {
            if (backward(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (backward(l)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void visitInsn(int opcode) {
            before();
            super.visitInsn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            before();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            before();
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            before();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            before();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            before();
            // System.exit, Runtime.exit and Runtime.halt go through Exits, which the kernel makes refuse
            // (same stack effect: the Runtime receiver becomes the first argument)
            if (descriptor.equals("(I)V") && (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("exit")
                    || opcode == Opcodes.INVOKEVIRTUAL && owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt")))) {
                boolean system = owner.equals("java/lang/System");
                super.visitMethodInsn(Opcodes.INVOKESTATIC, Exits.OWNER, name, system ? "(I)V" : "(Ljava/lang/Runtime;I)V", false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
            before();
            super.visitInvokeDynamicInsn(name, descriptor, bsm, args);
        }

        @Override
        public void visitLdcInsn(Object value) {
            before();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            before();
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            before();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }
    }
}
