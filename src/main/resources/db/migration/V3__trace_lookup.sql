-- The trace command finds notices by the partner's own reference alone (it may not know the
-- partner); the notice_version constraint's index starts with partner_id and cannot serve that.
CREATE INDEX notice_reference ON notice (reference);
