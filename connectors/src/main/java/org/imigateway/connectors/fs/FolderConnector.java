package org.imigateway.connectors.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.imigateway.connectors.BackendPort;
import org.imigateway.connectors.Connector;
import org.imigateway.connectors.Delivery;
import org.imigateway.connectors.SubmissionError;
import org.imigateway.connectors.SubmissionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend that exchanges files. Under its root folder:
 * <pre>
 *   outbox/&lt;id&gt;/      metadata.xml + payload files + READY (written last): one submission; &lt;id&gt; is its submission id
 *   sent/&lt;id&gt;/        submitted; sent/&lt;id&gt;.acknowledged (its MessageId) once the receiver's receipt is in;
 *                    a folder dropped again under an id already sent goes to sent/.repeats/, unsent
 *   failed/&lt;id&gt;/      refused at submission or failed when sent, with failed/&lt;id&gt;.error beside it;
 *                    an operator's resend that succeeds moves it back to sent/ with its .acknowledged
 *   inbox/&lt;hash&gt;/     one folder per delivered message, as {@link FolderInbox} writes it
 * </pre>
 * A submission folder is picked up only once its {@code READY} marker exists, so a backend that is
 * still copying payloads is never read half-way. A crash after the submission and before the move
 * to {@code sent/} picks the folder up again, and the same submission id sends nothing new.
 */
public final class FolderConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(FolderConnector.class);
    public static final String READY = "READY";
    /** Under {@code sent/}: folders dropped again under a submission id already sent. */
    public static final String REPEATS = ".repeats";

    private final String backend;
    private final Path outbox;
    private final Path sent;
    private final Path failed;
    private final FolderInbox inbox;
    private final Duration pollInterval;
    private ScheduledExecutorService poller;

    public FolderConnector(String backend, Path root, Duration pollInterval) throws IOException {
        this.backend = backend;
        this.outbox = Files.createDirectories(root.resolve("outbox"));
        this.sent = Files.createDirectories(root.resolve("sent"));
        this.failed = Files.createDirectories(root.resolve("failed"));
        this.inbox = new FolderInbox(root);
        this.pollInterval = pollInterval;
    }

    @Override
    public synchronized void start(BackendPort port) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "folder-backend-" + backend));
        poller.scheduleWithFixedDelay(() -> pollOnce(port), 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Submits every complete folder of the outbox, oldest name first. */
    void pollOnce(BackendPort port) {
        try {
            for (Path folder : readyFolders()) {
                submit(port, folder);
            }
        } catch (IOException | RuntimeException e) {
            // The gateway or the disk is unwell: the folders stay and are tried at the next poll.
            LOG.warn("folder backend {}: outbox not processed, trying again: {}", backend, e.toString());
        }
    }

    private List<Path> readyFolders() throws IOException {
        try (Stream<Path> list = Files.list(outbox)) {
            return list.filter(p -> Files.isDirectory(p) && Files.exists(p.resolve(READY))).sorted().toList();
        }
    }

    private void submit(BackendPort port, Path folder) throws IOException {
        String id = folder.getFileName().toString();
        try {
            String messageId = port.submit(SubmissionMetadata.read(folder));
            LOG.info("folder backend {}: submission {} accepted as message {}", backend, id, messageId);
            Path target = sent.resolve(id);
            if (Files.exists(target)) {
                // The same submission id again: it was sent once; the copy is kept aside, not sent.
                Path repeats = Files.createDirectories(sent.resolve(REPEATS));
                DurableFiles.moveAtomically(folder, repeats.resolve(id + "-" + System.currentTimeMillis()));
            } else {
                DurableFiles.moveAtomically(folder, target);
            }
        } catch (SubmissionException e) {
            LOG.warn("folder backend {}: submission {} refused: {} {}", backend, id, e.errorCode(), e.getMessage());
            moveToFailed(folder, id, e.errorCode() + ": " + e.getMessage());
        }
    }

    /** The error file first, then the folder: a crash in between leaves the submission in the outbox. */
    private void moveToFailed(Path folder, String id, String error) throws IOException {
        Path target = failed.resolve(id);
        DurableFiles.deleteTree(target);
        DurableFiles.writeText(failed.resolve(id + ".error"), error + "\n");
        DurableFiles.moveAtomically(folder, target);
    }

    @Override
    public void sendSuccess(String messageId, Optional<String> submissionId) throws IOException {
        if (submissionId.isEmpty()) {
            return;
        }
        String id = submissionId.get();
        // A failed message an operator resent: it leaves failed/ for sent/, as if it had never failed.
        if (Files.isDirectory(failed.resolve(id)) && !Files.exists(sent.resolve(id))) {
            DurableFiles.moveAtomically(failed.resolve(id), sent.resolve(id));
        }
        if (Files.isDirectory(sent.resolve(id))) {
            Files.deleteIfExists(failed.resolve(id + ".error"));
            DurableFiles.writeText(sent.resolve(id + ".acknowledged"), messageId + "\n");
        }
    }

    @Override
    public void sendFailure(SubmissionError error) throws IOException {
        if (error.submissionId().isEmpty()) {
            return;
        }
        String id = error.submissionId().get();
        Path folder = sent.resolve(id);
        String text = error.errorCode() + ": " + error.detail() + error.messageId().map(m -> " (message " + m + ")")
                .orElse("");
        if (Files.isDirectory(folder)) {
            moveToFailed(folder, id, text);
        } else if (Files.isDirectory(failed.resolve(id))) {
            DurableFiles.writeText(failed.resolve(id + ".error"), text + "\n");
        }
    }

    /** Written by {@link FolderInbox}, the same format as the gateway's default inbox. */
    @Override
    public void deliver(Delivery delivery) throws IOException {
        inbox.deliver(delivery);
    }

    public Path inbox() {
        return inbox.folder();
    }

    public Path outbox() {
        return outbox;
    }

    public Path sent() {
        return sent;
    }

    public Path failed() {
        return failed;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdown();
            try {
                poller.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller = null;
        }
    }
}
