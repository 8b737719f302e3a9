package org.workbook.kernel.display;

import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import org.workbook.display.DisplaySink;
import org.workbook.display.MimeBundle;

import java.util.function.Supplier;

/**
 * The library's {@link DisplaySink} in a notebook: {@code Display.show} becomes
 * a {@code display_data} output of the running cell, {@code Display.update}
 * an {@code update_display_data} (the front end redraws the output in place,
 * wherever it is), {@code Display.clear} a {@code clear_output}.
 */
public final class KernelDisplaySink implements DisplaySink {
    /** Where outputs go right now: the request they answer, and whether they are wanted. */
    public interface Target {
        MessageContext parent();

        boolean silent();

        /** Sends pending prints first, so text and pictures stay in the order they were made. */
        void flush();
    }

    private final JupyterSocket iopub;
    private final Supplier<Target> target;

    public KernelDisplaySink(JupyterSocket iopub, Supplier<Target> target) {
        this.iopub = iopub;
        this.target = target;
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        Target t = target.get();
        if (t.silent()) {
            return;
        }
        t.flush();
        DisplayData d = Bundles.toDisplayData(bundle);
        if (displayId != null) {
            d.setDisplayId(displayId);
        }
        iopub.sendMessage(new Message<>(t.parent(), PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(d)));
    }

    @Override
    public void update(String displayId, MimeBundle bundle) {
        if (displayId == null) {
            throw new IllegalArgumentException("Display.update needs the id that Display.show(o, id) returned; got null");
        }
        Target t = target.get();
        if (t.silent()) {
            return;
        }
        t.flush();
        DisplayData d = Bundles.toDisplayData(bundle);
        d.setDisplayId(displayId);
        iopub.sendMessage(new Message<>(t.parent(), PublishUpdateDisplayData.MESSAGE_TYPE, new PublishUpdateDisplayData(d)));
    }

    @Override
    public void clear(boolean wait) {
        Target t = target.get();
        if (t.silent()) {
            return;
        }
        t.flush();
        PublishClearOutput c = wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW;
        iopub.sendMessage(new Message<>(t.parent(), PublishClearOutput.MESSAGE_TYPE, c));
    }

    @Override
    public boolean isInteractive() {
        return true;
    }
}
