package org.workbook.kernel.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.workbook.display.MimeBundle;

import java.util.List;
import java.util.Map;

/**
 * The model states of ipywidgets 8 (widget protocol 2.1.0): sliders and boxes
 * from {@code @jupyter-widgets/controls} 2.0.0, layouts and styles from
 * {@code @jupyter-widgets/base} 2.0.0, output areas from
 * {@code @jupyter-widgets/output} 1.0.0. What JupyterLab's widget manager
 * expects in a {@code comm_open}.
 */
final class WidgetState {
    static final String PROTOCOL = "2.1.0";
    static final String CONTROLS = "@jupyter-widgets/controls";
    static final String BASE = "@jupyter-widgets/base";
    static final String OUTPUT = "@jupyter-widgets/output";

    private WidgetState() { }

    static String ref(String id) {
        return "IPY_MODEL_" + id;
    }

    private static JsonObject model(String module, String version, String model, String viewModule, String viewVersion, String view) {
        JsonObject s = new JsonObject();
        s.addProperty("_model_module", module);
        s.addProperty("_model_module_version", version);
        s.addProperty("_model_name", model);
        s.addProperty("_view_module", viewModule);
        s.addProperty("_view_module_version", viewVersion);
        if (view == null) {
            s.add("_view_name", JsonNull.INSTANCE);
        } else {
            s.addProperty("_view_name", view);
        }
        s.add("_view_count", JsonNull.INSTANCE);
        return s;
    }

    static JsonObject layout() {
        return model(BASE, "2.0.0", "LayoutModel", BASE, "2.0.0", "LayoutView");
    }

    static JsonObject sliderStyle() {
        JsonObject s = model(CONTROLS, "2.0.0", "SliderStyleModel", BASE, "2.0.0", "StyleView");
        s.addProperty("description_width", "");
        s.add("handle_color", JsonNull.INSTANCE);
        return s;
    }

    private static void domWidget(JsonObject s, String layoutId) {
        s.add("_dom_classes", new JsonArray());
        s.addProperty("layout", ref(layoutId));
        s.add("tabbable", JsonNull.INSTANCE);
        s.add("tooltip", JsonNull.INSTANCE);
    }

    static JsonObject slider(Slider sl, String layoutId, String styleId) {
        String kind = sl.isInteger() ? "IntSlider" : "FloatSlider";
        JsonObject s = model(CONTROLS, "2.0.0", kind + "Model", CONTROLS, "2.0.0", kind + "View");
        domWidget(s, layoutId);
        s.addProperty("style", ref(styleId));
        s.addProperty("description", sl.name());
        s.addProperty("description_allow_html", false);
        s.addProperty("disabled", false);
        s.addProperty("behavior", "drag-tap");
        // Redraw when the slider is let go: a chart per pixel of drag would queue up.
        s.addProperty("continuous_update", false);
        s.addProperty("orientation", "horizontal");
        s.addProperty("readout", true);
        s.addProperty("readout_format", sl.isInteger() ? "d" : ".2f");
        if (sl.isInteger()) {
            s.addProperty("min", (long) sl.min());
            s.addProperty("max", (long) sl.max());
            s.addProperty("step", (long) sl.step());
            s.addProperty("value", (long) sl.value());
        } else {
            s.addProperty("min", sl.min());
            s.addProperty("max", sl.max());
            s.addProperty("step", sl.step());
            s.addProperty("value", sl.value());
        }
        return s;
    }

    static JsonObject output(String layoutId, MimeBundle content) {
        JsonObject s = model(OUTPUT, "1.0.0", "OutputModel", OUTPUT, "1.0.0", "OutputView");
        domWidget(s, layoutId);
        s.addProperty("msg_id", "");
        s.add("outputs", outputs(content));
        return s;
    }

    static JsonObject vbox(List<String> children, String layoutId) {
        JsonObject s = model(CONTROLS, "2.0.0", "VBoxModel", CONTROLS, "2.0.0", "VBoxView");
        domWidget(s, layoutId);
        JsonArray classes = new JsonArray();
        classes.add("widget-interact");
        s.add("_dom_classes", classes);
        s.addProperty("box_style", "");
        JsonArray c = new JsonArray();
        children.forEach(id -> c.add(ref(id)));
        s.add("children", c);
        return s;
    }

    /** An Output model's {@code outputs}: one display_data holding {@code content}. */
    static JsonArray outputs(MimeBundle content) {
        JsonArray list = new JsonArray();
        if (content == null) {
            return list;
        }
        JsonObject out = new JsonObject();
        out.addProperty("output_type", "display_data");
        JsonObject data = new JsonObject();
        content.data().forEach(data::addProperty);
        out.add("data", data);
        out.add("metadata", com.google.gson.JsonParser.parseString(new com.google.gson.Gson().toJson(content.metadata())));
        list.add(out);
        return list;
    }

    /** The display_data bundle of a widget view, with a static picture for front ends without widgets. */
    static Map<String, Object> viewBundle(String modelId, String text, MimeBundle picture) {
        JsonObject view = new JsonObject();
        view.addProperty("version_major", 2);
        view.addProperty("version_minor", 0);
        view.addProperty("model_id", modelId);
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("text/plain", text);
        if (picture != null && picture.has("image/png")) {
            data.put("image/png", picture.data().get("image/png"));
        }
        data.put("application/vnd.jupyter.widget-view+json", view);
        return data;
    }
}
