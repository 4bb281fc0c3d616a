package org.imigateway.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.imigateway.connectors.fs.FolderConnector;
import org.imigateway.schemas.imi.ImiDocumentType;
import org.imigateway.sandbox.SandboxDirectory.Area;

/**
 * The national system of the integrator, played by the test the way a real one would talk to its
 * access point: it writes submission folders into the folder backend's outbox and reads its inbox,
 * and before its next step in a case it waits until the previous one is acknowledged (the
 * backend's {@code sent/<id>.acknowledged}). A request already past its answer-by date it leaves
 * alone, as the overdue scenario asks. {@code answersBeforeAccepting} makes it the wrong
 * integrator that answers a request it never accepted; {@code registers} names the authority it
 * registers, if any.
 */
final class ScriptedIntegrator implements Runnable {

    private final Path backend;
    private final SandboxDirectory directory;
    private final boolean answersBeforeAccepting;
    private final boolean startsOwnExchanges;
    private final Optional<String> registers;
    private final Set<String> handled = new HashSet<>();
    private volatile boolean stopped;
    private volatile Exception failure;
    private int counter;

    ScriptedIntegrator(Path backend, SandboxDirectory directory, boolean answersBeforeAccepting, boolean startsOwnExchanges,
            Optional<String> registers) {
        this.backend = backend;
        this.directory = directory;
        this.answersBeforeAccepting = answersBeforeAccepting;
        this.startsOwnExchanges = startsOwnExchanges;
        this.registers = registers;
        // what an earlier play left in the inbox is not this play's to answer
        Path inbox = backend.resolve("inbox");
        if (Files.isDirectory(inbox)) {
            try (Stream<Path> folders = Files.list(inbox)) {
                folders.forEach(f -> handled.add(f.toString()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public void run() {
        try {
            String us = directory.integrator();
            if (startsOwnExchanges) {
                submitAndWait(ImiDocumentType.REQUEST_SUBMIT, us, "FR-ROBOT",
                        Documents.request(Area.SERVICES, "IE-SVC-" + System.nanoTime(), us, "FR-ROBOT"));
                String alertId = "IE-ALERT-" + System.nanoTime();
                submitAndWait(ImiDocumentType.ALERT_SEND, us, us, Documents.alert(alertId, us, List.of("DE", "FR", "PL")));
                submitAndWait(ImiDocumentType.ALERT_CLOSE, us, us, Documents.alertEnd(alertId, us, "Resolved."));
            }
            if (registers.isPresent()) {
                String newcomer = registers.get();
                submitAndWait(ImiDocumentType.DIRECTORY_REGISTER, newcomer, directory.integratorCoordinator(),
                        "<registration xmlns=\"urn:imigateway:imi:directory:1\"><authority id=\"" + newcomer + "\" country=\""
                                + directory.integratorCountry() + "\"><name lang=\"en\">Second authority</name><accessPoint>"
                                + SandboxDirectory.INTEGRATOR_ACCESS_POINT + "</accessPoint>" + SandboxDirectory.grants()
                                + "</authority></registration>");
            }
            while (!stopped) {
                for (Seen seen : newMessages()) {
                    respond(seen);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        }
    }

    private void respond(Seen seen) throws Exception {
        String us = directory.integrator();
        if (seen.procedure().isEmpty() || seen.caseId().isEmpty() || !seen.finalRecipient().equals(us)) {
            return;
        }
        String procedure = seen.procedure().get();
        if (procedure.equals(SandboxDirectory.ALERT_PROCEDURE)) {
            return;
        }
        Area area = Area.ofProcedure(procedure);
        String caseId = seen.caseId().get();
        String robot = seen.originalSender();
        switch (seen.action()) {
            case "Submit" -> {
                if (LocalDate.parse(seen.text("answerBy")).isBefore(Documents.today())) {
                    return; // already late: the hub's Overdue comes, then the robot's Close
                }
                if (answersBeforeAccepting) {
                    submitAndWait(ImiDocumentType.REQUEST_ANSWER, us, robot, Documents.answers(area, caseId, us, robot));
                } else {
                    submitAndWait(ImiDocumentType.REQUEST_ACCEPT, us, robot, Documents.acceptance(area, caseId, us, robot));
                    submitAndWait(ImiDocumentType.REQUEST_ANSWER, us, robot, Documents.answers(area, caseId, us, robot));
                }
            }
            case "ProposeAnswerBy" -> submitAndWait(ImiDocumentType.REQUEST_ACCEPT, us, robot,
                    Documents.acceptance(area, caseId, us, robot));
            case "AskInformation" -> submitAndWait(ImiDocumentType.REQUEST_GIVE_INFORMATION, us, robot,
                    Documents.furtherInformation(area, caseId, us, robot, "The document is attached."));
            case "Answer" -> submitAndWait(ImiDocumentType.REQUEST_CLOSE, us, robot, Documents.closure(area, caseId, us, robot));
            default -> {
                // Accept and Close of the robots need nothing from us
            }
        }
    }

    private List<Seen> newMessages() throws IOException {
        Path inbox = backend.resolve("inbox");
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(inbox)) {
            List<Path> fresh = folders.filter(f -> Files.exists(f.resolve("metadata.xml")) && handled.add(f.toString()))
                    .sorted().toList();
            List<Seen> seen = new java.util.ArrayList<>();
            for (Path folder : fresh) {
                seen.add(Seen.read(SandboxDirectory.INTEGRATOR_ACCESS_POINT, folder));
            }
            return seen;
        }
    }

    /** Drops one submission folder into the outbox and waits for its receipt from the hub. */
    private void submitAndWait(ImiDocumentType type, String sender, String recipient, String xml) throws Exception {
        String id = "sub-" + System.nanoTime() + "-" + (++counter);
        Path folder = Files.createDirectories(backend.resolve("outbox").resolve(id));
        Files.writeString(folder.resolve("document.xml"), xml, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("metadata.xml"), "<submission xmlns=\"urn:imigateway:connectors:1.0\">"
                + "<toParty>" + SandboxDirectory.HUB + "</toParty><service type=\"" + ImiDocumentType.SERVICE_TYPE + "\">"
                + type.service() + "</service><action>" + type.action() + "</action>"
                + "<property name=\"originalSender\">" + sender + "</property>"
                + "<property name=\"finalRecipient\">" + recipient + "</property>"
                + "<payload file=\"document.xml\" mimeType=\"application/xml\"/></submission>", StandardCharsets.UTF_8);
        Files.createFile(folder.resolve(FolderConnector.READY));
        Path acknowledged = backend.resolve("sent").resolve(id + ".acknowledged");
        Path failed = backend.resolve("failed").resolve(id + ".error");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(acknowledged)) {
            if (Files.exists(failed)) {
                throw new IllegalStateException(type + " refused: " + Files.readString(failed));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(type + " not acknowledged within 60 s");
            }
            Thread.sleep(50);
        }
    }

    void stop() throws Exception {
        stopped = true;
        if (failure != null) {
            throw failure;
        }
    }
}
