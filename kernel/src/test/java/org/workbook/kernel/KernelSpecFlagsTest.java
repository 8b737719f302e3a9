package org.workbook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.workbook.JvmFlags;

/** The kernelspec starts the kernel with the project's JVM flags (the Vector API's module among them), before -jar. */
class KernelSpecFlagsTest {
    @Test
    void theKernelJvmGetsTheRequiredFlags() {
        JsonArray argv = JsonParser.parseString(KernelSpec.json("/jdk/bin/java", List.of("-Xmx1g")))
            .getAsJsonObject().getAsJsonArray("argv");
        List<String> args = new ArrayList<>();
        argv.forEach(e -> args.add(e.getAsString()));
        int jar = args.indexOf("-jar");
        assertTrue(jar > 0, args.toString());
        assertTrue(args.subList(0, jar).containsAll(JvmFlags.REQUIRED), args.toString());
        assertTrue(args.subList(0, jar).contains("-Xmx1g"), args.toString());
        assertEquals("/jdk/bin/java", args.get(0));
    }
}
