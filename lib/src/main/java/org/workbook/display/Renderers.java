package org.workbook.display;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Turns any object into a {@link MimeBundle}. {@link Displayable} objects render
 * themselves; other types (XChart charts, {@code BufferedImage}) get a renderer
 * registered here by the package that knows them, so this package needs none of
 * their dependencies. Later registrations win over earlier ones.
 */
public final class Renderers {
    private record Entry(Class<?> type, Function<Object, MimeBundle> fn) { }

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();

    static {
        // Built-in renderers (charts, images, tensors as tables) come from providers
        // listed in META-INF/services, so this class stays free of their dependencies.
        for (RendererProvider p : ServiceLoader.load(RendererProvider.class, Renderers.class.getClassLoader())) {
            p.registerAll();
        }
    }

    private Renderers() { }

    /** Registers how to show instances of {@code type} (and its subtypes). */
    public static <T> void register(Class<T> type, Function<? super T, MimeBundle> fn) {
        ENTRIES.add(0, new Entry(type, o -> fn.apply(type.cast(o))));
    }

    /** The renderer's bundle for {@code o}, if one is registered for its type. */
    public static Optional<MimeBundle> find(Object o) {
        if (o == null) {
            return Optional.empty();
        }
        for (Entry e : new ArrayList<>(ENTRIES)) {
            if (e.type().isInstance(o)) {
                return Optional.of(e.fn().apply(o));
            }
        }
        return Optional.empty();
    }

    /** Always a bundle: Displayable, then a registered renderer, then {@code toString()}. */
    public static MimeBundle render(Object o) {
        if (o instanceof MimeBundle b) {
            return b;
        }
        if (o instanceof Displayable d) {
            return d.toMimeBundle();
        }
        return find(o).orElseGet(() -> MimeBundle.text(String.valueOf(o)));
    }
}
