package org.workbook.notebook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stable cell ids: the first 8 hex digits of the SHA-256 of a cell's type and
 * source. Building a lesson twice gives the same ids; editing one cell changes
 * only that cell's id, and inserting a cell does not renumber the others, so
 * a rebuilt notebook's diff stays small. Cells with the same type and source
 * (two empty cells, say) are told apart by how many came before.
 *
 * <pre>{@code
 * jshell> var cells = List.of(Cell.code("1 + 1"), Cell.markdown(""), Cell.markdown(""))
 * jshell> CellIds.assign(cells); cells.stream().map(Cell::id).toList()
 * $2 ==> [51acba95, 200c6cf3, 7d5bf5d4]
 * }</pre>
 */
public final class CellIds {
    private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private CellIds() {
    }

    /** Gives every cell its stable id, replacing any id it had. */
    public static void assign(List<Cell> cells) {
        Set<String> used = new HashSet<>();
        for (Cell cell : cells) {
            String base = cell.type().json() + "\n" + cell.source();
            String id = hash(base);
            for (int k = 2; !used.add(id); k++) {
                id = hash(base + "\n#" + k);
            }
            cell.setId(id);
        }
    }

    /** Why {@code id} is not a valid nbformat 4.5 cell id, or empty when it is. */
    public static Optional<String> check(String id) {
        if (VALID.matcher(id).matches()) {
            return Optional.empty();
        }
        return Optional.of("invalid cell id '" + id + "': ids are 1 to 64 characters among "
                + "letters, digits, '-' and '_'");
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
