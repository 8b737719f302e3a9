package org.workbook.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.workbook.tensor.Tensors.manualSeed;
import static org.workbook.tensor.Tensors.tensor;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workbook.tensor.DType;
import org.workbook.tensor.Tensor;
import org.workbook.tensor.Tensors;

/** Saving and loading parameters by name, and the errors a student sees when the file or model is wrong. */
class StateDictTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        return new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
    }

    @Test
    void saveThenLoadRestoresEveryValue() {
        manualSeed(1);
        Sequential a = model();
        manualSeed(2);
        Sequential b = model();
        assertFalse(a.stateDict().get("0.weight").equal(b.stateDict().get("0.weight")));
        Path file = dir.resolve("sub/model.wbsd");
        a.save(file);
        b.load(file);
        for (Map.Entry<String, Tensor> e : a.stateDict().entrySet()) {
            assertTrue(e.getValue().equal(b.stateDict().get(e.getKey())), e.getKey());
        }
        Tensor x = Tensors.randn(5, 3);
        assertTrue(a.apply(x).equal(b.apply(x)));
        assertTrue(b.parameters().stream().allMatch(p -> p.requiresGrad() && p.isLeaf()));
    }

    @Test
    void stateDictIsACopy() {
        Linear lin = new Linear(2, 2);
        Map<String, Tensor> sd = lin.stateDict();
        assertEquals(java.util.List.of("weight", "bias"), java.util.List.copyOf(sd.keySet()));
        sd.get("bias").fill_(42);
        assertNotEquals(42.0, lin.bias.get("0").item());
        assertFalse(sd.get("weight").requiresGrad());
    }

    @Test
    void float64AndInt64EntriesRoundTrip() {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("d", tensor(1.0 / 3, -2.5).toDouble());
        sd.put("n", tensor(3, -4, 5).reshape(3, 1));
        sd.put("scalar", tensor(0.1f).reshape());
        Path file = dir.resolve("mixed.wbsd");
        StateDicts.save(sd, file);
        Map<String, Tensor> back = StateDicts.read(file);
        assertEquals(sd.keySet(), back.keySet());
        for (String k : sd.keySet()) {
            assertEquals(sd.get(k).dtype(), back.get(k).dtype(), k);
            assertTrue(sd.get(k).equal(back.get(k)), k);
        }
    }

    @Test
    void missingAndUnexpectedKeysAreNamed() {
        Sequential m = model();
        Map<String, Tensor> sd = m.stateDict();
        sd.remove("2.bias");
        sd.put("3.weight", tensor(1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(sd));
        assertEquals("Error(s) in loading state_dict for Sequential: Missing key(s): [2.bias]. "
            + "Unexpected key(s): [3.weight]. Is the file from a model with the same layers?", e.getMessage());
    }

    @Test
    void aMisShapedEntryIsNamedWithBothShapes() {
        Sequential m = model();
        Map<String, Tensor> sd = m.stateDict();
        sd.put("0.weight", Tensors.zeros(4, 2));
        Tensor before = m.stateDict().get("0.bias");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.loadStateDict(sd));
        assertEquals("size mismatch for 0.weight: copying a param with shape [4, 2] from checkpoint, the shape in "
            + "current model is [4, 3].", e.getMessage());
        assertTrue(before.equal(m.stateDict().get("0.bias")), "nothing was loaded");
    }

    @Test
    void aFileThatIsNotAStateDict() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello, this is not a model");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().load(file));
        assertTrue(e.getMessage().startsWith(file + " is not a saved state dict"), e.getMessage());
    }

    @Test
    void aTruncatedFile() throws IOException {
        Path file = dir.resolve("m.wbsd");
        model().save(file);
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.wbsd");
        Files.write(cut, Arrays.copyOf(all, all.length - 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().load(cut));
        assertTrue(e.getMessage().startsWith(cut + " is truncated"), e.getMessage());
    }

    @Test
    void corruptHeadersGiveClearErrorsNotCrashes() throws IOException {
        assertCorrupt(1, "NOT_A_DTYPE", new int[] {2}, "unknown dtype NOT_A_DTYPE");
        assertCorrupt(1, "FLOAT32", new int[] {-3}, "invalid shape [-3]");
        assertCorrupt(1, "FLOAT32", new int[] {1 << 20, 1 << 20}, "invalid shape [1048576, 1048576]");
        assertCorrupt(-5, "FLOAT32", new int[] {2}, "invalid entry count -5");
        assertCorrupt(2, "FLOAT32", new int[] {1 << 28}, "is truncated");
    }

    private void assertCorrupt(int count, String dtype, int[] shape, String expected) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x57425344);
            out.writeInt(1);
            out.writeInt(count);
            out.writeUTF("w");
            out.writeUTF(dtype);
            out.writeInt(shape.length);
            for (int d : shape) {
                out.writeInt(d);
            }
            out.writeFloat(1f);
        }
        Path file = dir.resolve("corrupt.wbsd");
        Files.write(file, bytes.toByteArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StateDicts.read(file));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aMissingFileNamesThePath() {
        Path file = dir.resolve("nope.wbsd");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> model().load(file));
        assertTrue(e.getMessage().startsWith("could not read the state dict " + file), e.getMessage());
    }

    @Test
    void loadingKeepsTheParametersDtype() {
        Linear lin = new Linear(2, 1);
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("weight", tensor(0.5, 0.25).toDouble().reshape(1, 2));
        sd.put("bias", tensor(1.0).toDouble().reshape(1));
        lin.loadStateDict(sd);
        assertEquals(DType.FLOAT32, lin.weight.dtype());
        assertEquals("tensor([[0.5000, 0.2500]])", lin.weight.detach().toString());
    }
}
