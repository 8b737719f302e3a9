package org.workbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.reply.CompleteReply;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.reply.InspectReply;
import io.github.spencerpark.jupyter.messages.reply.IsCompleteReply;
import io.github.spencerpark.jupyter.messages.request.CompleteRequest;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import io.github.spencerpark.jupyter.messages.request.InspectRequest;
import io.github.spencerpark.jupyter.messages.request.IsCompleteRequest;
import io.github.spencerpark.jupyter.messages.request.ShutdownRequest;
import org.workbook.display.Display;
import org.workbook.kernel.display.Bundles;
import org.workbook.kernel.display.KernelDisplaySink;
import org.workbook.kernel.eval.CellException;
import org.workbook.kernel.eval.CodeInsight;
import org.workbook.kernel.eval.Evaluator;
import org.workbook.kernel.magic.MagicException;
import org.workbook.kernel.magic.Magics;
import org.workbook.kernel.protocol.KernelConnection;
import org.workbook.kernel.protocol.MemoryReserve;
import org.workbook.kernel.protocol.ReplyEnv;
import org.workbook.kernel.widgets.KernelWidgetHost;
import org.workbook.kernel.widgets.WidgetHost;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The Java kernel: JShell in this JVM behind the Jupyter protocol (5.3).
 * Requests arrive on the shell and control threads of {@link KernelConnection};
 * cells run on the evaluator's stoppable thread. The evaluator starts in the
 * background, so kernel_info is answered before JShell is warm.
 */
public final class WorkbookKernel extends BaseKernel {
    static final String VERSION = "0.1.0";

    private final CompletableFuture<Evaluator> evaluator;
    private final CellHistory history = new CellHistory();
    private CellStreams streams;
    private volatile CodeInsight insight;
    private volatile Magics magics;

    public WorkbookKernel(CompletableFuture<Evaluator> evaluator) {
        this.evaluator = evaluator;
    }

    /** Registers the handlers, and routes System.out/err/in and Display through the connection. */
    public void attach(KernelConnection c) {
        streams = new CellStreams(c.iopub());
        streams.install();
        Display.setSink(new KernelDisplaySink(c.iopub(), () -> new KernelDisplaySink.Target() {
            @Override
            public MessageContext parent() {
                return streams.parent();
            }

            @Override
            public boolean silent() {
                return streams.silent();
            }

            @Override
            public void flush() {
                streams.flush();
            }
        }));
        commManager.setIOPubChannel(c.iopub());
        WidgetHost.install(new KernelWidgetHost(commManager, d -> {
            if (!streams.silent()) {
                streams.flush();
                c.iopub().sendMessage(new Message<>(streams.parent(), PublishDisplayData.MESSAGE_TYPE, new PublishDisplayData(d)));
            }
        }, task -> evaluator().runner().run(task)));
        c.setHandler(MessageType.EXECUTE_REQUEST, this::onExecute);
        c.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, m) -> {
            env.setBusyDeferIdle();
            Replies.send(env, m, MessageType.KERNEL_INFO_REPLY, Replies.kernelInfo(VERSION));
        });
        c.setHandler(MessageType.COMPLETE_REQUEST, this::onComplete);
        c.setHandler(MessageType.INSPECT_REQUEST, this::onInspect);
        c.setHandler(MessageType.IS_COMPLETE_REQUEST, this::onIsComplete);
        c.setHandler(MessageType.HISTORY_REQUEST, this::onHistory);
        c.setHandler(MessageType.INTERRUPT_REQUEST, (env, m) -> {
            env.setBusyDeferIdle();
            interrupt();
            Replies.send(env, m, MessageType.INTERRUPT_REPLY, Replies.ok());
        });
        c.setHandler(MessageType.SHUTDOWN_REQUEST, (env, m) -> {
            ShutdownRequest r = m.getContent();
            env.setBusyDeferIdle();
            onShutdown(r.isRestart());
            Replies.send(env, m, MessageType.SHUTDOWN_REPLY, Replies.shutdown(r.isRestart()));
            env.markForShutdown();
        });
        c.setHandler(MessageType.COMM_OPEN_COMMAND, commManager::handleCommOpenCommand);
        c.setHandler(MessageType.COMM_MSG_COMMAND, (env, m) -> {
            commManager.setMessageContext(m);
            streams.beginCell(env, m, false, false);
            try {
                commManager.handleCommMsgCommand(env, m);
            } finally {
                streams.endCell(env);
            }
        });
        c.setHandler(MessageType.COMM_CLOSE_COMMAND, commManager::handleCommCloseCommand);
        c.setHandler(MessageType.COMM_INFO_REQUEST, (env, m) -> {
            env.setBusyDeferIdle();
            JsonObject comms = new JsonObject();
            String target = m.getContent().getTargetName();
            commManager.forEach(comm -> {
                if (target == null || target.equals(comm.getTargetName())) {
                    JsonObject info = new JsonObject();
                    info.addProperty("target_name", comm.getTargetName());
                    comms.add(comm.getID(), info);
                }
            });
            JsonObject reply = Replies.ok();
            reply.add("comms", comms);
            Replies.send(env, m, MessageType.COMM_INFO_REPLY, reply);
        });
    }

    private Evaluator evaluator() {
        try {
            return evaluator.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while JShell was starting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell could not start: " + e.getCause(), e.getCause());
        }
    }

    private Magics magics() {
        if (magics == null) {
            magics = new Magics(evaluator(), System.out, Path.of("").toAbsolutePath());
        }
        return magics;
    }

    private CodeInsight insight() {
        if (insight == null) {
            insight = new CodeInsight(evaluator());
        }
        return insight;
    }

    private void onExecute(ShellReplyEnvironment env, Message<ExecuteRequest> m) {
        ExecuteRequest req = m.getContent();
        boolean silent = req.isSilent();
        boolean store = req.shouldStoreHistory() && !silent;
        int count = store ? executionCount.getAndIncrement() : Math.max(1, executionCount.get() - 1);
        env.setBusyDeferIdle();
        if (!silent) {
            env.publish(new PublishExecuteInput(req.getCode(), count));
        }
        if (store) {
            history.add(count, req.getCode());
        }
        commManager.setMessageContext(m);
        streams.beginCell(env, m, silent, req.isStdinEnabled());
        MemoryReserve.refill();
        try {
            Evaluator.Result r = magics().run(req.getCode(), "In [" + count + "]");
            streams.flush();
            for (String note : r.notes()) {
                if (!silent) {
                    env.publish(new PublishStream(PublishStream.StreamType.OUT, "note: " + note + "\n"));
                }
            }
            if (r.hasValue() && !silent) {
                DisplayData d = Bundles.result(r.value());
                env.publish(new PublishExecuteResult(count, d));
                if (store && d.getData(MIMEType.TEXT_PLAIN) != null) {
                    history.setOutput(count, String.valueOf(d.getData(MIMEType.TEXT_PLAIN)));
                }
            }
            env.defer().reply(new ExecuteReply(count, Collections.emptyMap()));
        } catch (CellException e) {
            fail(env, count, silent, e.ename(), e.evalue(), e.traceback());
            if (req.shouldStopOnError() && env instanceof ReplyEnv r) {
                r.abortQueuedExecutes();
            }
        } catch (MagicException e) {
            fail(env, count, silent, "UsageError", e.getMessage(), List.of("\u001b[0;31mUsageError: " + e.getMessage() + "\u001b[0m"));
            if (req.shouldStopOnError() && env instanceof ReplyEnv r) {
                r.abortQueuedExecutes();
            }
        } catch (RuntimeException e) {
            fail(env, count, silent, e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    List.of("kernel error: " + e));
        } catch (OutOfMemoryError e) {
            // The cell keeps the heap full (it caught an OutOfMemoryError itself, say): the
            // reserve makes room for this reply.
            MemoryReserve.release();
            fail(env, count, silent, "OutOfMemoryError", "the heap is full; set big variables to null or restart the kernel",
                    List.of("\u001b[0;31mOutOfMemoryError: the heap is full; set big variables to null or restart the kernel\u001b[0m"));
        } finally {
            MemoryReserve.releaseIfLow();
            streams.endCell(env);
        }
    }

    private void fail(ShellReplyEnvironment env, int count, boolean silent, String ename, String evalue, List<String> tb) {
        streams.flush();
        if (!silent) {
            env.publish(new PublishError(ename, evalue, tb));
        }
        ErrorReply error = new ErrorReply(ename, evalue, tb);
        error.setExecutionCount(count);
        env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
    }

    private void onComplete(ShellReplyEnvironment env, Message<CompleteRequest> m) {
        CompleteRequest r = m.getContent();
        env.setBusyDeferIdle();
        CodeInsight.Completion c = insight().complete(r.getCode(), r.getCursorPos());
        env.reply(new CompleteReply(c.matches(), c.start(), c.end(), Collections.emptyMap()));
    }

    private void onInspect(ShellReplyEnvironment env, Message<InspectRequest> m) {
        InspectRequest r = m.getContent();
        env.setBusyDeferIdle();
        String doc = insight().inspect(r.getCode(), r.getCursorPos());
        env.reply(new InspectReply(doc != null, doc == null ? DisplayData.EMPTY : new DisplayData(doc)));
    }

    private void onIsComplete(ShellReplyEnvironment env, Message<IsCompleteRequest> m) {
        env.setBusyDeferIdle();
        CodeInsight.CompleteStatus s = insight().isComplete(m.getContent().getCode());
        env.reply(switch (s.status()) {
            case "complete" -> IsCompleteReply.VALID_CODE;
            case "invalid" -> IsCompleteReply.INVALID_CODE;
            default -> IsCompleteReply.getIncompleteReplyWithIndent(s.indent());
        });
    }

    private void onHistory(ShellReplyEnvironment env, Message<HistoryRequest> m) {
        HistoryRequest r = m.getContent();
        env.setBusyDeferIdle();
        JsonArray entries = switch (r.getAccessType()) {
            case TAIL -> history.tail(((HistoryRequest.Tail) r).getMaxReturnLength(), r.includeOutput());
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) r;
                yield history.range(range.getSessionIndex(), range.getStart(), range.getStop(), r.includeOutput());
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) r;
                yield history.search(s.getPattern(), s.getMaxReturnLength(), s.filterUnique(), r.includeOutput());
            }
        };
        Replies.send(env, m, MessageType.HISTORY_REPLY, Replies.history(entries));
    }

    @Override
    public void interrupt() {
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().interrupt();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        interrupt();
    }

    /** Not used: cells go through {@link #onExecute}, which needs the request, not just the code. */
    @Override
    public DisplayData eval(String expr) throws Exception {
        Evaluator.Result r = evaluator().eval(expr, "In [?]");
        return r.hasValue() ? Bundles.result(r.value()) : null;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo.Builder("java").version(System.getProperty("java.version"))
                .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java").codemirror("java").build();
    }
}
