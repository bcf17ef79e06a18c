-- Why a partner or a contact point is suspended, as the administrator said when suspending it
-- (null while active, or when no reason was given); the audit trail keeps every change as before.
ALTER TABLE partner ADD COLUMN status_reason VARCHAR(1000);
ALTER TABLE contact_point ADD COLUMN status_reason VARCHAR(1000);
