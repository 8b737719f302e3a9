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
 */
public final class Engine {
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
        List<Node> order = topologicalOrder(start);
        Map<Node, Tensor> pending = new IdentityHashMap<>();
        pending.put(start, gradient);
        for (Node node : order) {
            Tensor g = pending.remove(node);
            if (g == null) {
                continue; // no path carried a gradient here
            }
            Tensor[] grads = node.apply(g);
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
                    accumulate(leaf, gi);
                } else {
                    pending.merge(fn, gi, Tensor::add);
                }
            }
        }
    }

    /** Adds g into leaf.grad (a fresh tensor the first time, then in place), as torch's AccumulateGrad. */
    private static void accumulate(Tensor leaf, Tensor g) {
        Tensor cur = leaf.grad();
        if (cur == null) {
            // A fresh tensor the leaf owns: contiguous() already copies a non-contiguous g, clone() the rest.
            Tensor fresh = g.dtype() != leaf.dtype() ? g.to(leaf.dtype()) : g.isContiguous() ? g.clone() : g.contiguous();
            leaf.setGrad(fresh);
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
