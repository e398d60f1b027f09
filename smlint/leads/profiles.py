"""The usual column names of each CRM's lead/contact exports, by semantic field.

Both the labels a person sees in an export ("Create Date") and the API names an
integration writes (``createdate``) are listed; headers are matched case-insensitively.
A pack's own ``columns:`` for a field come first, then these.
"""
from __future__ import annotations

HUBSPOT: dict[str, tuple[str, ...]] = {
    "record_id": ("Record ID", "Contact ID", "hs_object_id", "vid"),
    "email": ("Email", "email"),
    "phone": ("Phone Number", "Phone", "phone", "Mobile Phone Number", "mobilephone"),
    "first_name": ("First Name", "firstname"),
    "last_name": ("Last Name", "lastname"),
    "company": ("Company Name", "Company", "company"),
    "job_title": ("Job Title", "jobtitle"),
    "country": ("Country/Region", "Country", "country"),
    "created": ("Create Date", "createdate"),
    "stage": ("Lifecycle Stage", "lifecyclestage"),
    "lead_status": ("Lead Status", "hs_lead_status"),
    "score": ("HubSpot Score", "hubspotscore", "Lead Score"),
    "owner": ("Contact owner", "HubSpot Owner", "hubspot_owner_id"),
    "source": ("Original Source", "hs_analytics_source"),
    "source_detail": ("Original Source Drill-Down 1", "hs_analytics_source_data_1"),
    "campaign": ("UTM Campaign", "utm_campaign", "First Campaign", "Campaign"),
    "mql_at": ("Became a Marketing Qualified Lead Date", "hs_lifecyclestage_marketingqualifiedlead_date"),
    "sql_at": ("Became a Sales Qualified Lead Date", "hs_lifecyclestage_salesqualifiedlead_date"),
    "first_touch": ("Date of first engagement", "hs_sa_first_engagement_date", "First Contact Date"),
    "last_activity": ("Last Activity Date", "notes_last_updated"),
    "consent": ("Marketing contact status", "hs_marketable_status", "Email Consent"),
    "legal_basis": ("Legal basis for processing contact's data", "hs_legal_basis"),
    "last_email_at": ("Last marketing email send date", "hs_email_last_send_date"),
}

SALESFORCE: dict[str, tuple[str, ...]] = {
    "record_id": ("Id", "Lead ID"),
    "email": ("Email",),
    "phone": ("Phone", "MobilePhone", "Mobile"),
    "first_name": ("FirstName", "First Name"),
    "last_name": ("LastName", "Last Name"),
    "company": ("Company",),
    "job_title": ("Title",),
    "country": ("Country",),
    "created": ("CreatedDate", "Created Date", "Create Date"),
    "stage": ("Status", "Lead Status"),
    "score": ("Lead_Score__c", "Lead Score", "Score"),
    "owner": ("OwnerId", "Owner.Name", "Lead Owner"),
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
