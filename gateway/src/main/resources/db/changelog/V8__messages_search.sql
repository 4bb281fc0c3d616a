-- Indexes for `imi-gateway messages search` (store.MessageQueries#search): each criterion an
-- operator searches by, most with created_at DESC after it: results come newest first, and Derby
-- reads an index only forwards.
-- MessageId is served by message_id_per_direction, status by message_by_status (V1).

CREATE INDEX message_by_conversation ON message (conversation_id, created_at DESC);

CREATE INDEX message_by_ref_to ON message (ref_to_message_id);

CREATE INDEX message_by_from_party ON message (from_party, created_at DESC);

CREATE INDEX message_by_to_party ON message (to_party, created_at DESC);

CREATE INDEX message_by_service_action ON message (service, ebms_action, created_at DESC);

CREATE INDEX message_by_created ON message (created_at DESC);

-- originalSender and finalRecipient are MessageProperties: found by name and value.
CREATE INDEX message_property_by_value ON message_property (prop_name, prop_value);
