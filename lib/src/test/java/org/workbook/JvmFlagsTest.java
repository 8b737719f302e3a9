package org.workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The JVM flags live in JvmFlags.REQUIRED; the shell's WB_JVM_FLAGS and the poms' wb.jvm.flags say the same. */
class JvmFlagsTest {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @Test
    void theScriptsAndThePomsPassTheSameFlags() throws Exception {
        Matcher sh = Pattern.compile("(?m)^WB_JVM_FLAGS=\\((.*)\\)$")
            .matcher(Files.readString(ROOT.resolve("scripts/common.sh")));
        assertTrue(sh.find(), "scripts/common.sh sets WB_JVM_FLAGS=(...)");
        assertEquals(JvmFlags.REQUIRED, List.of(sh.group(1).trim().split("\\s+")));
        Matcher pom = Pattern.compile("<wb.jvm.flags>(.*)</wb.jvm.flags>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(pom.find(), "pom.xml sets wb.jvm.flags");
        assertEquals(JvmFlags.REQUIRED, Arrays.asList(pom.group(1).trim().split("\\s+")));
    }

    @Test
    void thisTestJvmHasThem() {
        List<String> args = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(args.containsAll(JvmFlags.REQUIRED), "surefire's argLine: " + args);
        assertTrue(ModuleLayer.boot().findModule(JvmFlags.VECTOR_MODULE).isPresent());
    }

    @Test
    void onlyTheStartupWarningIsDropped() {
        String err = JvmFlags.INCUBATOR_WARNING + "\nException in thread \"main\" java.lang.Error: boom\n";
        assertEquals("Exception in thread \"main\" java.lang.Error: boom\n", JvmFlags.withoutStartupNoise(err));
        assertEquals("", JvmFlags.withoutStartupNoise(JvmFlags.INCUBATOR_WARNING + "\n"));
        assertEquals("plain\n", JvmFlags.withoutStartupNoise("plain\n"));
        assertFalse(JvmFlags.isStartupNoise("WARNING: something else"));
    }
}
