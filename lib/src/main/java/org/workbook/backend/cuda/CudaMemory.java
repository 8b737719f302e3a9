package org.workbook.backend.cuda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.workbook.tensor.Tensor;

/**
 * Deterministic release of device memory. The garbage collector does not know how
 * full the GPU is, so a loop that makes many temporaries can hold on to memory long
 * after it is garbage; a scope gives back, when it closes, every block allocated on
 * this thread inside it, except those of tensors passed to {@link Scope#keep}.
 *
 * <pre>{@code
 * jshell> Tensor loss;
 * jshell> try (var scope = CudaMemory.scope()) {
 *    ...>     var x = randn(1000, 1000).cuda();
 *    ...>     loss = scope.keep(x.mul(x).mean());
 *    ...> }
 * jshell> loss.item()      // x and x*x are already back in the cache
 * $3 ==> 0.9993
 * }</pre>
 */
public final class CudaMemory {
    private static final ThreadLocal<ArrayDeque<Scope>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);

    private CudaMemory() {
    }

    /** Opens a scope on this thread; nest them freely. */
    public static Scope scope() {
        Scope s = new Scope();
        SCOPES.get().push(s);
        return s;
    }

    private static final ThreadLocal<int[]> UNTRACKED = ThreadLocal.withInitial(() -> new int[1]);

    /**
     * Runs {@code make} with this thread's scopes looking away: what it allocates lives on
     * until unreachable (an optimizer's momentum, made during a step inside a scope).
     */
    public static <T> T untracked(java.util.function.Supplier<T> make) {
        int[] depth = UNTRACKED.get();
        depth[0]++;
        try {
            return make.get();
        } finally {
            depth[0]--;
        }
    }

    /** Records a new buffer in the innermost open scope of this thread, if any. */
    static void track(CudaBuffer b) {
        Scope s = SCOPES.get().peek();
        if (s != null && UNTRACKED.get()[0] == 0) {
            s.buffers.add(b);
        }
    }

    /** A region whose device allocations are released when it closes. */
    public static final class Scope implements AutoCloseable {
        private final List<CudaBuffer> buffers = new ArrayList<>();
        private final Set<CudaBuffer> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean closed;

        private Scope() {
        }

        /** Keeps t's memory (and its gradient's) alive past this scope; hands it to the enclosing scope, if any. */
        public Tensor keep(Tensor t) {
            keepBuffer(t);
            if (t.grad() != null) {
                keepBuffer(t.grad());
            }
            return t;
        }

        private void keepBuffer(Tensor t) {
            if (t.storage().memory() instanceof CudaBuffer b) {
                kept.add(b);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            ArrayDeque<Scope> stack = SCOPES.get();
            stack.remove(this);
            Scope parent = stack.peek();
            for (CudaBuffer b : buffers) {
                if (kept.contains(b)) {
                    if (parent != null) {
                        parent.buffers.add(b);
                    }
                } else {
                    b.release();
                }
            }
            buffers.clear();
        }
    }
}
