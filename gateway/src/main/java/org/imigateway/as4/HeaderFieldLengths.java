package org.imigateway.as4;

import java.util.List;

import org.imigateway.schemas.ebms3.AgreementRef;
import org.imigateway.schemas.ebms3.CollaborationInfo;
import org.imigateway.schemas.ebms3.MessageInfo;
import org.imigateway.schemas.ebms3.PartInfo;
import org.imigateway.schemas.ebms3.PartyId;
import org.imigateway.schemas.ebms3.Property;
import org.imigateway.schemas.ebms3.UserMessage;
import org.imigateway.store.ColumnLimits;

/**
 * Every value of a UserMessage header within the length the message log keeps
 * ({@link ColumnLimits}); fields the log does not keep (PartyId type, Role, AgreementRef, PartInfo
 * href) get the same bound as the header values. A longer value can never be accepted, so it is
 * refused as an invalid header (EBMS:0009, final) naming the field and its maximum, not left
 * to fail the database insert, which would read as a fault of ours and invite a resend.
 */
public final class HeaderFieldLengths {

    private HeaderFieldLengths() {
    }

    public static void check(UserMessage user) throws EbmsException {
        MessageInfo info = user.getMessageInfo();
        if (info != null) {
            header("MessageInfo/MessageId", info.getMessageId());
            header("MessageInfo/RefToMessageId", info.getRefToMessageId());
        }
        if (user.getPartyInfo() != null) {
            if (user.getPartyInfo().getFrom() != null) {
                parties("From", user.getPartyInfo().getFrom().getPartyIds());
                header("PartyInfo/From/Role", user.getPartyInfo().getFrom().getRole());
            }
            if (user.getPartyInfo().getTo() != null) {
                parties("To", user.getPartyInfo().getTo().getPartyIds());
                header("PartyInfo/To/Role", user.getPartyInfo().getTo().getRole());
            }
        }
        CollaborationInfo collaboration = user.getCollaborationInfo();
        if (collaboration != null) {
            AgreementRef agreement = collaboration.getAgreementRef();
            if (agreement != null) {
                header("CollaborationInfo/AgreementRef", agreement.getValue());
                header("CollaborationInfo/AgreementRef/@type", agreement.getType());
                header("CollaborationInfo/AgreementRef/@pmode", agreement.getPmode());
            }
            if (collaboration.getService() != null) {
                header("CollaborationInfo/Service", collaboration.getService().getValue());
                header("CollaborationInfo/Service/@type", collaboration.getService().getType());
            }
            header("CollaborationInfo/Action", collaboration.getAction());
            header("CollaborationInfo/ConversationId", collaboration.getConversationId());
        }
        if (user.getMessageProperties() != null) {
            properties("MessageProperties", user.getMessageProperties().getProperties());
        }
        if (user.getPayloadInfo() != null) {
            for (PartInfo part : user.getPayloadInfo().getPartInfos()) {
                header("PayloadInfo/PartInfo/@href", part.getHref());
                if (part.getPartProperties() != null) {
                    properties("PartInfo/PartProperties", part.getPartProperties().getProperties());
                }
            }
        }
    }

    private static void parties(String role, List<PartyId> ids) throws EbmsException {
        for (PartyId id : ids) {
            header("PartyInfo/" + role + "/PartyId", id.getValue());
            header("PartyInfo/" + role + "/PartyId/@type", id.getType());
        }
    }

    private static void properties(String where, List<Property> properties) throws EbmsException {
        for (Property property : properties) {
            within(where + "/Property/@name", property.getName(), ColumnLimits.PROPERTY_NAME);
            String named = where + "/Property[@name='" + property.getName() + "']";
            within(named + "/@type", property.getType(), ColumnLimits.PROPERTY_NAME);
            // the payload table keeps these two PartProperties in narrower columns of their own
            int limit = !where.startsWith("PartInfo") ? ColumnLimits.PROPERTY_VALUE : switch (String.valueOf(property.getName())) {
                case "MimeType" -> ColumnLimits.MIME_TYPE;
                case "CharacterSet" -> ColumnLimits.CHARSET;
                default -> ColumnLimits.PROPERTY_VALUE;
            };
            within(named, property.getValue(), limit);
        }
    }

    private static void header(String field, String value) throws EbmsException {
        within(field, value, ColumnLimits.HEADER_VALUE);
    }

    private static void within(String field, String value, int max) throws EbmsException {
        if (value != null && value.length() > max) {
            throw new EbmsException(EbmsErrorCode.INVALID_HEADER, "eb:" + field + " is " + value.length()
                    + " characters long; at most " + max + " are allowed");
        }
    }
}
