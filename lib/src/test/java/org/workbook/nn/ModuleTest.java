package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.ones;
import static org.workbook.tensor.Tensors.tensor;
import static org.workbook.tensor.Tensors.zeros;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.workbook.tensor.Tensor;

/** Parameter discovery, children, modes, zeroGrad, Module as a function, and torch's repr. */
class ModuleTest {
    static class Base extends Module {
        Parameter scale = param(ones(1));
        Linear first = new Linear(2, 3);

        @Override
        public Tensor forward(Tensor x) {
            return first.apply(x).mul(scale);
        }
    }

    /** Subclass fields come after the superclass's; a plain Tensor field is not a parameter. */
    static class Derived extends Base {
        Linear second = new Linear(3, 1);
        Parameter offset = param(zeros(1));
        Tensor notAParameter = ones(3);
        Parameter shared = scale;   // the same Parameter twice is listed once, as torch
        static Parameter ignoredStatic = new Parameter(zeros(1));
        final Parameter unregistered = new Parameter(zeros(2));

        @Override
        public Tensor forward(Tensor x) {
            return second.apply(super.forward(x)).add(offset);
        }
    }

    @Test
    void parametersInDeclarationOrderSuperclassFirstWithDottedNames() {
        Derived m = new Derived();
        // torch's order (checked with the same classes in PyTorch): the module's own parameters in
        // declaration order, superclass first, then each child's, depth first.
        assertEquals(List.of("scale", "offset", "unregistered", "first.weight", "first.bias", "second.weight",
            "second.bias"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(7, m.parameters().size());
        assertSame(m.first.weight, m.namedParameters().get("first.weight"));
        assertEquals(List.of("first", "second"), List.copyOf(m.namedChildren().keySet()));
        assertTrue(m.parameters().stream().allMatch(Tensor::requiresGrad));
    }

    /** Parameters made with param() but kept in no field are still found. */
    static class Registered extends Module {
        final List<Parameter> list = List.of(param(ones(2)), param(zeros(3)));

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(list.get(0)).sum().add(list.get(1).sum());
        }
    }

    @Test
    void paramRegistrationFindsParametersOutsideFields() {
        Registered m = new Registered();
        assertEquals(List.of("param0", "param1"), List.copyOf(m.namedParameters().keySet()));
        assertSame(m.list.get(1), m.parameters().get(1));
    }

    @Test
    void sequentialNamesItsParametersByPosition() {
        Sequential s = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2), Tensor::sigmoid);
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(s.namedParameters().keySet()));
        assertEquals(4, s.size());
        assertTrue(s.get(3) instanceof Lambda, "a plain function is wrapped in a Lambda");
        Tensor y = s.apply(ones(5, 4));
        assertEquals("[5, 2]", java.util.Arrays.toString(y.shapeArray()));
        assertTrue(y.ge(0.0).all().item() != 0 && y.le(1.0).all().item() != 0, "sigmoid ran last");
        s.add(x -> x.mul(2.0));
        assertEquals(5, s.size());
        Sequential nested = new Sequential(new Linear(2, 2), new Sequential(new ReLU(), new Linear(2, 1)));
        assertEquals(List.of("0.weight", "0.bias", "1.1.weight", "1.1.bias"),
            List.copyOf(nested.namedParameters().keySet()));
    }

    @Test
    void aModuleIsAUnaryOperator() {
        UnaryOperator<Tensor> layer = new Sequential(x -> x.add(1.0), new ReLU());
        List<String> out = Stream.of(tensor(-3.0), tensor(2.0)).map(layer).map(Tensor::toString)
            .collect(Collectors.toList());
        assertEquals(List.of("tensor(0.)", "tensor(3.)"), out);
        assertEquals("tensor(6.)", layer.andThen(t -> t.mul(2.0)).apply(tensor(2.0)).toString());
        assertEquals("tensor([0., 2.])", new Lambda(Tensor::relu).apply(tensor(-1.0, 2.0)).toString());
        assertEquals("tensor([[1., 2., 3., 4.]])",
            new Flatten().apply(tensor(new double[][][] {{{1, 2}, {3, 4}}})).toString());
    }

    @Test
    void trainAndEvalReachEverySubModule() {
        Derived m = new Derived();
        Sequential s = new Sequential(m, new Sequential(new ReLU()));
        assertTrue(s.isTraining());
        assertSame(s, s.eval());
        assertFalse(m.isTraining());
        assertFalse(m.second.isTraining());
        assertFalse(((Sequential) s.get(1)).get(0).isTraining());
        s.train();
        assertTrue(m.first.isTraining());
    }

    @Test
    void zeroGradClearsEveryParameterIncludingNestedOnes() {
        Derived m = new Derived();
        m.apply(ones(4, 2)).sum().backward();
        assertTrue(m.parameters().stream().filter(p -> p != m.unregistered).allMatch(p -> p.grad() != null));
        m.zeroGrad();
        assertTrue(m.parameters().stream().allMatch(p -> p.grad() == null));
    }

    static class Net extends Module {
        Sequential body = new Sequential(new Linear(4, 8), new LeakyReLU(0.2),
            new Sequential(new Linear(8, 8), new Tanh()));
        Linear head = new Linear(8, 3, false);
        LogSoftmax act = new LogSoftmax(1);

        @Override
        public Tensor forward(Tensor x) {
            return act.apply(head.apply(body.apply(x)));
        }
    }

    @Test
    void printsLikeTorch() {
        // Each expected string is repr() of the same model in PyTorch 1.13.
        assertEquals("Sequential(\n  (0): Linear(in_features=784, out_features=30, bias=True)\n  (1): ReLU()\n"
            + "  (2): Linear(in_features=30, out_features=1, bias=True)\n)",
            new Sequential(new Linear(784, 30), new ReLU(), new Linear(30, 1)).toString());
        assertEquals("Net(\n  (body): Sequential(\n    (0): Linear(in_features=4, out_features=8, bias=True)\n"
            + "    (1): LeakyReLU(negative_slope=0.2)\n    (2): Sequential(\n"
            + "      (0): Linear(in_features=8, out_features=8, bias=True)\n      (1): Tanh()\n    )\n  )\n"
            + "  (head): Linear(in_features=8, out_features=3, bias=False)\n  (act): LogSoftmax(dim=1)\n)",
            new Net().toString());
        assertEquals("Sequential(\n  (0): Flatten(start_dim=1, end_dim=-1)\n"
            + "  (1): Linear(in_features=784, out_features=30, bias=True)\n  (2): Sigmoid()\n  (3): Softmax(dim=-1)\n)",
            new Sequential(new Flatten(), new Linear(784, 30), new Sigmoid(), new Softmax(-1)).toString());
        assertEquals("LeakyReLU(negative_slope=0.01)", new LeakyReLU().toString());
        assertEquals("Parameter containing:\ntensor([0., 0.], requires_grad=True)", new Parameter(zeros(2)).toString());
        assertEquals("MSELoss()", new MSELoss().toString());
        assertEquals("CrossEntropyLoss()", new CrossEntropyLoss().toString());
        assertEquals("NLLLoss()", new NLLLoss().toString());
        assertEquals("L1Loss()", new L1Loss().toString());
        assertEquals("BCELoss()", new BCELoss().toString());
        assertEquals("BCEWithLogitsLoss()", new BCEWithLogitsLoss().toString());
    }

    @Test
    void parameterSharesStorageAndIsALeaf() {
        Tensor t = tensor(1.0, 2.0);
        Parameter p = new Parameter(t);
        assertSame(t.storage(), p.storage());
        assertTrue(p.isLeaf());
        assertTrue(p.requiresGrad());
        assertFalse(new Parameter(t, false).requiresGrad());
        Parameter fromGraph = new Parameter(tensor(1.0).requiresGrad_().mul(2.0));
        assertTrue(fromGraph.isLeaf(), "a Parameter made from a computed tensor is a new leaf");
    }

    @Test
    void toDeviceCpuIsANoOp() {
        Linear lin = new Linear(2, 2);
        Tensor w = lin.weight;
        assertSame(lin, lin.to(org.workbook.tensor.Device.CPU));
        assertSame(w, lin.weight);
    }
}
