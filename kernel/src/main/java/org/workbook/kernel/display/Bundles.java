package org.workbook.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import org.workbook.display.MimeBundle;
import org.workbook.display.Renderers;

import java.util.Map;

/** Converts the library's {@link MimeBundle} to the base kernel's {@link DisplayData}. */
public final class Bundles {
    private Bundles() { }

    public static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData d = new DisplayData();
        for (Map.Entry<String, String> e : bundle.data().entrySet()) {
            d.putData(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Object> e : bundle.metadata().entrySet()) {
            d.putMetaData(e.getKey(), e.getValue());
        }
        return d;
    }

    /** Any object, through the library's renderers (Tensor, charts, images, text). */
    public static DisplayData render(Object value) {
        return toDisplayData(Renderers.render(value));
    }
}
