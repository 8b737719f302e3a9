package org.workbook.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** How -p values become Java source. */
class ParametersTest {
    @Test
    void devicesWrittenAsOnTheCommandLineAreParsed() {
        assertEquals("Device.parse(\"cuda\")", Parameters.javaValue("Device", "cuda"));
        assertEquals("Device.parse(\"cuda:1\")", Parameters.javaValue("org.workbook.tensor.Device", "cuda:1"));
        assertEquals("Device.parse(\"CPU\")", Parameters.javaValue("Device", " CPU "));
        assertEquals("Device.cuda(0)", Parameters.javaValue("Device", "Device.cuda(0)"), "Java source stays as it is");
        assertEquals("cuda", Parameters.javaValue("String", "cuda"), "only Device-typed variables are parsed");
        assertEquals("3", Parameters.javaValue("int", "3"));
    }
}
