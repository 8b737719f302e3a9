package org.workbook.nn;

import org.workbook.ops.ConvOptions;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** The modules and failing calls the golden reprs and errors of gen_conv.py name, built as in Java. */
final class ConvModules {
    private ConvModules() { }

    static Module build(String name) {
        return switch (name) {
            case "conv_default" -> new Conv2d(1, 8, 3);
            case "conv_s2p1" -> new Conv2d(1, 8, 3, 2, 1);
            case "conv_all" -> new Conv2d(4, 8, 3, ConvOptions.of(1, 2, 2, 2), false);
            case "conv_same" -> new Conv2d(2, 2, 3, ConvOptions.same(), true);
            case "maxpool" -> new MaxPool2d(2);
            case "avgpool" -> new AvgPool2d(3, 2, 1);
            case "adaptive" -> new AdaptiveAvgPool2d(1);
            case "bn2d" -> new BatchNorm2d(8);
            case "bn1d" -> new BatchNorm1d(10, 1e-5, null, false, true);
            case "dropout" -> new Dropout(0.25);
            case "seq" -> new Sequential(new Conv2d(1, 4, 3, 2, 1), new BatchNorm2d(4), new ReLU(), new Flatten());
            default -> throw new IllegalStateException("no module for golden " + name);
        };
    }

    /** The message our call throws (the test then compares it with torch's). */
    static String error(String name) {
        Tensor x = Tensors.randn(2, 3, 8, 8);
        Runnable call = switch (name) {
            case "conv_channels" -> () -> F.conv2d(x, Tensors.randn(4, 2, 3, 3), null);
            case "conv_input_dims" -> () -> F.conv2d(Tensors.randn(8, 8), Tensors.randn(4, 3, 3, 3), null);
            case "conv_kernel_too_big" -> () -> F.conv2d(x, Tensors.randn(4, 3, 9, 9), null);
            case "conv_groups" -> () -> F.conv2d(x, Tensors.randn(4, 1, 3, 3), null,
                ConvOptions.defaults().withGroups(3));
            case "conv_groups_weight" -> () -> F.conv2d(Tensors.randn(2, 4, 8, 8), Tensors.randn(3, 2, 3, 3), null,
                ConvOptions.defaults().withGroups(2));
            case "conv_bias" -> () -> F.conv2d(x, Tensors.randn(4, 3, 3, 3), Tensors.randn(5));
            case "conv_same_stride" -> () -> F.conv2d(x, Tensors.randn(4, 3, 3, 3), null,
                ConvOptions.same().withStride(2));
            case "conv_stride" -> () -> F.conv2d(x, Tensors.randn(4, 3, 3, 3), null, 0, 0);
            case "conv_padding" -> () -> F.conv2d(x, Tensors.randn(4, 3, 3, 3), null, 1, -1);
            case "maxpool_pad" -> () -> F.maxPool2d(x, 3, 1, 2);
            case "avgpool_pad" -> () -> F.avgPool2d(x, 3, 1, 2);
            case "maxpool_small" -> () -> F.maxPool2d(Tensors.randn(1, 1, 2, 2), 3);
            case "bn_features" -> () -> F.batchNorm(x, Tensors.zeros(4), Tensors.ones(4), null, null, true, 0.1,
                1e-5);
            case "bn_one_value" -> () -> F.batchNorm(Tensors.randn(1, 4), null, null, null, null, true, 0.1, 1e-5);
            case "bn2d_dims" -> () -> new BatchNorm2d(3).apply(Tensors.randn(2, 3));
            case "bn1d_dims" -> () -> new BatchNorm1d(3).apply(x);
            case "dropout_p" -> () -> F.dropout(x, 1.5);
            case "pad_odd" -> () -> F.pad(x, new int[] {1, 2, 3});
            case "pad_long" -> () -> F.pad(Tensors.randn(2), new int[] {1, 1, 1, 1});
            case "conv_weight_dtype" -> () -> F.conv2d(Tensors.randn(1, 1, 4, 4).toDouble(), Tensors.randn(1, 1, 3, 3),
                null);
            case "conv_bias_dtype" -> () -> F.conv2d(Tensors.randn(1, 1, 4, 4), Tensors.randn(1, 1, 3, 3),
                Tensors.randn(1).toDouble());
            case "maxpool_long" -> () -> F.maxPool2d(Tensors.ones(1, 1, 4, 4).toLong(), 2);
            default -> throw new IllegalStateException("no call for golden error " + name);
        };
        try {
            call.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError(name + ": expected an error, got none");
    }
}
