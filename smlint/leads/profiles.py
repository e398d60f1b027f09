"""The usual column names of each CRM's lead/contact exports, by semantic field.

Both the labels a person sees in an export ("Create Date") and the API names an
integration writes (``createdate``) are listed; headers are matched case-insensitively and
the first name of a field's list that the header has wins. A pack's own ``columns:`` for a
field come first, then these. Which export shapes each profile covers, and from which vendor
documentation the names come, is in docs/leads.md ("Profiles").
"""
from __future__ import annotations

HUBSPOT: dict[str, tuple[str, ...]] = {
    "record_id": ("Record ID", "Contact ID", "hs_object_id", "vid", "id"),
    "email": ("Email", "email"),
    "phone": ("Phone Number", "Phone", "phone", "Mobile Phone Number", "mobilephone"),
    "first_name": ("First Name", "firstname"),
    "last_name": ("Last Name", "lastname"),
    "company": ("Company Name", "Company", "company"),
    "job_title": ("Job Title", "jobtitle"),
    "country": ("Country/Region", "Country", "country"),
    "created": ("Create Date", "createdate", "createdAt"),
    "stage": ("Lifecycle Stage", "lifecyclestage"),
    "lead_status": ("Lead Status", "hs_lead_status"),
    "score": ("HubSpot Score", "hubspotscore", "Lead Score"),
    "owner": ("Contact owner", "HubSpot Owner", "hubspot_owner_id"),
    "source": ("Original Source", "Original Traffic Source", "hs_analytics_source"),
    "source_detail": ("Original Source Drill-Down 1", "hs_analytics_source_data_1"),
    "campaign": ("UTM Campaign", "utm_campaign", "First Campaign", "Campaign"),
    "mql_at": ("Became a Marketing Qualified Lead Date", "hs_lifecyclestage_marketingqualifiedlead_date",
               "Date entered \"Marketing Qualified Lead (Lifecycle Stage Pipeline)\"",
               "hs_v2_date_entered_marketingqualifiedlead"),
    "sql_at": ("Became a Sales Qualified Lead Date", "hs_lifecyclestage_salesqualifiedlead_date"),
    # The first sales engagement when the export has it; else "Last Contacted", which is the
    # first touch for a lead touched once (and later than the first touch otherwise: the SLA
    # then errs towards reporting a breach, never towards hiding one).
    "first_touch": ("Date of first engagement", "hs_sa_first_engagement_date", "First Contact Date",
                    "Last Contacted", "notes_last_contacted"),
    "last_activity": ("Last Activity Date", "notes_last_updated", "Last Contacted", "notes_last_contacted"),
    "consent": ("Marketing contact status", "hs_marketable_status", "Email Consent"),
    "legal_basis": ("Legal basis for processing contact's data", "hs_legal_basis"),
    "last_email_at": ("Last marketing email send date", "hs_email_last_send_date"),
}

SALESFORCE: dict[str, tuple[str, ...]] = {
    "record_id": ("Id", "Lead ID"),
    "email": ("Email",),
    "phone": ("Phone", "MobilePhone", "Mobile", "Mobile Phone"),
    "first_name": ("FirstName", "First Name"),
    "last_name": ("LastName", "Last Name"),
    "company": ("Company", "Company / Account"),
    "job_title": ("Title", "Job Title"),
    "country": ("Country",),
    "created": ("CreatedDate", "Created Date", "Create Date"),
    "stage": ("Status", "Lead Status"),
    "score": ("Lead_Score__c", "Lead Score", "Score"),
    "owner": ("OwnerId", "Owner.Name", "Lead Owner", "Owner ID", "Owner Name"),
    "source": ("LeadSource", "Lead Source"),
    "campaign": ("Campaign_Name__c", "Primary Campaign Source", "Campaign"),
    "mql_at": ("MQL_Date__c", "MQL Date"),
    "first_touch": ("First_Touch__c", "First Activity Date", "First Touch"),
    "last_activity": ("LastActivityDate", "Last Activity"),
    "consent": ("HasOptedOutOfEmail", "Email Opt Out"),
    "legal_basis": ("Legal_Basis__c", "Legal Basis"),
    "last_email_at": ("Last_Email_Sent__c", "Last Email Sent"),
}

GENERIC: dict[str, tuple[str, ...]] = {
    "record_id": ("id", "lead_id", "record_id"),
    "email": ("email", "e-mail", "email_address"),
    "phone": ("phone", "phone_number", "mobile", "telephone"),
    "first_name": ("first_name", "firstname"),
    "last_name": ("last_name", "lastname"),
    "company": ("company", "company_name", "organization"),
    "job_title": ("job_title", "title"),
    "country": ("country", "country_code"),
    "created": ("created", "created_at", "create_date"),
    "stage": ("stage", "lifecycle_stage", "status"),
    "score": ("score", "lead_score"),
    "owner": ("owner", "lead_owner", "assigned_to"),
    "source": ("source", "lead_source"),
    "campaign": ("campaign", "utm_campaign"),
    "mql_at": ("mql_at", "mql_date"),
    "first_touch": ("first_touch", "first_touch_at", "first_contacted_at"),
    "last_activity": ("last_activity", "last_activity_at"),
    "consent": ("consent", "marketing_consent", "opt_in"),
    "legal_basis": ("legal_basis",),
    "last_email_at": ("last_email_at", "last_emailed_at"),
}

PROFILES = {"hubspot": HUBSPOT, "salesforce": SALESFORCE, "generic": GENERIC}


def columns_for(profile: str, field: str) -> tuple[str, ...]:
    """The profile's usual column names for a semantic field (empty when it has none)."""
    return PROFILES.get(profile, GENERIC).get(field, ())
