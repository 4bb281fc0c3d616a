package org.imigateway.as4.inflow;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.imigateway.as4.As4Part;
import org.imigateway.as4.Dom;
import org.imigateway.as4.EbmsErrorCode;
import org.imigateway.as4.EbmsException;
import org.imigateway.schemas.ebms3.PartInfo;

/**
 * Each PartInfo must name exactly one MIME part by {@code cid:} and each MIME part must be named
 * by exactly one PartInfo (EBMS:0007). A payload referenced by hyperlink is refused
 * (EBMS:0011), and so is one in the SOAP Body: the AS4 profile carries payloads as attachments.
 */
public final class CheckPayloadReferences implements InboundStep {

    @Override
    public void process(InboundContext context) throws EbmsException {
        List<PartInfo> infos = context.userMessage().getPayloadInfo() == null ? List.of()
                : context.userMessage().getPayloadInfo().getPartInfos();
        Set<String> referenced = new HashSet<>();
        for (PartInfo info : infos) {
            String href = info.getHref();
            if (href == null || href.isBlank()) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "a PartInfo has no href: payloads in the"
                        + " SOAP Body are not supported by the AS4 profile; send them as attachments");
            }
            if (!href.trim().regionMatches(true, 0, "cid:", 0, 4)) {
                throw new EbmsException(EbmsErrorCode.EXTERNAL_PAYLOAD_ERROR, "PartInfo href '" + href
                        + "' points outside the message; external payloads are not retrieved");
            }
            String id = As4Part.bareContentId(href);
            if (!referenced.add(id)) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "PartInfo href '" + href + "' appears twice");
            }
            if (context.envelope().part(id).isEmpty()) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "PartInfo href '" + href
                        + "' has no MIME part with that Content-ID");
            }
        }
        for (As4Part part : context.envelope().parts()) {
            if (!referenced.contains(part.contentId())) {
                throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY, "MIME part <" + part.contentId()
                        + "> is not described by any PartInfo");
            }
        }
        if (context.envelope().body() != null && !Dom.childElements(context.envelope().body()).isEmpty()) {
            throw new EbmsException(EbmsErrorCode.MIME_INCONSISTENCY,
                    "the SOAP Body is not empty; the AS4 profile carries payloads as attachments");
        }
    }
}
