package org.workbook.differential;

import java.util.List;
import java.util.Map;

import org.workbook.nn.BCELoss;
import org.workbook.nn.BCEWithLogitsLoss;
import org.workbook.nn.CrossEntropyLoss;
import org.workbook.nn.Flatten;
import org.workbook.nn.L1Loss;
import org.workbook.nn.LeakyReLU;
import org.workbook.nn.LogSoftmax;
import org.workbook.nn.Loss;
import org.workbook.nn.MSELoss;
import org.workbook.nn.Module;
import org.workbook.nn.NLLLoss;
import org.workbook.nn.ReLU;
import org.workbook.nn.Sigmoid;
import org.workbook.nn.Softmax;
import org.workbook.nn.Tanh;
import org.workbook.tensor.Tensor;

/** The case language's nn modules: "module" applies one, "module_repr" prints it. */
final class ModuleCalls {
    private ModuleCalls() { }

    static Object call(String op, List<Object> a, Map<String, Object> k) {
        Object m = create((String) k.get("cls"), (List<?>) k.getOrDefault("args", List.of()));
        if (op.equals("module_repr")) {
            return m.toString();
        }
        if (m instanceof Loss loss) {
            return loss.apply((Tensor) a.get(0), (Tensor) a.get(1));
        }
        return ((Module) m).apply((Tensor) a.get(0));
    }

    private static Object create(String cls, List<?> args) {
        switch (cls) {
            case "ReLU": return new ReLU();
            case "Sigmoid": return new Sigmoid();
            case "Tanh": return new Tanh();
            case "LeakyReLU": return args.isEmpty() ? new LeakyReLU() : new LeakyReLU(num(args, 0));
            case "Softmax": return new Softmax((int) num(args, 0));
            case "LogSoftmax": return new LogSoftmax((int) num(args, 0));
            case "Flatten": return args.isEmpty() ? new Flatten() : new Flatten((int) num(args, 0), (int) num(args, 1));
            case "MSELoss": return new MSELoss();
            case "L1Loss": return new L1Loss();
            case "BCELoss": return new BCELoss();
            case "BCEWithLogitsLoss": return new BCEWithLogitsLoss();
            case "CrossEntropyLoss": return new CrossEntropyLoss();
            case "NLLLoss": return new NLLLoss();
            default: throw new IllegalArgumentException("the differential interpreter has no module " + cls);
        }
    }

    private static double num(List<?> args, int i) {
        return ((Number) args.get(i)).doubleValue();
    }
}
