package org.imigateway.store;

/**
 * The longest ebMS header values the message log can keep, one constant per column width of
 * {@code db/migration/V1__message_log.sql}. A value that does not fit is refused where it
 * enters (received header, backend submission) as a fault of the sender, before any insert
 * could fail as a fault of ours. Change a width here and in a migration together.
 */
public final class ColumnLimits {

    /** message.message_id, ref_to_message_id, conversation_id, from_party, to_party, service, service_type, ebms_action. */
    public static final int HEADER_VALUE = 255;
    /** message_property.prop_name and prop_type; payload_property likewise. */
    public static final int PROPERTY_NAME = 255;
    /** message_property.prop_value; payload_property likewise. */
    public static final int PROPERTY_VALUE = 1024;
    /** payload.mime_type. */
    public static final int MIME_TYPE = 255;
    /** payload.charset. */
    public static final int CHARSET = 64;

    private ColumnLimits() {
    }
}
