package org.workbook.kernel.magic;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * %device: picks the default device for new tensors. The library's Device API
 * is called by reflection, so the kernel builds before (and without) it; a
 * library that gains a default-device setting is used as soon as it has one.
 */
final class DeviceMagic {
    private static final String DEVICE = "org.workbook.tensor.Device";
    private volatile String current = "cpu";

    String current() {
        return current;
    }

    String set(String arg) throws MagicException {
        String want = arg.strip().toLowerCase(java.util.Locale.ROOT);
        if (!(want.equals("cpu") || want.equals("cuda") || want.matches("cuda:\\d+"))) {
            throw new MagicException("%device takes cpu, cuda or cuda:N, not '" + arg.strip() + "'");
        }
        Class<?> deviceClass;
        try {
            deviceClass = Class.forName(DEVICE);
        } catch (ClassNotFoundException e) {
            if (want.equals("cpu")) {
                current = want;
                return "tensors are created on the CPU";
            }
            throw new MagicException("CUDA support is not built: this library has no " + DEVICE + " yet; use %device cpu");
        }
        Object device;
        try {
            device = deviceClass.getMethod("parse", String.class).invoke(null, want);
        } catch (InvocationTargetException e) {
            throw new MagicException("%device " + want + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new MagicException("%device: the library's Device has no parse(String): " + e.getMessage());
        }
        Method setter = setter(deviceClass);
        if (setter != null) {
            try {
                setter.invoke(null, device);
            } catch (InvocationTargetException e) {
                throw new MagicException("%device " + want + ": " + e.getCause().getMessage());
            } catch (IllegalAccessException e) {
                throw new MagicException("%device: cannot call " + setter + ": " + e.getMessage());
            }
            current = want;
            return "new tensors are created on " + device;
        }
        current = want;
        if (want.equals("cpu")) {
            return "tensors are created on the CPU";
        }
        return device + " is available, but this library has no default device setting yet: move tensors with .to(Device.parse(\""
                + want + "\"))";
    }

    private static Method setter(Class<?> deviceClass) {
        for (String owner : new String[] {DEVICE, "org.workbook.tensor.Tensors"}) {
            try {
                Class<?> c = owner.equals(DEVICE) ? deviceClass : Class.forName(owner);
                for (String name : new String[] {"setDefault", "setDefaultDevice"}) {
                    try {
                        return c.getMethod(name, deviceClass);
                    } catch (NoSuchMethodException e) {
                        // try the next name
                    }
                }
            } catch (ClassNotFoundException e) {
                // no such class in this library
            }
        }
        return null;
    }
}
