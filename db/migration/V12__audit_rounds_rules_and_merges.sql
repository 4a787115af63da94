-- The tables added beside the audit trail are audited like the others: verification rounds and
-- their results, the programmes' exclusion and eligibility rules, and member merges (about the
-- kept person and the removed record's household).
SELECT audit_table('verification_round');
SELECT audit_table('verification_result');
SELECT audit_table('exclusion_rule');
SELECT audit_table('eligibility_rule');
SELECT audit_table('member_merge', 'household_id', 'kept_member_id');
