"""The careers site for machines: schema.org JobPosting, the job-board XML feed and the sitemap.

Absolute URLs start from PLEIN_BASE_URL (settings.BASE_URL), never from the request's Host
header: a crawler behind a proxy must see the one public address.

The job-board feed follows the widely used Indeed-style XML layout, so most Dutch and
international job boards can read it without a custom mapping::

    <source>
      <publisher>Van Dijk Installatietechniek</publisher>
      <publisherurl>https://…/</publisherurl>
      <lastBuildDate>2026-11-30T09:00:00+01:00</lastBuildDate>
      <job>
        <referencenumber>VAC-12</referencenumber>   stable id
        <title>…</title>
        <url>https://…/werken-bij/vacatures/…/</url>
        <company>…</company>
        <date>2026-11-20</date>                      publication date
        <expirationdate>2026-12-31</expirationdate>  last day to apply
        <city>Utrecht</city> <postalcode>3528 BA</postalcode> <streetaddress>…</streetaddress>
        <country>NL</country>
        <remotetype>on_site|hybrid|remote</remotetype>
        <description>…HTML…</description>
        <salary>€3.100 tot €4.200 bruto per maand</salary>  human text
        <salarymin>3100</salarymin> <salarymax>4200</salarymax>
        <salarycurrency>EUR</salarycurrency> <salaryperiod>month|year</salaryperiod>
        <hoursmin>32</hoursmin> <hoursmax>40</hoursmax>
        <jobtype>fulltime, parttime</jobtype>        from the hours and the contract
        <contract>permanent|fixed_term|apprenticeship|internship|freelance</contract>
        <category>Service Midden</category>          the department
        <language>nl</language>
      </job>
    </source>
"""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from plein.careers.models import ContractType, SalaryPeriod, Vacancy, Workplace
from plein.core.models import Organisation

# Dutch collective agreements put full time at 36 to 40 hours.
FULL_TIME_HOURS = 36
COUNTRY = "NL"
POSTCODE = re.compile(r"\b(\d{4}\s?[A-Z]{2})\b")
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def namespace(language: str) -> str:
    return "careers_en" if language == "en" else "careers"


def absolute(path: str) -> str:
    return f"{settings.BASE_URL}{path}"


def vacancy_path(vacancy: Vacancy, language: str) -> str:
    return reverse(f"{namespace(language)}:vacancy", args=[vacancy.slug])


def employment_types(vacancy: Vacancy) -> list[str]:
    """schema.org / Google employmentType values from the contract and the hours."""
    if vacancy.contract_type == ContractType.INTERNSHIP:
        return ["INTERN"]
    if vacancy.contract_type == ContractType.FREELANCE:
        return ["CONTRACTOR"]
    types = []
    if vacancy.hours_max >= FULL_TIME_HOURS:
        types.append("FULL_TIME")
    if vacancy.hours_min < FULL_TIME_HOURS:
        types.append("PART_TIME")
    if vacancy.contract_type == ContractType.FIXED_TERM:
        types.append("TEMPORARY")
    return types


def valid_through(vacancy: Vacancy) -> datetime.datetime:
    """The end of the closing day, in the organisation's time zone."""
    end = datetime.datetime.combine(vacancy.closes_on, datetime.time(23, 59, 59))
    return timezone.make_aware(end, timezone.get_default_timezone())


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    city: str


def address_of(vacancy: Vacancy) -> Address | None:
    """The location's address split as "Street 12, 1234 AB City"; None without a location."""
    location = vacancy.location
    if location is None:
        return None
    street, postcode = "", ""
    if location.address:
        parts = [part.strip() for part in location.address.split(",")]
        street = parts[0] if len(parts) > 1 else ""
        found = POSTCODE.search(location.address)
        postcode = found[1] if found else ""
    return Address(street=street, postcode=postcode, city=location.city)


def job_posting(vacancy: Vacancy, language: str, organisation: Organisation) -> dict[str, Any]:
    """The schema.org JobPosting for an open vacancy: every property Google for Jobs requires
    (title, description, datePosted, hiringOrganization, jobLocation or jobLocationType +
    applicantLocationRequirements) and recommends (validThrough, baseSalary, employmentType,
    directApply, identifier)."""
    base = settings.BASE_URL
    hiring: dict[str, Any] = {"@type": "Organization", "name": organisation.name, "sameAs": base}
    if organisation.logo:
        hiring["logo"] = absolute(reverse("people:logo"))
    posting: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": vacancy.title_in(language),
        "description": vacancy.description_html_in(language),
        "datePosted": vacancy.publish_on.isoformat(),
        "validThrough": valid_through(vacancy).isoformat(),
        "employmentType": employment_types(vacancy),
        "hiringOrganization": hiring,
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "EUR",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": vacancy.salary_min,
                "maxValue": vacancy.salary_max,
                "unitText": "YEAR" if vacancy.salary_period == SalaryPeriod.YEAR else "MONTH",
            },
        },
        # Applications arrive by e-mail to the recruiter until the application form exists.
        "directApply": False,
        "identifier": {
            "@type": "PropertyValue",
            "name": organisation.name,
            "value": vacancy.reference,
        },
        "url": absolute(vacancy_path(vacancy, language)),
        "inLanguage": vacancy.content_language(language),
        "workHours": str(vacancy.hours_label),
    }
    address = address_of(vacancy)
    if address is not None:
        postal: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": COUNTRY}
        if address.street:
            postal["streetAddress"] = address.street
        if address.postcode:
            postal["postalCode"] = address.postcode
        if address.city:
            postal["addressLocality"] = address.city
        posting["jobLocation"] = {"@type": "Place", "address": postal}
    if vacancy.workplace == Workplace.REMOTE:
        posting["jobLocationType"] = "TELECOMMUTE"
        posting["applicantLocationRequirements"] = {"@type": "Country", "name": COUNTRY}
    return posting


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_script(data: dict[str, Any]) -> SafeString:
    """JSON that cannot end its <script> element early (like Django's json_script)."""
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - escaped above


# --- Job-board XML ----------------------------------------------------------------------------


def _sub(parent: ET.Element, tag: str, text: object) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = str(text)
    return element


def job_board_xml(vacancies: Iterable[Vacancy], organisation: Organisation) -> bytes:
    """The open vacancies for job boards, in Dutch (the default language of the site)."""
    with translation.override("nl"):
        root = ET.Element("source")
        _sub(root, "publisher", organisation.name)
        _sub(root, "publisherurl", absolute(reverse("careers:home")))
        _sub(root, "lastBuildDate", timezone.localtime().isoformat(timespec="seconds"))
        for vacancy in vacancies:
            job = ET.SubElement(root, "job")
            _sub(job, "referencenumber", vacancy.reference)
            _sub(job, "title", vacancy.title_nl)
            _sub(job, "url", absolute(vacancy_path(vacancy, "nl")))
            _sub(job, "company", organisation.name)
            _sub(job, "date", vacancy.publish_on.isoformat())
            _sub(job, "expirationdate", vacancy.closes_on.isoformat())
            address = address_of(vacancy)
            if address is not None:
                if address.city:
                    _sub(job, "city", address.city)
                if address.postcode:
                    _sub(job, "postalcode", address.postcode)
                if address.street:
                    _sub(job, "streetaddress", address.street)
            _sub(job, "country", COUNTRY)
            _sub(job, "remotetype", vacancy.workplace)
            _sub(job, "description", vacancy.description_html_nl)
            _sub(job, "salary", vacancy.salary_label)
            _sub(job, "salarymin", vacancy.salary_min)
            _sub(job, "salarymax", vacancy.salary_max)
            _sub(job, "salarycurrency", "EUR")
            _sub(job, "salaryperiod", vacancy.salary_period)
            _sub(job, "hoursmin", vacancy.hours_min)
            _sub(job, "hoursmax", vacancy.hours_max)
            _sub(
                job,
                "jobtype",
                ", ".join(kind.lower().replace("_", "") for kind in employment_types(vacancy)),
            )
            _sub(job, "contract", vacancy.contract_type)
            _sub(job, "category", vacancy.department.name)
            _sub(job, "language", "nl")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# --- Sitemap ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SitemapEntry:
    paths: dict[str, str]  # language → path; the Dutch one is the canonical <loc>
    lastmod: datetime.date | None = None


def sitemap_xml(entries: Sequence[SitemapEntry]) -> bytes:
    """A sitemap with the English alternative of every page (xhtml:link hreflang)."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in entries:
        for path in entry.paths.values():
            url = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
            _sub(url, f"{{{SITEMAP_NS}}}loc", absolute(path))
            if entry.lastmod:
                _sub(url, f"{{{SITEMAP_NS}}}lastmod", entry.lastmod.isoformat())
            if len(entry.paths) > 1:
                for other_language, other_path in entry.paths.items():
                    ET.SubElement(
                        url,
                        f"{{{XHTML_NS}}}link",
                        {
                            "rel": "alternate",
                            "hreflang": other_language,
                            "href": absolute(other_path),
                        },
                    )
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
