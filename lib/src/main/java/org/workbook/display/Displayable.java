package org.workbook.display;

/**
 * Implemented by library objects that know how to show themselves (tensors,
 * tables, figures). Anything else goes through the renderers registered in
 * {@link Renderers}, and at worst through {@code toString()}.
 */
public interface Displayable {
    MimeBundle toMimeBundle();
}
