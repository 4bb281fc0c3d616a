package org.imigateway.connectors.ws;

import jakarta.xml.ws.WebFault;

import org.imigateway.schemas.backend.pull.FaultDetail;

/** A SOAP fault whose detail carries the ebMS error code and the field at fault. */
@WebFault(name = "backendFault", targetNamespace = BackendService.NS)
public class BackendFault extends Exception {

    private final FaultDetail faultInfo;

    public BackendFault(String message, FaultDetail faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public BackendFault(String message, FaultDetail faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    public static BackendFault of(String errorCode, String detail) {
        FaultDetail info = new FaultDetail();
        info.setErrorCode(errorCode);
        info.setDetail(detail);
        return new BackendFault(errorCode + ": " + detail, info);
    }

    public FaultDetail getFaultInfo() {
        return faultInfo;
    }
}
