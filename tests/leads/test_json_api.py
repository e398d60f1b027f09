"""API responses as lead exports: HubSpot's CRM API and Salesforce's REST query (issue 13).

HubSpot's ``GET /crm/v3/objects/contacts`` answers ``{"results": [{"id", "properties": {…}}],
"paging": {"next": {"after": …}}}``; it used to be "must be an array" and exit 0.
"""
from __future__ import annotations

import json

from click.testing import CliRunner

from smlint.cli import main
from smlint.leads.records import flatten

from .conftest import rows, write

PROPS = {"email": "", "phone": "", "company": "Acme Robotics", "jobtitle": "CTO", "country": "United States",
         "createdate": "2024-06-27T13:00:00.000Z", "lifecyclestage": "marketingqualifiedlead", "hubspotscore": "72",
         "hubspot_owner_id": "", "hs_analytics_source": "PAID_SEARCH", "utm_campaign": "spring-webinar",
         "hs_lifecyclestage_marketingqualifiedlead_date": "2024-06-27T13:00:00.000Z",
         "hs_sa_first_engagement_date": None, "notes_last_updated": "2024-06-27T13:00:00.000Z",
         "hs_marketable_status": "true", "hs_email_last_send_date": None}


def contact(i: int, **props) -> dict:
    return {"id": str(500 + i), "properties": {**PROPS, "email": f"lead{i}@acme-robotics.io",
                                               "hubspot_owner_id": "31337", **props},
            "createdAt": "2024-06-27T13:00:00.000Z", "updatedAt": "2024-06-28T09:00:00.000Z", "archived": False}


def response(*contacts, after: str | None = None) -> str:
    doc = {"results": list(contacts)}
    if after:
        link = f"https://api.example.test/crm/v3/objects/contacts?after={after}"
        doc["paging"] = {"next": {"after": after, "link": link}}
    return json.dumps(doc, indent=2)


def invoke(*args):
    result = CliRunner().invoke(main, ["leads", *args, "--as-of", "2024-07-01T12:00:00Z", "--format", "json"],
                                catch_exceptions=False)
    return result, json.loads(result.output)


def test_hubspot_api_results_with_nested_properties_are_checked(tmp_path):
    text = response(contact(1, hs_sa_first_engagement_date="2024-06-27T15:00:00.000Z"),
                    contact(2, email="test@test.com"), contact(3, hubspot_owner_id=""))
    path = write(tmp_path, "contacts.json", text)
    result, doc = invoke(path)
    assert doc["errors"] == [] and doc["records"] == 3
    found = sorted((f["row"], f["rule"], f["field"]) for f in doc["findings"])
    first, second, third = [n for n, line in enumerate(text.splitlines(), 1) if line == "    {"]  # where each starts
    assert first == 3
    assert found == [(second, "hubspot-leads/email-placeholder", "email"),
                     (second, "hubspot-leads/first-touch-sla", "hs_sa_first_engagement_date"),
                     (third, "hubspot-leads/first-touch-sla", "hs_sa_first_engagement_date"),
                     (third, "hubspot-leads/mql-unassigned", "hubspot_owner_id")]
    assert result.exit_code == 1
    assert doc["inputs"][0]["records_key"] == "results" and "next_page" not in doc["inputs"][0]


def test_one_page_of_several_says_the_other_pages_were_not_checked(tmp_path):
    path = write(tmp_path, "page1.json", response(contact(1), after="NTI1Cg%3D%3D"))
    result = CliRunner().invoke(main, ["leads", path, "--as-of", "2024-07-01T12:00:00Z"])
    assert (f'{path}: one page of a longer list (paging.next: {{"after": "NTI1Cg%3D%3D", "link": '
            '"https://api.example.test/crm/v3/objects/contacts?after=NTI1Cg%3D%3D"}): the other pages were not '
            "checked") in result.output


def test_records_path_names_another_key_and_a_wrong_one_is_a_file_error(tmp_path):
    path = write(tmp_path, "export.json", json.dumps({"meta": {"n": 1}, "items": [contact(1)]}))
    _, doc = invoke(path, "--records-path", "items")
    assert doc["errors"] == [] and doc["records"] == 1
    result, doc = invoke(path, "--records-path", "contacts")
    assert result.exit_code == 2
    assert doc["errors"][0]["message"] == ("line 1: --records-path contacts: no such key in the object (its keys: "
                                           "'meta', 'items')")


def test_salesforce_rest_records_flatten_relationships_to_dotted_columns(tmp_path):
    record = {"attributes": {"type": "Lead", "url": "/services/data/v60.0/sobjects/Lead/00Q5g00000D1"},
              "Id": "00Q5g00000D1", "Email": "lucia.ferri@globex-logistics.com", "Owner": {"Name": "Marta Vidal"}}
    assert flatten(record) == {"attributes.type": "Lead", "attributes.url": record["attributes"]["url"],
                               "Id": "00Q5g00000D1", "Email": "lucia.ferri@globex-logistics.com",
                               "Owner.Name": "Marta Vidal"}
    header, out = rows(write(tmp_path, "q.json", json.dumps({"totalSize": 1, "done": True, "records": [record]})))
    assert header == ["attributes.type", "attributes.url", "Id", "Email", "Owner.Name"]
    assert out[0][1][4] == "Marta Vidal"


def test_paging_before_results_is_noted_too(tmp_path):
    text = json.dumps({"paging": {"next": {"after": "2"}}, "results": [contact(1)]})
    _, doc = invoke(write(tmp_path, "page.json", text))
    assert doc["records"] == 1 and doc["inputs"][0]["next_page"] == {"after": "2"}


def test_the_python_api_takes_records_path_and_encoding(tmp_path):
    from smlint.api import check_leads

    path = write(tmp_path, "export.json", json.dumps({"items": [contact(1)]}).encode("utf-16"))
    result = check_leads([path], as_of="2024-07-01T12:00:00Z", records_path="items", encoding="utf-16")
    assert result.errors == [] and result.rows == 1
    assert (result.inputs[0]["encoding"], result.inputs[0]["records_key"]) == ("utf-16", "items")


def test_a_key_the_first_records_leave_out_is_still_a_column(tmp_path):
    # exporters that drop empty fields: the first record has no phone, the second has one
    records = [{"Email": "ana@acme-robotics.io"}, {"Email": "bea@acme-robotics.io", "Phone": "+34 612 345 678"}]
    for name, text in (("a.json", json.dumps(records)), ("a.jsonl", "\n".join(map(json.dumps, records)) + "\n")):
        header, out = rows(write(tmp_path, name, text))
        assert header == ["Email", "Phone"]
        assert [cells for _, cells, _ in out] == [["ana@acme-robotics.io", ""],
                                                  ["bea@acme-robotics.io", "+34 612 345 678"]]
