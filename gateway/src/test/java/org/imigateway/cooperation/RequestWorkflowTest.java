package org.imigateway.cooperation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

import org.imigateway.procedure.RequestWorkflow.CaseState;
import org.imigateway.procedure.RequestWorkflow.Moved;
import org.imigateway.procedure.RequestWorkflow.Refused;
import org.imigateway.procedure.RequestWorkflow.Step;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.imigateway.procedure.Procedures;
import org.imigateway.procedure.ShippedProcedures;
import org.imigateway.procedure.RequestWorkflow;
/** The shipped request workflow (pq-request), step by step. */
class RequestWorkflowTest {

    private static final String DE = "DE-AEK-BERLIN";
    private static final String FR = "FR-ORDRE-MEDECINS";
    private static final String FR2 = "FR-ARS-PARIS";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static RequestWorkflow workflow;

    @BeforeAll
    static void load(@TempDir Path folder) throws Exception {
        ShippedProcedures.copyTo(folder);
        workflow = Procedures.load(folder).find("pq-request").orElseThrow().workflow().orElseThrow();
    }

    private static CaseState submitted() {
        return workflow.open("pq-request", "C-1", new Step("Submit", DE, FR, Optional.of(TODAY.plusDays(10))), TODAY);
    }

    private static CaseState moved(CaseState current, Step step) {
        RequestWorkflow.Outcome outcome = workflow.apply(current, step);
        return assertInstanceOf(Moved.class, outcome, () -> outcome.toString()).next();
    }

    private static Step step(String action, String from, String to) {
        return new Step(action, from, to, Optional.empty());
    }

    @Test
    void answerBeforeAcceptanceIsRefusedNamingStateAndAction() {
        Refused refused = assertInstanceOf(Refused.class, workflow.apply(submitted(), step("Answer", FR, DE)));

        assertEquals("SENT", refused.state());
        assertEquals("Answer", refused.action());
        assertTrue(refused.reason().contains("action Answer is not allowed in state SENT"), refused.reason());
        assertTrue(refused.reason().contains("Accept (responder)"), refused.reason());
    }

    @Test
    void wholeLifecycleWithForwardAndFurtherInformation() {
        CaseState state = submitted();
        assertEquals("SENT", state.state());
        assertEquals(FR, state.responder());

        state = moved(state, step("Forward", FR, FR2));
        assertEquals("SENT", state.state());
        assertEquals(FR2, state.responder());

        state = moved(state, new Step("ProposeAnswerBy", FR2, DE, Optional.of(TODAY.plusDays(30))));
        assertEquals("ANSWER_BY_PROPOSED", state.state());
        state = moved(state, new Step("Accept", DE, FR2, Optional.of(TODAY.plusDays(30))));
        assertEquals("ACCEPTED", state.state());
        assertEquals(TODAY.plusDays(30), state.answerBy());

        state = moved(state, step("AskInformation", FR2, DE));
        assertEquals("INFORMATION_REQUESTED", state.state());
        state = moved(state, step("GiveInformation", DE, FR2));
        assertEquals("ACCEPTED", state.state());
        state = moved(state, step("Answer", FR2, DE));
        assertEquals("ANSWERED", state.state());
        state = moved(state, step("Close", DE, FR2));
        assertEquals("CLOSED", state.state());
        assertTrue(workflow.isFinal(state.state()));

        Refused afterClose = assertInstanceOf(Refused.class, workflow.apply(state, step("Answer", FR2, DE)));
        assertTrue(afterClose.reason().contains("allowed there: nothing"), afterClose.reason());
    }

    @Test
    void theRequesterCannotAcceptItsOwnRequest() {
        Refused refused = assertInstanceOf(Refused.class,
                workflow.apply(submitted(), new Step("Accept", DE, FR, Optional.of(TODAY))));

        assertTrue(refused.reason().contains("is for the responder"), refused.reason());
    }

    @Test
    void aStrangerTakesNoPartInTheCase() {
        Refused refused = assertInstanceOf(Refused.class, workflow.apply(submitted(), step("Accept", FR2, DE)));

        assertTrue(refused.reason().contains("authority " + FR2 + " takes no part in case C-1"), refused.reason());
    }

    @Test
    void aStepMustBeAddressedToTheOtherParty() {
        Refused refused = assertInstanceOf(Refused.class,
                workflow.apply(submitted(), new Step("Accept", FR, FR2, Optional.of(TODAY))));

        assertTrue(refused.reason().contains("must be addressed to " + DE), refused.reason());
    }

    @Test
    void acceptanceWithoutAnswerByDateIsRefused() {
        Refused refused = assertInstanceOf(Refused.class, workflow.apply(submitted(), step("Accept", FR, DE)));

        assertTrue(refused.reason().contains("needs an answer-by date"), refused.reason());
    }

    @Test
    void aSecondSubmitOfTheSameCaseIsRefused() {
        Refused refused = assertInstanceOf(Refused.class, workflow.apply(submitted(), step("Submit", DE, FR)));

        assertEquals("SENT", refused.state());
    }

    @Test
    void anAcceptedRequestIsOverdueAfterItsAnswerByDateButNotOnIt() {
        CaseState accepted = moved(submitted(), new Step("Accept", FR, DE, Optional.of(TODAY.plusDays(5))));

        assertFalse(workflow.overdue(accepted, TODAY.plusDays(5)));
        assertTrue(workflow.overdue(accepted, TODAY.plusDays(6)));
        CaseState answered = moved(accepted, step("Answer", FR, DE));
        assertFalse(workflow.overdue(answered, TODAY.plusDays(60)));
    }

    @Test
    void withoutADateTheProcedureDefaultApplies() {
        CaseState opened = workflow.open("pq-request", "C-2", step("Submit", DE, FR), TODAY);

        assertEquals(TODAY.plusDays(14), opened.answerBy());
    }
}
