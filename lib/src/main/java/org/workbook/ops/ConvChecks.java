package org.workbook.ops;

import java.util.Arrays;

import org.workbook.tensor.Tensor;

/** conv2d's argument checks, with torch's messages and a hint at the fix. */
final class ConvChecks {
    private ConvChecks() { }

    static void check(Tensor input, Tensor weight, Tensor bias, ConvOptions o) {
        if (input.ndim() != 4) {
            throw new IllegalArgumentException("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input "
                + "of size: " + Arrays.toString(input.shapeArray()) + " (images are [N, C, H, W]: add the channel dim "
                + "with unsqueeze(1))");
        }
        if (weight.ndim() != 4) {
            throw new IllegalArgumentException("Expected " + weight.ndim() + "-dimensional weight for " + weight.ndim()
                + "-dimensional input " + Arrays.toString(input.shapeArray()) + ": conv2d's weight is 4-dimensional "
                + "[out_channels, in_channels/groups, kH, kW], but got weight of size "
                + Arrays.toString(weight.shapeArray()));
        }
        if (!input.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("conv2d takes float32 or float64 inputs, got "
                + input.dtype().torchName() + " (convert first: x.toFloat())");
        }
        if (weight.dtype() != input.dtype()) {
            throw new IllegalArgumentException("expected scalar type " + Reductions.kernelTypeName(input.dtype())
                + " but found " + Reductions.kernelTypeName(weight.dtype()) + " (the input and the weight must have "
                + "one dtype: x.toFloat(), or the model's parameters in float64)");
        }
        if (bias != null && bias.dtype() != input.dtype()) {
            throw new IllegalArgumentException("Input type (" + Reductions.kernelTypeName(input.dtype()).toLowerCase()
                + ") and bias type (" + Reductions.kernelTypeName(bias.dtype()).toLowerCase() + ") should be the same");
        }
        for (int i = 0; i < 2; i++) {
            if (o.stride()[i] <= 0) {
                throw new IllegalArgumentException("non-positive stride is not supported");
            }
            if (o.dilation()[i] <= 0) {
                throw new IllegalArgumentException("dilation should be greater than zero");
            }
            if (o.padding() != null && o.padding()[i] < 0) {
                throw new IllegalArgumentException("negative padding is not supported");
            }
        }
        if ("same".equals(o.paddingMode()) && (o.stride()[0] != 1 || o.stride()[1] != 1)) {
            throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
        }
        int g = o.groups();
        if (g <= 0) {
            throw new IllegalArgumentException("non-positive groups is not supported");
        }
        int out = weight.size(0);
        if (out % g != 0) {
            throw new IllegalArgumentException("Given groups=" + g + ", expected weight to be divisible by " + g
                + " at dimension 0, but got weight of size [" + Arrays.toString(weight.shapeArray()) + "] instead"); // [[..]] as torch
        }
        if (input.size(1) != weight.size(1) * g) {
            throw new IllegalArgumentException("Given groups=" + g + ", weight of size " + Arrays.toString(weight
                .shapeArray()) + ", expected input" + Arrays.toString(input.shapeArray()) + " to have "
                + weight.size(1) * g + " channels, but got " + input.size(1) + " channels instead");
        }
        if (bias != null && (bias.ndim() != 1 || bias.size(0) != out)) {
            throw new IllegalArgumentException("Given weight of size " + Arrays.toString(weight.shapeArray())
                + ", expected bias to be 1-dimensional with " + out + " elements, but got bias of size "
                + Arrays.toString(bias.shapeArray()) + " instead");
        }
        int[] pad = o.resolvedPadding(weight.size(2), weight.size(3));
        int ph = input.size(2) + pad[0] + pad[1];
        int pw = input.size(3) + pad[2] + pad[3];
        int kh = o.dilation()[0] * (weight.size(2) - 1) + 1;
        int kw = o.dilation()[1] * (weight.size(3) - 1) + 1;
        if (ph < kh || pw < kw) {
            throw new IllegalArgumentException("Calculated padded input size per channel: (" + ph + " x " + pw
                + "). Kernel size: (" + kh + " x " + kw + "). Kernel size can't be greater than actual input size");
        }
        Devices.common(input, weight);
        if (bias != null) {
            Devices.common(input, bias);
        }
    }
}
