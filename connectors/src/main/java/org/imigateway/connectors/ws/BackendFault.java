package org.imigateway.connectors.ws;

import jakarta.xml.ws.WebFault;

/** A SOAP fault whose detail carries the ebMS error code and the field at fault. */
@WebFault(name = "backendFault", targetNamespace = BackendService.NS)
public class BackendFault extends Exception {

    private final WsMessages.FaultDetail faultInfo;

    public BackendFault(String message, WsMessages.FaultDetail faultInfo) {
        super(message);
        this.faultInfo = faultInfo;
    }

    public BackendFault(String message, WsMessages.FaultDetail faultInfo, Throwable cause) {
        super(message, cause);
        this.faultInfo = faultInfo;
    }

    public static BackendFault of(String errorCode, String detail) {
        WsMessages.FaultDetail info = new WsMessages.FaultDetail();
        info.errorCode = errorCode;
        info.detail = detail;
        return new BackendFault(errorCode + ": " + detail, info);
    }

    public WsMessages.FaultDetail getFaultInfo() {
        return faultInfo;
    }
}
