package org.workbook.kernel.widgets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.kernel.comm.Comm;
import io.github.spencerpark.jupyter.kernel.comm.CommManager;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.comm.CommCloseCommand;
import io.github.spencerpark.jupyter.messages.comm.CommMsgCommand;
import org.workbook.display.MimeBundle;
import org.workbook.display.Renderers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Live widgets in the kernel: each model is a comm ({@code jupyter.widget},
 * metadata {@code {"version": "2.1.0"}}); a slider moved in the front end
 * arrives as a {@code comm_msg} "update", the function is run again on the
 * cell thread (so an interrupt stops it too) and its new picture is sent to
 * the Output model. The displayed bundle also carries a PNG of the first
 * state, for front ends that do not run widgets (exports, graders).
 */
public final class KernelWidgetHost implements WidgetHost {
    /** Runs a callback the way cells run (on the stoppable cell thread). */
    @FunctionalInterface
    public interface CellThread {
        Object call(Callable<?> task) throws Throwable;
    }

    private static final String TARGET = "jupyter.widget";

    private final CommManager comms;
    private final Consumer<DisplayData> display;
    private final CellThread cellThread;

    public KernelWidgetHost(CommManager comms, Consumer<DisplayData> display, CellThread cellThread) {
        this.comms = comms;
        this.display = display;
        this.cellThread = cellThread;
    }

    private final class WidgetComm extends Comm {
        private final JsonObject state;
        private final Consumer<JsonObject> onUpdate;

        WidgetComm(CommManager m, String id, String target, JsonObject state, Consumer<JsonObject> onUpdate) {
            super(m, id, target);
            this.state = state;
            this.onUpdate = onUpdate;
        }

        @Override
        protected void onMessage(Message<CommMsgCommand> message) {
            JsonObject data = message.getContent().getData();
            String method = data.has("method") ? data.get("method").getAsString() : "";
            if (method.equals("update") && data.has("state")) {
                JsonObject changed = data.getAsJsonObject("state");
                changed.entrySet().forEach(e -> state.add(e.getKey(), e.getValue()));
                onUpdate.accept(changed);
            } else if (method.equals("request_state")) {
                send(update(state));
            }
        }

        @Override
        protected void onClose(Message<CommCloseCommand> closeMessage, boolean sending) {
        }
    }

    private static JsonObject update(JsonObject state) {
        JsonObject msg = new JsonObject();
        msg.addProperty("method", "update");
        msg.add("state", state);
        msg.add("buffer_paths", new JsonArray());
        return msg;
    }

    private WidgetComm open(JsonObject state, Consumer<JsonObject> onUpdate) {
        WidgetComm c = comms.openComm(TARGET, (m, id, target, openMessage) -> {
            openMessage.getContent().getData().add("state", state);
            openMessage.getContent().getData().add("buffer_paths", new JsonArray());
            openMessage.getNonNullMetadata().put("version", WidgetState.PROTOCOL);
            return new WidgetComm(m, id, target, state, onUpdate);
        });
        if (c == null) {
            throw new IllegalStateException("the kernel is not connected to a front end, so widgets cannot be shown");
        }
        return c;
    }

    private String openSlider(Slider s, Runnable changed) {
        String layout = open(WidgetState.layout(), u -> { }).getID();
        String style = open(WidgetState.sliderStyle(), u -> { }).getID();
        return open(WidgetState.slider(s, layout, style), u -> {
            JsonElement v = u.get("value");
            if (v != null && v.isJsonPrimitive()) {
                s.set(v.getAsDouble());
                changed.run();
            }
        }).getID();
    }

    @Override
    public void interact(List<Slider> sliders, Function<double[], Object> f) {
        MimeBundle first = render(() -> f.apply(Widgets.values(sliders)));
        String outLayout = open(WidgetState.layout(), u -> { }).getID();
        WidgetComm out = open(WidgetState.output(outLayout, first), u -> { });
        List<String> children = new ArrayList<>();
        Runnable redraw = () -> {
            MimeBundle b = onCellThread(() -> render(() -> f.apply(Widgets.values(sliders))));
            JsonObject state = new JsonObject();
            state.add("outputs", WidgetState.outputs(b));
            out.send(update(state));
        };
        for (Slider s : sliders) {
            children.add(openSlider(s, redraw));
        }
        children.add(out.getID());
        String box = open(WidgetState.vbox(children, open(WidgetState.layout(), u -> { }).getID()), u -> { }).getID();
        StringBuilder text = new StringBuilder("interactive(");
        for (int i = 0; i < sliders.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(sliders.get(i).name()).append('=').append(sliders.get(i).value());
        }
        show(WidgetState.viewBundle(box, text.append(')').toString(), first));
    }

    @Override
    public void show(Widget widget) {
        if (widget instanceof Output o) {
            WidgetComm c = open(WidgetState.output(open(WidgetState.layout(), u -> { }).getID(), o.content()), u -> { });
            o.onUpdate(b -> {
                JsonObject state = new JsonObject();
                state.add("outputs", WidgetState.outputs(b));
                c.send(update(state));
            });
            show(WidgetState.viewBundle(c.getID(), o.toString(), o.content()));
        } else if (widget instanceof Slider s) {
            show(WidgetState.viewBundle(openSlider(s, () -> { }), s.toString(), null));
        } else {
            throw new IllegalArgumentException("cannot show " + widget.getClass().getName() + " as a widget");
        }
    }

    private void show(Map<String, Object> data) {
        DisplayData d = new DisplayData();
        data.forEach(d::putData);
        display.accept(d);
    }

    /** The function's result as a bundle; an exception becomes its message, so the slider stays usable. */
    private static MimeBundle render(Callable<Object> f) {
        try {
            return Renderers.render(f.call());
        } catch (Exception e) {
            return MimeBundle.text(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private MimeBundle onCellThread(Callable<MimeBundle> task) {
        try {
            return (MimeBundle) cellThread.call(task);
        } catch (Throwable t) {
            return MimeBundle.text("interrupted or failed: " + t);
        }
    }
}
