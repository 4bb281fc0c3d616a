package org.imigateway.conformance.cases;

/** Whether a case checks the eDelivery AS4 profile itself or a behaviour IMI Gateway adds on top. */
public enum Scope {
    CORE("core"),
    IMI_EXTENSION("IMI Gateway extension");

    private final String label;

    Scope(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
