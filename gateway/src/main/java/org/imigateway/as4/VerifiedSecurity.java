package org.imigateway.as4;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Element;

/**
 * What WSS4J established about a message: who signed it, which elements and attachments the
 * signature covers, which attachments were encrypted, and the signature's ds:Reference
 * elements (the digests a receipt's NonRepudiationInformation repeats).
 */
public record VerifiedSecurity(
        Optional<X509Certificate> signer,
        List<Element> signedElements,
        Set<String> signedAttachments,
        Set<String> encryptedAttachments,
        List<Element> signatureReferences,
        int signatureCount) {

    public VerifiedSecurity {
        signedElements = List.copyOf(signedElements);
        signedAttachments = Set.copyOf(signedAttachments);
        encryptedAttachments = Set.copyOf(encryptedAttachments);
        signatureReferences = List.copyOf(signatureReferences);
    }

    public boolean signed() {
        return signer.isPresent();
    }
}
