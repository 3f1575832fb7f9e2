"""Where a candidate came from: a colleague's referral code (`?ref=`), campaign parameters
(`utm_source`, `utm_medium`, `utm_campaign`) or another website (the Referer's host).

The public vacancy page is the same for every visitor and cached, so it cannot carry this in
its HTML. When a visitor lands on it *with* attribution, the page answers with a short-lived
(browser-session), signed, first-party cookie and `Cache-Control: private` for that one
response; the apply page reads the cookie (or its own query string) into hidden fields, so a
form shown again after an error keeps the source.
"""

import json
import re
from dataclasses import asdict, dataclass, fields
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, QueryDict
from django.utils.cache import patch_cache_control

from plein.careers.models import Application, ReferralCode
from plein.careers.models.applications import Source
from plein.careers.models.referrals import Channel

COOKIE = "plein_source"
SALT = "plein.careers.source"
SAFE = re.compile(r"[^\w.\-+ :/@]")
UTM_CHANNELS = {
    "email": Channel.EMAIL,
    "linkedin": Channel.LINKEDIN,
    "x": Channel.X,
    "twitter": Channel.X,
    "facebook": Channel.FACEBOOK,
    "whatsapp": Channel.WHATSAPP,
    "direct": Channel.DIRECT,
}


def _clean(value: Any, length: int = 100) -> str:
    return SAFE.sub("", str(value or ""))[:length].strip()


@dataclass
class Attribution:
    ref: str = ""
    utm_source: str = ""
    utm_medium: str = ""
    utm_campaign: str = ""
    referrer_host: str = ""

    @classmethod
    def from_mapping(cls, data: Any) -> "Attribution":
        return cls(**{f.name: _clean(data.get(f.name, "")) for f in fields(cls)})

    def __bool__(self) -> bool:
        return any(asdict(self).values())

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def external_host(request: HttpRequest) -> str:
    referer = request.headers.get("Referer", "")
    host = (urlsplit(referer).hostname or "").lower()
    own = (urlsplit(settings.BASE_URL).hostname or "").lower()
    if not host or host == own or host == request.get_host().split(":", 1)[0].lower():
        return ""
    return _clean(host, 200)


def _from_cookie(request: HttpRequest) -> Attribution:
    try:
        raw = request.get_signed_cookie(COOKIE, default="", salt=SALT)
        return Attribution.from_mapping(json.loads(raw)) if raw else Attribution()
    except (ValueError, TypeError, AttributeError):
        return Attribution()


def landing(query: QueryDict, request: HttpRequest) -> Attribution:
    found = Attribution.from_mapping(query)
    found.referrer_host = external_host(request)
    return found


def remember_source(request: HttpRequest, response: HttpResponseBase) -> None:
    """On the vacancy page: keep the attribution of a visitor who arrived with some. A referral
    code is not overwritten by a later visit without one."""
    found = landing(request.GET, request)
    if not found:
        return
    previous = _from_cookie(request)
    if previous.ref and not found.ref:
        return
    response.set_signed_cookie(
        COOKIE,
        json.dumps(found.as_dict()),
        salt=SALT,
        httponly=True,
        samesite="Lax",
        secure=bool(settings.SESSION_COOKIE_SECURE),
    )
    patch_cache_control(response, private=True, no_cache=True)


def for_apply_page(request: HttpRequest) -> Attribution:
    """What the apply form starts with: its own query string, else the cookie."""
    found = landing(request.GET, request)
    if found.ref or found.utm_source or found.utm_campaign:
        return found
    return _from_cookie(request) or found


def referral_query(code: str, channel: str = "") -> str:
    params = {"ref": code}
    if channel and channel != Channel.LINK:
        params |= {"utm_source": channel, "utm_medium": "referral"}
    return urlencode(params)


def apply_to(application: Application, attribution: Attribution) -> ReferralCode | None:
    """Fill the application's source fields; returns the referral code used, if any."""
    code = None
    if attribution.ref:
        code = ReferralCode.objects.select_related("person").filter(code=attribution.ref).first()
    application.utm_source = attribution.utm_source
    application.utm_medium = attribution.utm_medium
    application.utm_campaign = attribution.utm_campaign
    application.referrer_host = attribution.referrer_host
    if code is not None:
        application.source = Source.REFERRAL
        application.referrer = code.person
        application.channel = UTM_CHANNELS.get(attribution.utm_source.lower(), Channel.LINK)
    elif attribution.utm_source or attribution.utm_campaign:
        application.source = Source.CAMPAIGN
        application.channel = attribution.utm_source.lower()[:40]
    elif attribution.referrer_host:
        application.source = Source.WEBSITE
        application.channel = attribution.referrer_host[:40]
    else:
        application.source = Source.DIRECT
    return code
