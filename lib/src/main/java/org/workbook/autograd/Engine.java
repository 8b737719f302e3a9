package org.workbook.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.workbook.tensor.Tensor;

/**
 * The backward pass: orders the graph topologically without recursion (deep graphs
 * must not overflow the stack), then hands each node the sum of the gradients of
 * all its uses, and accumulates into the leaves' {@code .grad} as torch does.
 *
 * <p>A leaf without a gradient gets a copy of the incoming one, unless the node that
 * made it declared it {@linkplain Node#fresh fresh} (allocated by that backward, handed to
 * no one else): then the leaf takes the tensor itself, as torch's AccumulateGrad steals a
 * gradient nothing else references. That copy was a whole extra pass (and a fresh,
 * zeroed array) per parameter per step.
 */
public final class Engine {
    /**
     * The innermost backward running on this thread: the gradients its current node marked
     * fresh (a node's backward may run a nested backward, which gets its own set).
     */
    private static final ThreadLocal<Fresh> FRESH = new ThreadLocal<>();

    private Engine() { }

    /** Runs backward from {@code root} seeded with {@code gradient}. */
    public static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("element 0 of tensors does not require grad and does not have a grad_fn "
                + "(backward() needs a result computed from a tensor with requiresGrad_(); was it computed inside "
                + "noGrad(), or from detach()/data()?)");
        }
        if (gradient == null) {
            if (root.numel() != 1) {
                throw new IllegalStateException("grad can be implicitly created only for scalar outputs (this output "
                    + "has shape " + Arrays.toString(root.shapeArray()) + "; reduce it, e.g. loss.mean(), or pass "
                    + "the gradient: backward(gradient))");
            }
            gradient = Tensor.onesLike(root);
        } else if (!Arrays.equals(gradient.shapeArray(), root.shapeArray())) {
            throw new IllegalArgumentException("Mismatch in shape: grad_output has a shape of "
                + Arrays.toString(gradient.shapeArray()) + " and output has a shape of "
                + Arrays.toString(root.shapeArray()));
        }
        try (GradMode.Scope s = GradMode.noGrad()) {
            if (root.gradFn() == null) {
                accumulate(root, gradient);
                return;
            }
            run(root.gradFn(), gradient, retainGraph);
        }
    }

    private static void run(Node start, Tensor gradient, boolean retainGraph) {
        Fresh outer = FRESH.get();
        Fresh fresh = new Fresh();
        FRESH.set(fresh);
        try {
            run(start, gradient, retainGraph, fresh);
        } finally {
            FRESH.set(outer);
        }
    }

    private static void run(Node start, Tensor gradient, boolean retainGraph, Fresh fresh) {
        List<Node> order = topologicalOrder(start);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        pending.put(start, gradient);
        for (Node node : order) {
            Tensor g = pending.remove(node);
            if (g == null) {
                continue; // no path carried a gradient here
            }
            fresh.clear();
            Tensor[] grads;
            try {
                grads = node.apply(g);
            } finally {
                fresh.active = false;
            }
            if (!retainGraph) {
                node.release();
            }
            for (int i = 0; i < node.inputCount(); i++) {
                Node fn = node.nextAt(i);
                Tensor leaf = node.leafAt(i);
                if (grads[i] == null || (fn == null && leaf == null)) {
                    continue;
                }
                Tensor gi = grads[i];
                int[] expected = node.inputAt(i).shapeArray();
                if (!Arrays.equals(gi.shapeArray(), expected)) {
                    throw new IllegalStateException("Function " + node.name() + " returned an invalid gradient at "
                        + "index " + i + " - got " + Arrays.toString(gi.shapeArray()) + " but expected shape "
                        + "compatible with " + Arrays.toString(expected));
                }
                if (fn == null) {
                    if (leaf.currentGrad() == null && fresh.contains(gi) && once(grads, i) && owns(gi, leaf)) {
                        leaf.adoptGrad(gi);
                    } else {
                        accumulate(leaf, gi);
                    }
                } else {
                    pending.merge(fn, gi, Tensor::add);
                }
            }
        }
    }

    /** True when grads[i] is no other slot's tensor too (two leaves must never share one gradient). */
    private static boolean once(Tensor[] grads, int i) {
        for (int j = 0; j < grads.length; j++) {
            if (j != i && grads[j] == grads[i]) {
                return false;
            }
        }
        return true;
    }

    /** g can become leaf's own .grad as it is: same dtype and device, and it spans its whole storage. */
    private static boolean owns(Tensor g, Tensor leaf) {
        return g.dtype() == leaf.dtype() && g.device().equals(leaf.device()) && g.gradFn() == null
            && g.isContiguous() && g.offset() == 0 && g.storage().length() == g.numel();
    }

    /** Called by {@link Node#fresh} while a node's backward runs under the engine; ignored otherwise. */
    static void markFresh(Tensor t) {
        Fresh f = FRESH.get();
        if (f != null && f.active && t != null) {
            f.add(t);
        }
    }

    /** A tiny identity set: a node returns at most a handful of gradients. */
    private static final class Fresh {
        private Tensor[] items = new Tensor[4];
        private int n;
        private boolean active;

        void clear() {
            java.util.Arrays.fill(items, 0, n, null);
            n = 0;
            active = true;
        }

        void add(Tensor t) {
            if (n == items.length) {
                items = java.util.Arrays.copyOf(items, n * 2);
            }
            items[n++] = t;
        }

        boolean contains(Tensor t) {
            for (int i = 0; i < n; i++) {
                if (items[i] == t) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Adds g into leaf.grad (a fresh tensor the first time, then in place), as torch's AccumulateGrad. */
    private static void accumulate(Tensor leaf, Tensor g) {
        Tensor cur = leaf.currentGrad();
        if (cur == null) {
            // A fresh tensor the leaf owns: contiguous() already copies a non-contiguous g, clone() the rest.
            Tensor fresh = g.dtype() != leaf.dtype() ? g.to(leaf.dtype()) : g.isContiguous() ? g.clone() : g.contiguous();
            leaf.adoptGrad(fresh);
        } else {
            cur.add_(g);
        }
    }

    /** Nodes reachable from start, each after every node that feeds it a gradient. */
    static List<Node> topologicalOrder(Node start) {
        // Count, for each node, how many edges from reachable nodes point at it.
        Map<Node, Integer> deps = new IdentityHashMap<>();
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(start);
        deps.put(start, 0);
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        seen.put(start, true);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (int i = 0; i < n.inputCount(); i++) {
                Node fn = n.nextAt(i);
                if (fn == null) {
                    continue;
                }
                deps.merge(fn, 1, Integer::sum);
                if (seen.put(fn, true) == null) {
                    stack.push(fn);
                }
            }
        }
        // Kahn's algorithm from the root.
        List<Node> order = new ArrayList<>(deps.size());
        Deque<Node> ready = new ArrayDeque<>();
        ready.add(start);
        Map<Node, Integer> left = new HashMap<>(deps.size() * 2);
        left.putAll(deps);
        while (!ready.isEmpty()) {
            Node n = ready.poll();
            order.add(n);
            for (int i = 0; i < n.inputCount(); i++) {
                Node fn = n.nextAt(i);
                if (fn == null) {
                    continue;
                }
                int r = left.merge(fn, -1, Integer::sum);
                if (r == 0) {
                    ready.add(fn);
                }
            }
        }
        return order;
    }
}
